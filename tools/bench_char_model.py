"""Benchmark of lesson 04's character model (`make bench` calls `report()`).

    .venv/bin/python -m tools.bench_char_model

Two comparisons, each measured in one run on this machine (median of several repeats):

1. Part A training (the three sentences, H = 12, Adam 0.01, 100 epochs): the helpers
   (`train_full_batch`) against a plain re-implementation in the original notebook's
   style — vocabulary from a `set`, one-hot arrays built with NumPy, a model class with
   `init_hidden` and a reshape of the outputs, one full-batch step per epoch, torch's
   default number of threads.
2. Part B training (embedding 48, H = 192, B = 32, T = 64, clipping 1.0): the helpers'
   `train_char_model` against a bare PyTorch loop doing the same steps on the same model
   and batches, both with one thread, so the difference is the helper's own overhead
   (input checks, progress bookkeeping, callback hook). Goal: ≤ 10 %.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.core.threads import cpu_threads  # noqa: E402
from helpers.data.corpus import load_corpus, split_text  # noqa: E402
from helpers.data.vocabulary import Vocabulary  # noqa: E402
from helpers.models.char_model import CharRNN  # noqa: E402
from helpers.models.training import (  # noqa: E402
    chunk_batches,
    sentence_pairs,
    train_char_model,
    train_full_batch,
)

SENTENCES = ["oi como voce esta", "eu estou bem", "tenha um bom dia"]
REPEATS = 5


def _median_seconds(*fns, repeats: int = REPEATS) -> list[float]:
    """Median time of each function; the runs alternate, so a busy moment hits all alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        for fn, bucket in zip(fns, times):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return [statistics.median(bucket) for bucket in times]


# ---- 1. Part A: the original notebook's style, written plainly --------------------------

class _OriginalStyleModel(nn.Module):
    def __init__(self, input_size, output_size, hidden_dim, n_layers):
        super().__init__()
        self.hidden_dim, self.n_layers = hidden_dim, n_layers
        self.rnn = nn.RNN(input_size, hidden_dim, n_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_size)

    def init_hidden(self, batch_size):
        return torch.zeros(self.n_layers, batch_size, self.hidden_dim)

    def forward(self, x):
        hidden = self.init_hidden(x.size(0))
        out, hidden = self.rnn(x, hidden)
        out = out.contiguous().view(-1, self.hidden_dim)
        return self.fc(out), hidden


def original_style_part_a(epochs: int = 100) -> None:
    """Everything the original notebook does from the sentences to a trained model."""
    chars = list(set("".join(SENTENCES)))
    char2int = {ch: i for i, ch in enumerate(chars)}
    maxlen = len(max(SENTENCES, key=len))
    padded = [s.ljust(maxlen) for s in SENTENCES]
    input_seq = [[char2int[c] for c in s[:-1]] for s in padded]
    target_seq = [[char2int[c] for c in s[1:]] for s in padded]
    features = np.zeros((len(padded), maxlen - 1, len(chars)), dtype=np.float32)
    for i, seq in enumerate(input_seq):
        for u, index in enumerate(seq):
            features[i, u, index] = 1
    inputs = torch.from_numpy(features)
    targets = torch.tensor(target_seq)
    model = _OriginalStyleModel(len(chars), len(chars), 12, 1)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(epochs):
        optimizer.zero_grad()
        output, _ = model(inputs)
        loss = criterion(output, targets.view(-1).long())
        loss.backward()
        optimizer.step()


def helpers_part_a(epochs: int = 100) -> None:
    vocab = Vocabulary.from_text(SENTENCES)
    model = CharRNN(len(vocab), 12)
    train_full_batch(model, *sentence_pairs(vocab, SENTENCES), epochs=epochs, lr=0.01)


# ---- 2. Part B: the helper loop against a bare loop ---------------------------------------

def _part_b_data():
    text = load_corpus("pt")
    vocab = Vocabulary.from_text(text)
    train_text, _ = split_text(text, 0.1)
    return vocab, vocab.encode(train_text)


def bare_loop(model, ids, batch_size=32, seq_len=64, epochs=1, lr=4e-3, clip=1.0) -> None:
    """The same steps as `train_char_model`, with nothing else."""
    batches = chunk_batches(ids, batch_size, seq_len)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(epochs):
        h = None
        for x, y in batches:
            hs, h = model.rnn(model.embedding(x), h)
            logits = model.head(hs)
            h = h.detach()
            loss = loss_fn(logits.reshape(-1, model.vocab_size), y.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), clip)
            optimizer.step()
            loss.item()


def report() -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []

    def original_one_thread():
        with cpu_threads(1):
            original_style_part_a()

    original_style_part_a()  # warm-up (first-call allocations)
    helpers_part_a()
    original, original_1, ours = _median_seconds(original_style_part_a, original_one_thread,
                                                 helpers_part_a, repeats=15)
    threads = torch.get_num_threads()
    rows += [
        (f"Part A, 100 epochs, original notebook's style ({threads} threads)", original, "s"),
        ("Part A, 100 epochs, original notebook's style (1 thread)", original_1, "s"),
        ("Part A, 100 epochs, helpers (train_full_batch, 1 thread)", ours, "s"),
        ("Part A, original style / helpers", original / ours,
         f"× (both as shipped: torch's default {threads} threads vs the helpers' 1)"),
        ("Part A, original style / helpers, both 1 thread", original_1 / ours,
         "× (the code alone)"),
    ]

    vocab, ids = _part_b_data()
    n_batches = len(chunk_batches(ids, 32, 64))
    chars_per_epoch = n_batches * 32 * 64

    def helper_run():
        torch.manual_seed(0)
        train_char_model(CharRNN(len(vocab), 192, 48), ids, batch_size=32, seq_len=64,
                         epochs=1, lr=4e-3, progress=False, callback=lambda s, v: None)

    def bare_run():
        torch.manual_seed(0)
        with cpu_threads(1):
            bare_loop(CharRNN(len(vocab), 192, 48), ids)

    bare_run()  # warm-up (first-call allocations)
    bare, helper = _median_seconds(bare_run, helper_run)
    overhead = 100 * (helper / bare - 1)
    rows += [
        ("Part B, bare PyTorch loop", chars_per_epoch / bare, "characters/s (1 thread)"),
        ("Part B, helpers (train_char_model)", chars_per_epoch / helper,
         "characters/s (1 thread)"),
        ("Part B, helper loop overhead", overhead,
         "% over the bare loop (goal ≤ 10 %)" + ("" if overhead <= 10 else " — ABOVE GOAL")),
    ]
    return rows


def main() -> int:
    for name, value, unit in report():
        print(f"{name:<50} {value:>12.4g}  {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
