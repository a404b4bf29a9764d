"""A recorded pass of a recurrent model over one sequence, ready to be stepped through.

Any model (the NumPy cell of lesson 01, a trained character model, later an LSTM or a GRU)
is run once over a sequence and its per-step values are stored in a `StepTrace`; the
hidden-state stepper widget then only reads the trace. That keeps the widget independent
of the model, and lets tests check the trace without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .language import register, t

GLYPHS = {" ": "␣", "\n": "↵", "\t": "⇥"}  # characters that would be invisible as labels


def visible(token: str) -> str:
    """A token with spaces, line breaks and tabs shown as ␣, ↵ and ⇥ (for labels)."""
    return "".join(GLYPHS.get(ch, ch) for ch in token)


@dataclass
class StepTrace:
    """Per-step values of one pass over a sequence of T tokens.

    tokens: T labels of the inputs x_t (characters, words, "x_1" ...).
    h:      (T + 1, H) hidden states; h[0] is h_0, h[t] is h_t after reading tokens[t-1].
    pre:    (T, H) pre-activations a_t = W_xh x_t + W_hh h_{t-1} + b_h (None if unknown).
    probs:  (T, V) output distributions ŷ_t (None when the model has no output layer).
    vocab:  V labels of the outputs (needed with probs).
    extra:  other per-step states, each (T + 1, N), e.g. {"c": cell states} for an LSTM.
    gates:  gate values of each step, each (T, H), e.g. {"i", "f", "g", "o"} for an LSTM.
    """

    tokens: list[str]
    h: np.ndarray
    pre: np.ndarray | None = None
    probs: np.ndarray | None = None
    vocab: list[str] | None = None
    extra: dict[str, np.ndarray] = field(default_factory=dict)
    gates: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self):
        self.tokens = [str(tok) for tok in self.tokens]
        T = len(self.tokens)
        if T == 0:
            raise ValueError(t("trace.empty"))
        self.h = np.asarray(self.h, dtype=float)
        self._expect("h", self.h, (T + 1, None))
        H = self.h.shape[1]
        if self.pre is not None:
            self.pre = np.asarray(self.pre, dtype=float)
            self._expect("pre", self.pre, (T, H))
        if self.probs is not None:
            self.probs = np.asarray(self.probs, dtype=float)
            V = len(self.vocab) if self.vocab is not None else None
            self._expect("probs", self.probs, (T, V))
        for name, values in self.extra.items():
            self.extra[name] = np.asarray(values, dtype=float)
            self._expect(name, self.extra[name], (T + 1, None))
        for name, values in self.gates.items():
            self.gates[name] = np.asarray(values, dtype=float)
            self._expect(name, self.gates[name], (T, H))

    @staticmethod
    def _expect(name, array, shape):
        ok = array.ndim == len(shape) and all(
            want is None or got == want for got, want in zip(array.shape, shape))
        if not ok:
            raise ValueError(t("trace.shape", name=name, got=array.shape,
                               expected=tuple("?" if s is None else s for s in shape)))

    @property
    def T(self) -> int:
        return len(self.tokens)

    @property
    def H(self) -> int:
        return self.h.shape[1]

    def top_k(self, step: int, k: int = 5) -> list[tuple[str, float]]:
        """The k most likely outputs at step `step` (1-based, like h_t), most likely first."""
        if self.probs is None:
            return []
        p = self.probs[step - 1]
        order = np.argsort(-p, kind="stable")[:k]
        return [(self.vocab[i], float(p[i])) for i in order]


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "trace.shape": {
        "pt": "Rastro inconsistente: {name} tem forma {got}, esperado {expected}.",
        "en": "Inconsistent trace: {name} has shape {got}, expected {expected}.",
    },
    "trace.empty": {
        "pt": "Um rastro precisa de pelo menos um passo (T ≥ 1).",
        "en": "A trace needs at least one step (T ≥ 1).",
    },
})
