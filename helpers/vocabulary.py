"""The character dictionary: characters ↔ integer ids, one-hot vectors and padding.

A character model never sees letters, only ids: `Vocabulary` numbers the characters of a
text (in sorted order, so the same text always gives the same numbers), `encode` turns a
string into a tensor of ids, `decode` turns ids back into a string, and `one_hot` turns
ids into the vectors x_t of the recurrence. `pad` makes sentences of different lengths
the same length, as a batch needs. Taught in lesson 04 (completing sentences).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import torch

from .checks import ids_tensor
from .language import register, t

register({
    "vocab.not_text": {
        "pt": "Esperava um texto (str), mas recebi {kind}.",
        "en": "Expected a text (str), but got {kind}.",
    },
    "vocab.empty_text": {
        "pt": "O texto está vazio: escreva pelo menos um caractere.",
        "en": "The text is empty: write at least one character.",
    },
    "vocab.unknown": {
        "pt": "Fora do vocabulário: {chars}. O modelo só conhece {V} caracteres: {known}",
        "en": "Not in the vocabulary: {chars}. The model only knows {V} characters: {known}",
    },
    "vocab.see_all": {
        "pt": "… (todos em vocab.chars)",
        "en": "… (all of them in vocab.chars)",
    },
    "vocab.bad_chars": {
        "pt": "O vocabulário precisa de caracteres únicos e distintos (strings de tamanho 1); "
              "problema em {bad!r}.",
        "en": "The vocabulary needs single, distinct characters (strings of length 1); "
              "problem with {bad!r}.",
    },
    "vocab.sentences_text": {
        "pt": "pad recebe uma lista de frases, não uma frase só: pad([{text!r}, …]).",
        "en": "pad takes a list of sentences, not one sentence: pad([{text!r}, …]).",
    },
    "vocab.no_sentences": {
        "pt": "pad precisa de pelo menos uma frase.",
        "en": "pad needs at least one sentence.",
    },
    "vocab.too_long": {
        "pt": "A frase {sentence!r} tem {n} caracteres, mais que o comprimento pedido {length}.",
        "en": "The sentence {sentence!r} has {n} characters, more than the length asked "
              "for, {length}.",
    },
})


SHOWN = 20  # known characters listed in an error message; the rest are in vocab.chars


def _check_text(text, allow_empty: bool = False) -> str:
    if not isinstance(text, str):
        raise TypeError(t("vocab.not_text", kind=type(text).__name__))
    if not text and not allow_empty:
        raise ValueError(t("vocab.empty_text"))
    return text


def _show(chars: Iterable[str]) -> str:
    """Characters for an error message: repr shows spaces and line breaks."""
    return " ".join(repr(ch) for ch in chars)


class Vocabulary:
    """The characters a model knows, each with an id: chars[i] has id i.

    `Vocabulary.from_text(text)` sorts the distinct characters, so the numbering depends
    only on the text; `Vocabulary(chars)` keeps the order given (lesson 04 uses it to
    imitate the arbitrary order of a Python `set`).
    """

    def __init__(self, chars: Sequence[str]):
        chars = list(chars)
        if not chars:
            raise ValueError(t("vocab.empty_text"))
        seen: set[str] = set()
        for ch in chars:
            if not isinstance(ch, str) or len(ch) != 1 or ch in seen:
                raise ValueError(t("vocab.bad_chars", bad=ch))
            seen.add(ch)
        self.chars = chars
        self.index = {ch: i for i, ch in enumerate(chars)}

    @classmethod
    def from_text(cls, text: str | Iterable[str]) -> Vocabulary:
        """The sorted distinct characters of a text (or of several texts)."""
        texts = [text] if isinstance(text, str) else list(text)
        for piece in texts:
            _check_text(piece, allow_empty=True)
        if not "".join(texts):
            raise ValueError(t("vocab.empty_text"))
        return cls(sorted(set("".join(texts))))

    def __len__(self) -> int:
        return len(self.chars)

    def __contains__(self, ch: object) -> bool:
        return ch in self.index

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and self.chars == other.chars

    def __repr__(self) -> str:
        return f"Vocabulary(V={len(self)}: {''.join(self.chars)!r})"

    def unknown(self, text: str) -> list[str]:
        """The characters of `text` that are not in the vocabulary (each once, in order)."""
        _check_text(text, allow_empty=True)
        return list(dict.fromkeys(ch for ch in text if ch not in self.index))

    def encode(self, text: str) -> torch.Tensor:
        """ids (T,) of a non-empty text; unknown characters raise a clear ValueError."""
        _check_text(text)
        missing = self.unknown(text)
        if missing:
            known = _show(self.chars[:SHOWN])
            if len(self) > SHOWN:
                known += " " + t("vocab.see_all")
            raise ValueError(t("vocab.unknown", chars=_show(missing), V=len(self), known=known))
        return torch.tensor([self.index[ch] for ch in text], dtype=torch.long)  # (T,)

    def decode(self, ids) -> str:
        """The text of a sequence of ids (a list or a 1-D tensor)."""
        ids = ids_tensor("decode", ids, len(self))
        return "".join(self.chars[i] for i in ids.flatten().tolist())

    def one_hot(self, ids) -> torch.Tensor:
        """One-hot vectors: ids (...,) -> (..., V) floats with a single 1 per vector."""
        ids = ids_tensor("one_hot", ids, len(self))
        return torch.nn.functional.one_hot(ids, len(self)).float()  # (..., V)


def pad(sentences: Sequence[str], length: int | None = None, fill: str = " ") -> list[str]:
    """Sentences filled on the right with `fill` up to `length` (default: the longest)."""
    if isinstance(sentences, str):  # list("a sentence") would pad each character
        raise TypeError(t("vocab.sentences_text", text=sentences[:20]))
    sentences = list(sentences)
    if not sentences:
        raise ValueError(t("vocab.no_sentences"))
    for sentence in sentences:
        _check_text(sentence)
    longest = max(len(s) for s in sentences)
    length = longest if length is None else length
    for sentence in sentences:
        if len(sentence) > length:
            raise ValueError(t("vocab.too_long", sentence=sentence, n=len(sentence),
                               length=length))
    return [s + fill * (length - len(s)) for s in sentences]
