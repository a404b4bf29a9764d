"""From a text to a trained character model in one call ("train on your own text").

`train_on_text(text)` does what lesson 04 does step by step: sorted vocabulary, a
validation split, a seeded `CharRNN` with an embedding, truncated-BPTT training, and the
validation bits per character. `train_on_text_file(path)` reads a UTF-8 file first, with
clear errors for a missing file, another encoding or a text too short to train on.
The result, a `TextModel`, generates text and can be saved with `helpers.models.checkpoint`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch

from ..core.checks import fraction, positive_int, positive_number
from ..core.device import get_device
from ..core.language import register, t
from ..core.reproducibility import seed_everything
from ..data.corpus import read_text_file, split_text
from ..data.vocabulary import Vocabulary
from .char_model import CharRNN
from .sampling import generate
from .training import bits_per_char, train_char_model


@dataclass
class TextModel:
    """A trained character model with its vocabulary and how training went."""

    model: CharRNN
    vocab: Vocabulary
    losses: list[float]
    val_bpc: float

    def generate(self, prompt: str, n_chars: int = 200, temperature: float | None = 0.8,
                 seed: int = 0) -> str:
        """Continue `prompt` (see `helpers.models.sampling.generate`)."""
        return generate(self.model, self.vocab, prompt, n_chars, temperature, seed)


def min_chars(batch_size: int, seq_len: int, val_fraction: float) -> int:
    """The shortest text that leaves one full batch (B × T + 1 characters) for training."""
    return math.ceil((batch_size * seq_len + 1) / (1 - val_fraction)) + 1


def train_on_text(text: str, *, embedding_dim: int = 48, hidden_size: int = 192,
                  batch_size: int = 32, seq_len: int = 64, epochs: int = 20,
                  lr: float = 4e-3, clip: float = 1.0, val_fraction: float = 0.1,
                  seed: int = 0, device: str | torch.device = "cpu", progress: bool = False,
                  callback: Callable[[int, float], None] | None = None) -> TextModel:
    """Train a `CharRNN` on `text` (defaults: lesson 04's Part B) and validate it.

    Every option is checked before anything is computed or trained.
    """
    vocab = Vocabulary.from_text(text)  # checks that it is a non-empty str
    for name, value in [("embedding_dim", embedding_dim), ("hidden_size", hidden_size),
                        ("batch_size", batch_size), ("seq_len", seq_len), ("epochs", epochs)]:
        positive_int(name, value)
    positive_number("lr", lr)
    positive_number("clip", clip)
    val_fraction = fraction("val_fraction", val_fraction)
    device = get_device(device)  # an impossible device fails here, before any training
    need = min_chars(batch_size, seq_len, val_fraction)
    if len(text) < need:
        raise ValueError(t("text.too_short", n=len(text), batch_size=batch_size,
                           seq_len=seq_len, percent=round(100 * val_fraction), need=need))
    train_text, val_text = split_text(text, val_fraction)
    seed_everything(seed)
    model = CharRNN(len(vocab), hidden_size, embedding_dim).to(device)
    losses = train_char_model(model, vocab.encode(train_text), batch_size=batch_size,
                              seq_len=seq_len, epochs=epochs, lr=lr, clip=clip,
                              progress=progress, callback=callback)
    return TextModel(model, vocab, losses, bits_per_char(model, vocab.encode(val_text)))


def train_on_text_file(path: str | Path, **options) -> TextModel:
    """Read a UTF-8 .txt file and `train_on_text` it (same keyword options)."""
    return train_on_text(read_text_file(path), **options)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "text.too_short": {
        "pt": "Texto curto demais: {n} caracteres. Com lotes de B = {batch_size} pedaços de "
              "T = {seq_len} caracteres e {percent}% para validação, são necessários pelo "
              "menos {need}.",
        "en": "Text too short: {n} characters. With batches of B = {batch_size} chunks of "
              "T = {seq_len} characters and {percent}% kept for validation, it needs at "
              "least {need}.",
    },
})
