"""The character model of lesson 04, and a trace of one pass for the stepper.

    x_t = one-hot(c_t) or E[c_t]            (V,) or (E,)
    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)   (H,)
    ŷ_t = softmax(W_hy h_t + b_y)           (V,): the next character's distribution

`CharRNN` is that model (nn.RNN + nn.Linear, with one-hot inputs or an embedding);
`trace_char_model` records one pass over a text for the hidden-state stepper. The loops
that train it are in `helpers.char_training`. Taught in lesson 04.
"""

from __future__ import annotations

import torch
from torch import nn

from .checks import ids_tensor, positive_int
from .language import register, t
from .trace import StepTrace
from .vocabulary import Vocabulary

register({
    "model.bad_ids": {
        "pt": "O modelo espera ids inteiros de forma (B, T) entre 0 e {last}; recebi a forma "
              "{got}. Uma só sequência: ids[None].",
        "en": "The model expects integer ids of shape (B, T) between 0 and {last}; got shape "
              "{got}. A single sequence: ids[None].",
    },
    "model.vocab": {
        "pt": "O vocabulário tem {V} caracteres, mas o modelo foi feito para {model_V}. "
              "Use o vocabulário com que o modelo foi treinado.",
        "en": "The vocabulary has {V} characters, but the model was built for {model_V}. "
              "Use the vocabulary the model was trained with.",
    },
})


class CharRNN(nn.Module):
    """Characters in, next-character logits out: (one-hot | embedding) → nn.RNN → nn.Linear.

    With `embedding_dim=None` the input x_t is the one-hot vector of the character (Part A);
    otherwise a learned embedding of that size (Part B).
    """

    def __init__(self, vocab_size: int, hidden_size: int, embedding_dim: int | None = None):
        super().__init__()
        self.vocab_size = positive_int("vocab_size", vocab_size)
        self.hidden_size = positive_int("hidden_size", hidden_size)
        self.embedding_dim = None if embedding_dim is None else positive_int("embedding_dim",
                                                                           embedding_dim)
        self.embedding = None if embedding_dim is None else nn.Embedding(vocab_size,
                                                                         embedding_dim)
        input_size = vocab_size if embedding_dim is None else embedding_dim
        self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)  # W_xh, W_hh, b_h
        self.head = nn.Linear(hidden_size, vocab_size)                 # W_hy, b_y

    def config(self) -> dict:
        """What it takes to build the same model again (stored in checkpoints)."""
        return {"vocab_size": self.vocab_size, "hidden_size": self.hidden_size,
                "embedding_dim": self.embedding_dim}

    def inputs(self, ids: torch.Tensor) -> torch.Tensor:
        """The vectors x_t: ids (B, T) -> (B, T, V) one-hot or (B, T, E) embeddings."""
        ids = ids_tensor("ids", ids, self.vocab_size)
        if ids.dim() != 2:
            raise ValueError(t("model.bad_ids", last=self.vocab_size - 1,
                               got=tuple(ids.shape)))
        ids = ids.to(self.head.weight.device)
        if self.embedding is None:
            return nn.functional.one_hot(ids, self.vocab_size).float()  # (B, T, V)
        return self.embedding(ids)                                       # (B, T, E)

    def forward(self, ids: torch.Tensor, h0: torch.Tensor | None = None):
        """ids (B, T), h0 (1, B, H) or None -> (logits (B, T, V), h_T (1, B, H))."""
        return self.run(self.inputs(ids), h0)

    def run(self, x: torch.Tensor, h0: torch.Tensor | None = None):
        """The same from the vectors x (B, T, D) of `inputs` (lets a loop reuse them)."""
        if h0 is not None:
            expected = (1, x.shape[0], self.hidden_size)
            if not isinstance(h0, torch.Tensor) or tuple(h0.shape) != expected:
                got = tuple(h0.shape) if hasattr(h0, "shape") else type(h0).__name__
                raise ValueError(t("shape.bad", name="h0", expected=expected, got=got))
        hs, h_last = self.rnn(x, h0)                  # hs (B, T, H): every h_t
        return self.head(hs), h_last                  # (B, T, V), (1, B, H)


def check_vocab(model: CharRNN, vocab: Vocabulary) -> None:
    """A clear ValueError unless `vocab` has the model's V characters."""
    if not isinstance(vocab, Vocabulary) or len(vocab) != model.vocab_size:
        size = len(vocab) if isinstance(vocab, Vocabulary) else type(vocab).__name__
        raise ValueError(t("model.vocab", V=size, model_V=model.vocab_size))


def _label(ch: str) -> str:
    """A visible label for a character: spaces and line breaks would be invisible."""
    return {" ": "␣", "\n": "↵", "\t": "⇥"}.get(ch, ch)


@torch.no_grad()
def trace_char_model(model: CharRNN, vocab: Vocabulary, text: str) -> StepTrace:
    """Run the model over `text` step by step and record h_t, a_t and ŷ_t for the stepper.

    tokens are the characters read (spaces shown as ␣), h (T + 1, H) starts with h_0 = 0,
    pre (T, H) holds a_t = W_xh x_t + b_ih + W_hh h_{t-1} + b_hh and probs (T, V) the
    next-character distribution after each step.
    """
    check_vocab(model, vocab)
    ids = vocab.encode(text)                                          # (T,)
    rnn = model.rnn
    x = model.inputs(ids[None].to(next(model.parameters()).device))[0].double().cpu()  # (T, D)
    W_xh, W_hh = rnn.weight_ih_l0.double().cpu(), rnn.weight_hh_l0.double().cpu()
    b = (rnn.bias_ih_l0 + rnn.bias_hh_l0).double().cpu()              # (H,)
    h = torch.zeros(model.hidden_size, dtype=torch.float64)          # h_0 (H,)
    hs, pres = [h], []
    for x_t in x:
        a = W_xh @ x_t + W_hh @ h + b                                 # (H,)
        h = torch.tanh(a)                                             # (H,)
        pres.append(a)
        hs.append(h)
    H_all = torch.stack(hs)                                           # (T + 1, H)
    head = model.head
    logits = H_all[1:] @ head.weight.double().cpu().T + head.bias.double().cpu()  # (T, V)
    probs = torch.softmax(logits, dim=-1)                             # (T, V)
    return StepTrace(tokens=[_label(ch) for ch in text], h=H_all.numpy(),
                     pre=torch.stack(pres).numpy(), probs=probs.numpy(),
                     vocab=[_label(ch) for ch in vocab.chars])
