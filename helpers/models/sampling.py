"""Generating text with a trained character model: greedy choice or sampling.

After reading a prompt, the model gives the next character's distribution ŷ_t; we choose
one character, feed it back as the next input, and repeat, carrying the hidden state.

* greedy (`temperature=None`): always the most likely character (argmax) — repeatable,
  but it tends to fall into loops;
* sampling with a temperature τ > 0: draw from softmax(logits / τ); τ < 1 sharpens the
  distribution (safer, more repetitive), τ > 1 flattens it (bolder, more mistakes).

A seed makes sampling repeatable: the same model, prompt, temperature and seed give the
same text. Errors (empty prompt, characters the model does not know, a temperature that
is not positive) are raised before any computation. Taught in lesson 04.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from ..core.checks import is_int
from ..core.language import register, t
from ..core.threads import cpu_threads
from ..data.vocabulary import Vocabulary
from .char_model import CharRNN, check_vocab, model_device


def check_temperature(temperature) -> float | None:
    """None (greedy) or a positive finite float; anything else is a clear ValueError."""
    if temperature is None:
        return None
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.number)):
        raise ValueError(t("sampling.temperature", value=temperature))
    value = float(temperature)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(t("sampling.temperature", value=temperature))
    return value


def next_distribution(logits: torch.Tensor, temperature: float | None) -> torch.Tensor:
    """Probabilities (V,) from logits (V,); greedy (None) puts all the mass on the argmax."""
    temperature = check_temperature(temperature)
    if temperature is None:
        probs = torch.zeros_like(logits)
        probs[torch.argmax(logits)] = 1.0
        return probs
    return torch.softmax(logits / temperature, dim=-1)  # (V,)


@torch.no_grad()
def generate(model: CharRNN, vocab: Vocabulary, prompt: str, n_chars: int,
             temperature: float | None = None, seed: int = 0, threads: int | None = 1) -> str:
    """The prompt followed by `n_chars` generated characters.

    temperature=None chooses greedily; a positive temperature samples, with a generator
    seeded by `seed` so the same inputs always give the same text. `threads`: CPU threads
    while generating (see `helpers.core.threads.cpu_threads`; one step is a tiny computation).
    """
    temperature = check_temperature(temperature)
    if not is_int(n_chars) or n_chars < 0:
        raise ValueError(t("sampling.n_chars", value=n_chars))
    check_vocab(model, vocab)
    ids = vocab.encode(prompt)                                  # (T,): checks the prompt
    device = model_device(model)
    generator = torch.Generator().manual_seed(int(seed))
    was_training = model.training
    model.eval()
    out = []
    try:
        with cpu_threads(threads):
            logits, h = model(ids[None].to(device))             # (1, T, V), (1, 1, H)
            for _ in range(int(n_chars)):
                probs = next_distribution(logits[0, -1].cpu(), temperature)  # (V,)
                if temperature is None:
                    next_id = int(torch.argmax(probs))
                else:
                    next_id = int(torch.multinomial(probs, 1, generator=generator))
                out.append(next_id)
                logits, h = model(torch.tensor([[next_id]], device=device), h)  # (1, 1, V)
    finally:
        model.train(was_training)  # leave the model's mode as it was
    return prompt + vocab.decode(out) if out else prompt


def greedy_complete(model: CharRNN, vocab: Vocabulary, prompt: str, length: int = 17) -> str:
    """Complete `prompt` greedily until the text has `length` characters (Part A: 17)."""
    if not is_int(length):
        raise ValueError(t("sampling.n_chars", value=length))
    if isinstance(prompt, str) and len(prompt) > length:
        raise ValueError(t("sampling.length", length=length, prompt=prompt, n=len(prompt)))
    n_chars = length - len(prompt) if isinstance(prompt, str) else 0
    return generate(model, vocab, prompt, n_chars, temperature=None)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "sampling.temperature": {
        "pt": "A temperatura deve ser um número positivo (no código, por exemplo "
              "temperature=0.5 ou temperature=1.0), não {value!r}. "
              "Para a escolha gulosa, use temperature=None.",
        "en": "The temperature must be a positive number (in code, for example "
              "temperature=0.5 or temperature=1.0), not {value!r}. "
              "For the greedy choice, use temperature=None.",
    },
    "sampling.n_chars": {
        "pt": "O número de caracteres a gerar deve ser um inteiro ≥ 0, não {value!r}.",
        "en": "The number of characters to generate must be an integer ≥ 0, not {value!r}.",
    },
    "sampling.length": {
        "pt": "O comprimento total {length} é menor que o início {prompt!r} ({n} caracteres).",
        "en": "The total length {length} is shorter than the prompt {prompt!r} "
              "({n} characters).",
    },
})
