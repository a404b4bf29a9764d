"""Composing tunes with a model trained by `helpers.models.tune_model` (lesson 06).

`compose` reads START and an optional beginning (a header, the first notes), then draws one
character at a time at a temperature, for several tunes in parallel, until each writes END.
START is never drawn inside a tune. `check_start` turns a beginning the model cannot read (a
character it never saw, a marker, not a text) into a clear error in the reader's language.
Taught in lesson 06, whose cells write the same loop.
"""

from __future__ import annotations

import math

import torch

from ..core.checks import positive_int
from ..core.language import register, t
from ..core.threads import cpu_threads
from ..data.vocabulary import Vocabulary
from .char_model import CharRNN, check_vocab, model_device
from .sampling import check_temperature
from .tune_model import END, START


def check_start(vocab: Vocabulary, start: str) -> str:
    """A tune's beginning as typed: text the model knows, without the markers."""
    if not isinstance(start, str):
        raise TypeError(t("composing.start_type", kind=type(start).__name__))
    for mark in (START, END):
        if mark in start:
            raise ValueError(t("composing.start_marker", mark=mark))
    unknown = sorted({ch for ch in start if ch not in vocab.index})
    if unknown:
        raise ValueError(t("composing.unknown", chars=" ".join(map(repr, unknown)),
                           start=start))
    return start


@torch.no_grad()
def compose(model: CharRNN, vocab: Vocabulary, n: int = 1, start: str = "",
            temperature: float = 0.7, max_len: int = 800, seed: int = 0,
            threads: int | None = 1) -> list[str]:
    """`n` tunes sampled in parallel, each `start` + what follows until END (or `max_len`
    new characters). START is never drawn inside a tune."""
    check_vocab(model, vocab)
    n, max_len = positive_int("n", n), positive_int("max_len", max_len)
    temperature = check_temperature(temperature)
    if temperature is None:
        raise ValueError(t("composing.greedy"))
    ids = vocab.encode(START + check_start(vocab, start)).repeat(n, 1)   # (n, L)
    device, was_training = model_device(model), model.training
    generator = torch.Generator().manual_seed(int(seed))
    start_id, end_id = vocab.index[START], vocab.index[END]
    out, done = [[] for _ in range(n)], torch.zeros(n, dtype=torch.bool)
    model.eval()
    try:
        with cpu_threads(threads):
            logits, state = model(ids.to(device))                       # (n, L, V)
            for _ in range(max_len):
                scores = logits[:, -1].cpu() / temperature                # (n, V)
                scores[:, start_id] = -math.inf
                next_ids = torch.multinomial(torch.softmax(scores, -1), 1,
                                             generator=generator)       # (n, 1)
                for i, next_id in enumerate(next_ids[:, 0].tolist()):
                    if not done[i]:
                        done[i] = next_id == end_id
                        if not done[i]:
                            out[i].append(next_id)
                if done.all():
                    break
                logits, state = model(next_ids.to(device), state)       # (n, 1, V)
    finally:
        model.train(was_training)
    return [start + (vocab.decode(chars) if chars else "") for chars in out]


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "composing.start_type": {
        "pt": "O começo da música deve ser um texto (str), não {kind}.",
        "en": "The beginning of the tune must be text (str), not {kind}.",
    },
    "composing.start_marker": {
        "pt": "O começo não pode conter {mark!r}: o modelo o usa para marcar o começo e o "
              "fim das músicas.",
        "en": "The beginning may not contain {mark!r}: the model uses it to mark where "
              "tunes start and end.",
    },
    "composing.unknown": {
        "pt": "O modelo não conhece {chars} (no começo {start!r}): ele só viu os "
              "caracteres das músicas de treinamento.",
        "en": "The model does not know {chars} (in the beginning {start!r}): it has only "
              "seen the characters of the training tunes.",
    },
    "composing.greedy": {
        "pt": "Para compor, a temperatura deve ser um número positivo (por exemplo "
              "temperature=0.7); a escolha gulosa repetiria sempre a mesma música.",
        "en": "To compose, the temperature must be a positive number (for example "
              "temperature=0.7); the greedy choice would always repeat the same tune.",
    },
})
