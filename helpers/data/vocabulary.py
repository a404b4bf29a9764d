"""The dictionary of tokens: tokens ↔ integer ids, one-hot vectors and padding.

A model never sees letters or words, only ids: `Vocabulary` numbers the tokens (the
characters of a text in lesson 04; words or ABC symbols later) in sorted order, so the same
text always gives the same numbers; `encode` turns a string (or a list of tokens) into a
tensor of ids, `decode` turns ids back into text, and `one_hot` turns ids into the vectors
x_t of the recurrence. `pad` makes sentences of different lengths the same length, as a
batch needs; with the special tokens (<pad>, <s>, </s>), `encode(…, start=True, end=True)`
marks where a sequence begins and ends and `pad_batch` pads id sequences. Taught in
lesson 04 (completing sentences).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import torch

from ..core.checks import ids_tensor
from ..core.language import register, t

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


PAD, START, END = "<pad>", "<s>", "</s>"  # the special tokens, ids 0, 1, 2 when asked for


class Vocabulary:
    """The tokens a model knows, each with an id: tokens[i] has id i.

    Tokens are characters (lesson 04), words or ABC music symbols (later lessons): any
    distinct non-empty strings. `Vocabulary.from_text(text)` sorts the distinct characters,
    so the numbering depends only on the text; `Vocabulary.from_tokens(sequences)` does the
    same for sequences of tokens; `Vocabulary(tokens)` keeps the order given (lesson 04
    uses it to imitate the arbitrary order of a Python `set`). With `specials=True` the
    padding, start and end tokens come first (`pad_id`, `start_id`, `end_id` = 0, 1, 2).
    `sep` joins decoded tokens: "" for characters, " " for words.
    """

    def __init__(self, tokens: Sequence[str], specials: bool = False, sep: str = ""):
        tokens = ([PAD, START, END] if specials else []) + list(tokens)
        if not tokens:
            raise ValueError(t("vocab.empty_text"))
        seen: set[str] = set()
        for token in tokens:
            if not isinstance(token, str) or not token or token in seen:
                raise ValueError(t("vocab.bad_chars", bad=token))
            seen.add(token)
        self.tokens, self.specials, self.sep = tokens, bool(specials), sep
        self.index = {token: i for i, token in enumerate(tokens)}
        self.pad_id, self.start_id, self.end_id = (0, 1, 2) if specials else (None,) * 3

    @property
    def chars(self) -> list[str]:
        """The tokens, by the name a character vocabulary reads best with."""
        return self.tokens

    @classmethod
    def from_text(cls, text: str | Iterable[str]) -> Vocabulary:
        """The sorted distinct characters of a text (or of several texts)."""
        texts = [text] if isinstance(text, str) else list(text)
        for piece in texts:
            _check_text(piece, allow_empty=True)
        if not "".join(texts):
            raise ValueError(t("vocab.empty_text"))
        return cls(sorted(set("".join(texts))))

    @classmethod
    def from_tokens(cls, sequences: Iterable[Sequence[str]], specials: bool = False,
                    sep: str = " ") -> Vocabulary:
        """The sorted distinct tokens of several token sequences (e.g. sentences split
        into words), with the special tokens first if asked for."""
        if isinstance(sequences, str):
            raise TypeError(t("vocab.sequences_text", text=sequences[:20]))
        found = set()
        for sequence in sequences:
            if isinstance(sequence, str):
                raise TypeError(t("vocab.sequences_text", text=sequence[:20]))
            found.update(sequence)
        return cls(sorted(found), specials=specials, sep=sep)

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: object) -> bool:
        return token in self.index

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and (self.tokens, self.sep) == (other.tokens,
                                                                             other.sep)

    def __repr__(self) -> str:
        shown = "".join(self.tokens) if not self.sep and not self.specials else self.tokens
        return f"Vocabulary(V={len(self)}: {shown!r})"

    def _pieces(self, sequence) -> list[str]:
        """A text is read character by character; a list or tuple, token by token."""
        if isinstance(sequence, str):
            return list(sequence)
        if isinstance(sequence, (list, tuple)) and all(isinstance(s, str) for s in sequence):
            return list(sequence)
        raise TypeError(t("vocab.not_text", kind=type(sequence).__name__))

    def unknown(self, sequence) -> list[str]:
        """The tokens of `sequence` that are not in the vocabulary (each once, in order)."""
        return list(dict.fromkeys(p for p in self._pieces(sequence) if p not in self.index))

    def encode(self, sequence, start: bool = False, end: bool = False) -> torch.Tensor:
        """ids (T,) of a non-empty text (one id per character) or list of tokens; unknown
        tokens raise a clear ValueError. `start`/`end` add the special tokens."""
        pieces = self._pieces(sequence)
        if not pieces:
            raise ValueError(t("vocab.empty_text"))
        missing = self.unknown(pieces)
        if missing:
            known = _show(self.tokens[:SHOWN])
            if len(self) > SHOWN:
                known += " " + t("vocab.see_all")
            raise ValueError(t("vocab.unknown", chars=_show(missing), V=len(self), known=known))
        if (start or end) and not self.specials:
            raise ValueError(t("vocab.no_specials"))
        ids = ([self.start_id] if start else []) + [self.index[p] for p in pieces] + (
            [self.end_id] if end else [])
        return torch.tensor(ids, dtype=torch.long)  # (T,)

    def decode(self, ids) -> str:
        """The text of a sequence of ids (a list or a 1-D tensor). Special tokens are not
        shown, and an end token ends the text."""
        ids = ids_tensor("decode", ids, len(self))
        out = []
        for i in ids.flatten().tolist():
            if self.specials and i == self.end_id:
                break
            if not (self.specials and i in (self.pad_id, self.start_id)):
                out.append(self.tokens[i])
        return self.sep.join(out)

    def one_hot(self, ids) -> torch.Tensor:
        """One-hot vectors: ids (...,) -> (..., V) floats with a single 1 per vector."""
        ids = ids_tensor("one_hot", ids, len(self))
        return torch.nn.functional.one_hot(ids, len(self)).float()  # (..., V)

    def pad_batch(self, sequences: Sequence[torch.Tensor]) -> torch.Tensor:
        """Id sequences of different lengths as one (B, L) tensor, padded with `pad_id`."""
        if not self.specials:
            raise ValueError(t("vocab.no_specials"))
        rows = [ids_tensor("sequences", ids, len(self)).flatten() for ids in sequences]
        if not rows:
            raise ValueError(t("vocab.no_sentences"))
        return torch.nn.utils.rnn.pad_sequence(rows, batch_first=True,
                                               padding_value=self.pad_id)  # (B, L)


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


# ---- messages (both languages; looked up with t() when a message is shown) ----

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
        "pt": "O vocabulário precisa de tokens distintos e não vazios (strings); problema em "
              "{bad!r}.",
        "en": "The vocabulary needs distinct, non-empty tokens (strings); problem with "
              "{bad!r}.",
    },
    "vocab.sequences_text": {
        "pt": "Esperava sequências de tokens (listas), não um texto: divida-o antes, por "
              "exemplo {text!r}.split().",
        "en": "Expected sequences of tokens (lists), not a text: split it first, for "
              "example {text!r}.split().",
    },
    "vocab.no_specials": {
        "pt": "Este vocabulário não tem os tokens especiais (<pad>, <s>, </s>): crie-o com "
              "specials=True.",
        "en": "This vocabulary has no special tokens (<pad>, <s>, </s>): build it with "
              "specials=True.",
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
