"""The character model of lesson 04 (and its LSTM and GRU versions), and a trace of one
pass for the stepper.

    x_t = one-hot(c_t) or E[c_t]            (V,) or (E,)
    h_t = cell(x_t, h_{t-1})                (H,): tanh(W_xh x_t + W_hh h_{t-1} + b_h) for "rnn"
    ŷ_t = softmax(W_hy h_t + b_y)           (V,): the next character's distribution

`CharRNN` is that model (nn.RNN, nn.LSTM or nn.GRU + nn.Linear, with one-hot inputs or an
embedding); its state is a tensor h, or the pair (h, c) for an LSTM, and `detach_state`
cuts either from the graph. `trace_char_model` records one pass over a text for the
stepper, with the gates (and c_t) of an LSTM or a GRU. The loops that train it are in
`helpers.models.training`. Taught in lesson 04; the LSTM and GRU in lesson 05.
"""

from __future__ import annotations

import torch
from torch import nn

from ..core.checks import ids_tensor, positive_int
from ..core.language import register, t
from ..core.trace import StepTrace, visible
from ..data.vocabulary import Vocabulary
from .gated import trace_layer

CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
GATES = {"rnn": 1, "lstm": 4, "gru": 3}  # weight blocks per cell: PyTorch stacks the gates


class CharRNN(nn.Module):
    """Characters in, next-character logits out: (one-hot | embedding) → cell → nn.Linear.

    With `embedding_dim=None` the input x_t is the one-hot vector of the character (Part A);
    otherwise a learned embedding of that size (Part B). `cell` is "rnn" (the recurrence of
    lessons 01–04), "lstm" or "gru" (lesson 05).
    """

    def __init__(self, vocab_size: int, hidden_size: int, embedding_dim: int | None = None,
                 cell: str = "rnn"):
        super().__init__()
        if cell not in CELLS:
            raise ValueError(t("model.cell", cell=cell, choices=", ".join(CELLS)))
        self.cell = cell
        self.vocab_size = positive_int("vocab_size", vocab_size)
        self.hidden_size = positive_int("hidden_size", hidden_size)
        self.embedding_dim = None if embedding_dim is None else positive_int("embedding_dim",
                                                                           embedding_dim)
        self.embedding = None if embedding_dim is None else nn.Embedding(vocab_size,
                                                                         embedding_dim)
        input_size = vocab_size if embedding_dim is None else embedding_dim
        self.rnn = CELLS[cell](input_size, hidden_size, batch_first=True)  # W_xh, W_hh, b_h …
        self.head = nn.Linear(hidden_size, vocab_size)                     # W_hy, b_y

    def config(self) -> dict:
        """What it takes to build the same model again (stored in checkpoints)."""
        return {"vocab_size": self.vocab_size, "hidden_size": self.hidden_size,
                "embedding_dim": self.embedding_dim, "cell": self.cell}

    def inputs(self, ids: torch.Tensor) -> torch.Tensor:
        """The vectors x_t: ids (B, T) -> (B, T, V) one-hot or (B, T, E) embeddings."""
        ids = ids_tensor("ids", ids, self.vocab_size)
        if ids.dim() != 2:
            raise ValueError(t("model.bad_ids", last=self.vocab_size - 1,
                               got=tuple(ids.shape)))
        ids = ids.to(model_device(self))
        if self.embedding is None:
            return nn.functional.one_hot(ids, self.vocab_size).float()  # (B, T, V)
        return self.embedding(ids)                                       # (B, T, E)

    def forward(self, ids: torch.Tensor, h0=None):
        """ids (B, T), h0 None or the state -> (logits (B, T, V), state after step T).

        The state is h (1, B, H), or the pair (h, c) of such tensors for an LSTM.
        """
        return self.run(self.inputs(ids), h0)

    def run(self, x: torch.Tensor, h0=None):
        """The same from the vectors x (B, T, D) of `inputs` (lets a loop reuse them)."""
        if h0 is not None:
            self._check_state(h0, x.shape[0])
        hs, state = self.rnn(x, h0)                   # hs (B, T, H): every h_t
        return self.head(hs), state                   # (B, T, V), h_T or (h_T, c_T)

    def _check_state(self, state, B: int) -> None:
        shape = (1, B, self.hidden_size)
        parts = state if isinstance(state, tuple) else (state,)
        n = 2 if self.cell == "lstm" else 1
        ok = len(parts) == n and all(isinstance(p, torch.Tensor) and tuple(p.shape) == shape
                                     for p in parts)
        if not ok:
            got = tuple(tuple(p.shape) if hasattr(p, "shape") else type(p).__name__
                        for p in parts)
            key = "model.state_hc" if n == 2 else "model.state_h"
            raise ValueError(t(key, cell=self.cell.upper(), shape=shape,
                               got=got[0] if len(got) == 1 else got))


def model_device(model: nn.Module) -> torch.device:
    """The device a model's weights are on (where its inputs must go)."""
    return next(model.parameters()).device


def detach_state(state):
    """The state cut from the graph (truncated BPTT): a tensor, or each tensor of a tuple."""
    if isinstance(state, tuple):
        return tuple(part.detach() for part in state)
    return state.detach()


def check_vocab(model: CharRNN, vocab: Vocabulary) -> None:
    """A clear ValueError unless `vocab` has the model's V characters."""
    if not isinstance(vocab, Vocabulary) or len(vocab) != model.vocab_size:
        size = len(vocab) if isinstance(vocab, Vocabulary) else type(vocab).__name__
        raise ValueError(t("model.vocab", V=size, model_V=model.vocab_size))


@torch.no_grad()
def trace_char_model(model: CharRNN, vocab: Vocabulary, text: str) -> StepTrace:
    """Run the model over `text` step by step and record h_t, a_t and ŷ_t for the stepper.

    tokens are the characters read (spaces shown as ␣), h (T + 1, H) starts with h_0 = 0,
    probs (T, V) the next-character distribution after each step. For "rnn", pre (T, H)
    holds a_t = W_xh x_t + b_ih + W_hh h_{t-1} + b_hh; for "lstm" and "gru", gates holds
    each gate's values (T, H), and an LSTM's cell states c are in extra["c"] (T + 1, H).
    """
    check_vocab(model, vocab)
    ids = vocab.encode(text)                                          # (T,)
    x = model.inputs(ids[None].to(model_device(model)))[0]            # (T, D)
    return trace_layer(model.rnn, x, [visible(ch) for ch in text], head=model.head,
                       labels=[visible(ch) for ch in vocab.chars])


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "model.bad_ids": {
        "pt": "O modelo espera ids inteiros de forma (B, T) entre 0 e {last}; recebi a forma "
              "{got}. Uma só sequência: ids[None].",
        "en": "The model expects integer ids of shape (B, T) between 0 and {last}; got shape "
              "{got}. A single sequence: ids[None].",
    },
    "model.cell": {
        "pt": "cell deve ser um destes: {choices}; não {cell!r}.",
        "en": "cell must be one of: {choices}; not {cell!r}.",
    },
    "model.state_h": {
        "pt": "O estado inicial h0 de uma {cell} deve ser um tensor de forma {shape}; "
              "recebi {got}.",
        "en": "The initial state h0 of a {cell} must be a tensor of shape {shape}; got {got}.",
    },
    "model.state_hc": {
        "pt": "O estado inicial de uma LSTM é o par (h0, c0), dois tensores de forma {shape}; "
              "recebi {got}.",
        "en": "The initial state of an LSTM is the pair (h0, c0), two tensors of shape "
              "{shape}; got {got}.",
    },
    "model.vocab": {
        "pt": "O vocabulário tem {V} caracteres, mas o modelo foi feito para {model_V}. "
              "Use o vocabulário com que o modelo foi treinado.",
        "en": "The vocabulary has {V} characters, but the model was built for {model_V}. "
              "Use the vocabulary the model was trained with.",
    },
})
