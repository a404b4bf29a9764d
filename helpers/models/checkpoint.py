"""Saving a trained character model with its vocabulary, and loading it back safely.

The file holds only plain data — a format name, a version, the model's sizes, the
vocabulary as a list of characters and the weights as tensors — so it is read with
`torch.load(..., weights_only=True)`, which refuses to run code hidden in a file (a
pickle can otherwise call any function while loading). Writing goes to a temporary file
in the same folder, then `os.replace` swaps it in: a crash never leaves half a file.
Every problem (missing file, not a checkpoint, another version, other sizes) is a
ValueError with a clear message. Taught in lesson 04.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import torch

from ..core.checks import is_int
from ..core.device import get_device
from ..core.language import register, t
from ..data.vocabulary import Vocabulary
from .char_model import GATES, CharRNN

FORMAT = "rnn-lessons/char-model"
VERSION = 1


def save_checkpoint(path: str | Path, model: CharRNN, vocab: Vocabulary) -> Path:
    """Write model + vocabulary to `path` atomically; returns the path."""
    if (not isinstance(model, CharRNN) or not isinstance(vocab, Vocabulary)
            or len(vocab) != model.vocab_size):
        raise ValueError(t("checkpoint.not_model", model=type(model).__name__,
                           vocab=repr(vocab)))
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "config": model.config(),
        "vocab": list(vocab.tokens),
        "vocab_options": {"specials": vocab.specials, "sep": vocab.sep},
        "state_dict": {k: v.detach().cpu().clone() for k, v in model.state_dict().items()},
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as file:
            torch.save(payload, file)
        os.replace(tmp, path)  # atomic: readers see the old file or the new one, never half
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _read(path: Path) -> dict:
    if path.is_dir():
        raise ValueError(t("checkpoint.folder", path=path))
    if not path.is_file():
        raise ValueError(t("checkpoint.missing", path=path))
    try:
        with warnings.catch_warnings():  # only torch's own notes about the file's contents
            warnings.filterwarnings("ignore", category=UserWarning, module=r"torch\.")
            payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception:  # garbage, a truncated file, or a pickle that wants to run code
        raise ValueError(t("checkpoint.unreadable", path=path)) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValueError(t("checkpoint.unreadable", path=path))
    if payload.get("version") != VERSION:
        raise ValueError(t("checkpoint.version", path=path, found=payload.get("version"),
                           expected=VERSION))
    config, chars, state = payload.get("config"), payload.get("vocab"), payload.get(
        "state_dict")
    if not (isinstance(config, dict) and isinstance(chars, list) and isinstance(state, dict)
            and all(isinstance(v, torch.Tensor) for v in state.values())):
        raise ValueError(t("checkpoint.unreadable", path=path))
    return payload


def load_checkpoint(path: str | Path, model: CharRNN | None = None,
                    device: str | torch.device = "cpu") -> tuple[CharRNN, Vocabulary]:
    """Read a checkpoint: returns (model, vocab).

    Without `model`, a new CharRNN is built from the stored sizes. With `model`, its sizes
    must match the file's (else a clear ValueError) and the weights are loaded into it.
    """
    device = get_device(device)  # an impossible device fails before `model` is touched
    path = Path(path)
    payload = _read(path)
    try:
        options = payload.get("vocab_options", {"specials": False, "sep": ""})
        tokens = payload["vocab"][3:] if options["specials"] else payload["vocab"]
        vocab = Vocabulary(tokens, specials=options["specials"] is True, sep=options["sep"])
        if vocab.tokens != payload["vocab"] or not isinstance(vocab.sep, str):
            raise ValueError("vocab")
        sizes = _checked_sizes(payload["config"], payload["state_dict"], len(vocab))
    except (KeyError, TypeError, ValueError):
        raise ValueError(t("checkpoint.unreadable", path=path)) from None
    if model is not None:
        for name, found in sizes.items():
            expected = model.config().get(name)
            if found != expected:
                raise ValueError(t("checkpoint.mismatch", path=path, name=name, found=found,
                                   expected=expected))
    # Only now, with sizes that agree with the stored tensors, is a model built.
    target = model if model is not None else CharRNN(**sizes)
    target.load_state_dict(payload["state_dict"])
    return target.to(device), vocab


def _checked_sizes(config: dict, state: dict, n_chars: int) -> dict:
    """The model sizes of a checkpoint, checked against its tensors before anything is
    built (a doctored file could ask for a model of terabytes). ValueError if they
    disagree."""
    V, H, E = config["vocab_size"], config["hidden_size"], config["embedding_dim"]
    cell = config.get("cell", "rnn")  # files written before LSTM/GRU hold plain RNNs
    for size in (V, H) if E is None else (V, H, E):
        if not is_int(size) or size < 1:
            raise ValueError(size)
    if cell not in GATES:
        raise ValueError(cell)
    D, G = (V if E is None else E), GATES[cell]  # G weight blocks: one per gate
    shapes = {"rnn.weight_ih_l0": (G * H, D), "rnn.weight_hh_l0": (G * H, H),
              "rnn.bias_ih_l0": (G * H,), "rnn.bias_hh_l0": (G * H,), "head.weight": (V, H),
              "head.bias": (V,)}
    if E is not None:
        shapes["embedding.weight"] = (V, E)
    if n_chars != V or {k: tuple(v.shape) for k, v in state.items()} != shapes:
        raise ValueError("shapes")
    return {"vocab_size": V, "hidden_size": H, "embedding_dim": E, "cell": cell}


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "checkpoint.missing": {
        "pt": "Arquivo de modelo não encontrado: {path}.",
        "en": "Model file not found: {path}.",
    },
    "checkpoint.folder": {
        "pt": "{path} é uma pasta, não um arquivo de modelo. Dê o caminho do arquivo .pt.",
        "en": "{path} is a folder, not a model file. Give the path of the .pt file.",
    },
    "checkpoint.unreadable": {
        "pt": "{path} não é um modelo salvo por save_checkpoint (arquivo corrompido ou de "
              "outro tipo); nada dele foi executado.",
        "en": "{path} is not a model saved by save_checkpoint (a corrupt file or another "
              "kind of file); nothing in it was run.",
    },
    "checkpoint.version": {
        "pt": "{path} tem a versão de formato {found!r}; esta versão das aulas lê a "
              "versão {expected}. Treine e salve o modelo de novo.",
        "en": "{path} has format version {found!r}; this version of the lessons reads "
              "version {expected}. Train and save the model again.",
    },
    "checkpoint.mismatch": {
        "pt": "{path} guarda um modelo com {name} = {found}, mas o modelo pedido tem "
              "{name} = {expected}.",
        "en": "{path} holds a model with {name} = {found}, but the model asked for has "
              "{name} = {expected}.",
    },
    "checkpoint.not_model": {
        "pt": "save_checkpoint espera um CharRNN e um Vocabulary com o mesmo tamanho V; "
              "recebi {model} e {vocab}.",
        "en": "save_checkpoint expects a CharRNN and a Vocabulary of the same size V; "
              "got {model} and {vocab}.",
    },
})
