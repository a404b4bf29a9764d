"""The character model of lesson 04 and the loops that train it.

    x_t = one-hot(c_t) or E[c_t]            (V,) or (E,)
    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)   (H,)
    ŷ_t = softmax(W_hy h_t + b_y)           (V,): the next character's distribution

`CharRNN` is that model (nn.RNN + nn.Linear, with one-hot inputs or an embedding).
Part A of the lesson trains it on three padded sentences, all at once, with
`train_full_batch`. Part B trains it on a real text: `chunk_batches` cuts the text into B
parallel streams and each stream into chunks of T characters, so that row b of one batch
continues row b of the previous one; `train_char_model` then carries the hidden state from
chunk to chunk, detached (truncated BPTT), and clips the gradient. `trace_char_model`
records one pass for the hidden-state stepper. Taught in lesson 04.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import torch
from torch import nn

from .language import register, t
from .trace import StepTrace
from .vocabulary import Vocabulary, pad

register({
    "model.bad_ids": {
        "pt": "O modelo espera ids inteiros de forma (B, T) entre 0 e {last}; recebi {got}.",
        "en": "The model expects integer ids of shape (B, T) between 0 and {last}; got {got}.",
    },
    "model.short_text": {
        "pt": "Texto curto demais para um lote: {n} caracteres, mas B × T + 1 = {need} "
              "(B = {batch_size}, T = {seq_len}). Use um texto maior ou B e T menores.",
        "en": "Text too short for one batch: {n} characters, but B × T + 1 = {need} "
              "(B = {batch_size}, T = {seq_len}). Use a longer text or smaller B and T.",
    },
    "model.positive": {
        "pt": "{name} deve ser um inteiro positivo, não {value!r}.",
        "en": "{name} must be a positive integer, not {value!r}.",
    },
    "model.progress": {"pt": "treinando", "en": "training"},
})


def _positive(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(t("model.positive", name=name, value=value))
    return int(value)


class CharRNN(nn.Module):
    """Characters in, next-character logits out: (one-hot | embedding) → nn.RNN → nn.Linear.

    With `embedding_dim=None` the input x_t is the one-hot vector of the character (Part A);
    otherwise a learned embedding of that size (Part B).
    """

    def __init__(self, vocab_size: int, hidden_size: int, embedding_dim: int | None = None):
        super().__init__()
        self.vocab_size = _positive("vocab_size", vocab_size)
        self.hidden_size = _positive("hidden_size", hidden_size)
        self.embedding_dim = None if embedding_dim is None else _positive("embedding_dim",
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
        if (not isinstance(ids, torch.Tensor) or ids.dim() != 2 or ids.is_floating_point()
                or (ids.numel() and (int(ids.min()) < 0 or int(ids.max()) >= self.vocab_size))):
            got = (f"{tuple(ids.shape)} {ids.dtype}" if isinstance(ids, torch.Tensor)
                   else type(ids).__name__)
            raise ValueError(t("model.bad_ids", last=self.vocab_size - 1, got=got))
        if self.embedding is None:
            return nn.functional.one_hot(ids, self.vocab_size).float()  # (B, T, V)
        return self.embedding(ids)                                       # (B, T, E)

    def forward(self, ids: torch.Tensor, h0: torch.Tensor | None = None):
        """ids (B, T), h0 (1, B, H) or None -> (logits (B, T, V), h_T (1, B, H))."""
        return self.run(self.inputs(ids), h0)

    def run(self, x: torch.Tensor, h0: torch.Tensor | None = None):
        """The same from the vectors x (B, T, D) of `inputs` (lets a loop reuse them)."""
        hs, h_last = self.rnn(x, h0)                  # hs (B, T, H): every h_t
        return self.head(hs), h_last                  # (B, T, V), (1, B, H)


def _device(model: nn.Module) -> torch.device:
    return next(model.parameters()).device


@contextmanager
def cpu_threads(n: int | None) -> Iterator[None]:
    """Use `n` CPU threads inside the block, then restore the previous number.

    Our models are small: splitting each small matrix product between threads costs more
    in waiting than it saves, badly so when other programs share the cores (measured on a
    busy 2-core machine: 1 thread ≈ 18 ms per training step, 2 threads ≈ 170 ms). None
    leaves torch's setting alone.
    """
    before = torch.get_num_threads()
    if n is not None:
        torch.set_num_threads(_positive("threads", n))
    try:
        yield
    finally:
        torch.set_num_threads(before)


def sentence_pairs(vocab: Vocabulary, sentences: list[str], fill: str = " "):
    """Part A's data: pad the sentences, then input = all but the last character and
    target = all but the first. Returns ids (N, L - 1) and (N, L - 1)."""
    ids = torch.stack([vocab.encode(s) for s in pad(sentences, fill=fill)])  # (N, L)
    return ids[:, :-1], ids[:, 1:]


def train_full_batch(model: CharRNN, inputs: torch.Tensor, targets: torch.Tensor,
                     epochs: int = 100, lr: float = 0.01, threads: int | None = 1) -> list[float]:
    """Part A's loop: every epoch, one Adam step on all sentences at once.
    inputs, targets (N, T). Returns the loss of each epoch."""
    epochs = _positive("epochs", epochs)
    device = _device(model)
    inputs, targets = inputs.to(device), targets.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    # One-hot vectors never change, so they are built once; an embedding is learned, so
    # its lookup is part of every step's graph.
    fixed = model.inputs(inputs) if model.embedding is None else None     # (N, T, V)
    model.train()
    with cpu_threads(threads):
        for _ in range(epochs):
            x = fixed if fixed is not None else model.inputs(inputs)      # (N, T, D)
            logits, _ = model.run(x)                                # (N, T, V)
            loss = loss_fn(logits.reshape(-1, model.vocab_size), targets.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


def chunk_batches(ids: torch.Tensor, batch_size: int, seq_len: int) -> list[tuple]:
    """Cut one long id sequence (N,) into batches (x, y), each (B, T), y = x shifted by one.

    The text is split into B streams of equal length laid side by side; batch k holds
    characters k·T … (k+1)·T - 1 of every stream, so row b of batch k+1 continues row b
    of batch k — which is what lets the training loop carry the hidden state over.
    """
    batch_size, seq_len = _positive("batch_size", batch_size), _positive("seq_len", seq_len)
    ids = torch.as_tensor(ids).flatten()
    need = batch_size * seq_len + 1
    if ids.numel() < need:
        raise ValueError(t("model.short_text", n=ids.numel(), need=need,
                           batch_size=batch_size, seq_len=seq_len))
    stream_len = (ids.numel() - 1) // batch_size
    x_streams = ids[:batch_size * stream_len].reshape(batch_size, stream_len)     # (B, S)
    y_streams = ids[1:batch_size * stream_len + 1].reshape(batch_size, stream_len)  # (B, S)
    return [(x_streams[:, i:i + seq_len], y_streams[:, i:i + seq_len])            # (B, T) each
            for i in range(0, stream_len - seq_len + 1, seq_len)]


def train_char_model(model: CharRNN, ids: torch.Tensor, *, batch_size: int = 32,
                     seq_len: int = 64, epochs: int = 1, lr: float = 3e-3, clip: float = 1.0,
                     progress: bool = True, threads: int | None = 1,
                     callback: Callable[[int, float], None] | None = None) -> list[float]:
    """Part B's loop: truncated BPTT over `chunk_batches`, Adam, gradient clipping.

    The hidden state is carried from one chunk to the next and detached, so gradients
    flow back T steps at most; it restarts at zero every epoch. The batches come in a
    fixed order, so a seeded run is repeatable. `callback(step, loss)` is called after
    every step (for a live plot); `threads` as in `cpu_threads`. Returns every step's loss.
    """
    epochs = _positive("epochs", epochs)
    device = _device(model)
    batches = [(x.to(device), y.to(device)) for x, y in chunk_batches(ids, batch_size, seq_len)]
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    losses: list[float] = []
    bar = None
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=epochs * len(batches), desc=t("model.progress"), unit="batch")
    model.train()
    with cpu_threads(threads):
        for _ in range(epochs):
            h = None                                               # h_0 = 0 every epoch
            for x, y in batches:
                logits, h = model(x, h)                            # (B, T, V), (1, B, H)
                h = h.detach()                                     # truncated BPTT
                loss = loss_fn(logits.reshape(-1, model.vocab_size), y.reshape(-1))
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), clip)
                optimizer.step()
                losses.append(loss.item())
                if bar is not None:
                    bar.update()
                if callback is not None:
                    callback(len(losses), losses[-1])
    if bar is not None:
        bar.set_postfix(loss=f"{losses[-1]:.3f}")
        bar.close()
    return losses


@torch.no_grad()
def bits_per_char(model: CharRNN, ids: torch.Tensor, threads: int | None = 1) -> float:
    """Mean cross-entropy, in bits, of predicting ids[1:] from ids[:-1] in one pass."""
    ids = torch.as_tensor(ids).flatten().to(_device(model))
    model.eval()
    with cpu_threads(threads):
        logits, _ = model(ids[None, :-1])                         # (1, N - 1, V)
        nats = nn.functional.cross_entropy(logits[0], ids[1:])
    return nats.item() / math.log(2)


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
    ids = vocab.encode(text)                                          # (T,)
    if len(vocab) != model.vocab_size:
        raise ValueError(t("model.bad_ids", last=model.vocab_size - 1, got=f"V = {len(vocab)}"))
    model.eval()
    rnn = model.rnn
    x = model.inputs(ids[None].to(_device(model)))[0].double().cpu()  # (T, D)
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
