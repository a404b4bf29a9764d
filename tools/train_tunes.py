"""Train lesson 06's long-trained tune model and store it (the checkpoint the lesson loads).

    .venv/bin/python -m tools.train_tunes            # about 2 minutes on one CPU thread
    .venv/bin/python -m tools.train_tunes --check    # retrain and compare with the stored file

Seeded and on one CPU thread, so the same versions (requirements-lock.txt) give the same
weights: the script prints a digest of the weights, and `--check` retrains, writes
nothing, and fails unless the digest and the validation loss are the stored ones. The
settings are those of lesson 06's short run, only longer and wider (see SETTINGS); the
data are the lesson's: the tunes of `helpers.data.tunes`, split by tune with seed 0.
The file is written with `helpers.models.checkpoint.save_checkpoint` (plain tensors and
lists, read back with weights_only=True).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.core.language import set_language  # noqa: E402
from helpers.core.reproducibility import seed_everything  # noqa: E402
from helpers.data.tunes import load_tunes, split_by_tune  # noqa: E402
from helpers.models.char_model import CharRNN  # noqa: E402
from helpers.models.checkpoint import load_checkpoint, save_checkpoint  # noqa: E402
from helpers.models.tune_model import (  # noqa: E402
    encode_tunes,
    train_tune_model,
    tune_loss,
    tune_vocabulary,
)

PATH = ROOT / "helpers" / "data" / "tunes_lstm.pt"
SETTINGS = {"hidden_size": 256, "embedding_dim": 32, "steps": 4000, "batch_size": 32,
            "seq_len": 64, "lr": 6e-3, "clip": 1.0, "seed": 0}


def digest(model: torch.nn.Module) -> str:
    """The first 16 hex digits of the SHA-256 of every weight, in a fixed order."""
    sha = hashlib.sha256()
    for name, tensor in sorted(model.state_dict().items()):
        sha.update(name.encode())
        sha.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return sha.hexdigest()[:16]


def train(settings: dict = SETTINGS):
    """(model, vocab, validation ids, seconds): the seeded run of SETTINGS."""
    tunes = load_tunes()
    train_tunes, val_tunes = split_by_tune(tunes, 0.1, seed=0)
    vocab = tune_vocabulary(tunes)
    seed_everything(settings["seed"])
    model = CharRNN(len(vocab), settings["hidden_size"], settings["embedding_dim"], cell="lstm")
    start = time.perf_counter()
    train_tune_model(model, encode_tunes(train_tunes, vocab), settings["steps"],
                     batch_size=settings["batch_size"], seq_len=settings["seq_len"],
                     lr=settings["lr"], clip=settings["clip"], seed=settings["seed"],
                     progress=True)
    return model, vocab, encode_tunes(val_tunes, vocab), time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="retrain and compare with the stored checkpoint; write nothing")
    parser.add_argument("--path", type=Path, default=PATH)
    args = parser.parse_args(argv)
    set_language("en")  # the progress bar's words, like the script's own
    model, vocab, val_ids, seconds = train()
    loss = tune_loss(model, val_ids)
    print(f"{SETTINGS}\ntrained in {seconds:.0f} s; validation {loss:.4f} nats per character; "
          f"weights {digest(model)}")
    if args.check:
        stored, stored_vocab = load_checkpoint(args.path)
        same = digest(stored) == digest(model) and stored_vocab.tokens == vocab.tokens
        print(f"stored: validation {tune_loss(stored, val_ids):.4f}; weights {digest(stored)}"
              f" -> {'the same' if same else 'DIFFERENT'}")
        return 0 if same else 1
    save_checkpoint(args.path, model, vocab)
    print(f"wrote {args.path} ({args.path.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
