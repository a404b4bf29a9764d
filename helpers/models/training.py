"""The loops that train lesson 04's character model, and how it is measured.

Part A trains on three padded sentences, all at once (`sentence_pairs`,
`train_full_batch`), optionally until the loss falls below a target. Part B trains on a
real text: `chunk_batches` cuts the text into B parallel streams and each stream into
chunks of T characters, so that row b of one batch continues row b of the previous one;
`train_char_model` then carries the hidden state from chunk to chunk, detached (truncated
BPTT), and clips the gradient. `bits_per_char` measures a model on a text. Taught in
lesson 04.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import nn

from ..core.checks import ids_tensor, positive_int, positive_number
from ..core.language import register, t
from ..core.numbers import num
from ..core.threads import cpu_threads
from ..data.vocabulary import Vocabulary, pad
from .char_model import CharRNN, detach_state, model_device


def sentence_pairs(vocab: Vocabulary, sentences: list[str], fill: str = " "):
    """Part A's data: pad the sentences, then input = all but the last character and
    target = all but the first. Returns ids (N, L - 1) and (N, L - 1)."""
    ids = torch.stack([vocab.encode(s) for s in pad(sentences, fill=fill)])  # (N, L)
    return ids[:, :-1], ids[:, 1:]


def train_full_batch(model: CharRNN, inputs: torch.Tensor, targets: torch.Tensor,
                     epochs: int = 100, lr: float = 0.01, stop_below: float | None = None,
                     threads: int | None = 1) -> list[float]:
    """Part A's loop: every epoch, one Adam step on all sentences at once.

    inputs, targets (N, T). With `stop_below`, training stops after the first epoch whose
    loss is below it (`epochs` is then the cap). Returns the loss of each epoch run.
    """
    epochs, lr = positive_int("epochs", epochs), positive_number("lr", lr)
    if stop_below is not None:
        stop_below = positive_number("stop_below", stop_below)
    inputs = ids_tensor("inputs", inputs, model.vocab_size)
    targets = ids_tensor("targets", targets, model.vocab_size)  # class ids: 0 … V - 1
    if inputs.dim() != 2 or inputs.shape != targets.shape:
        raise ValueError(t("training.pairs", inputs=tuple(inputs.shape),
                           targets=tuple(targets.shape)))
    device = model_device(model)
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
            logits, _ = model.run(x)                                      # (N, T, V)
            loss = loss_fn(logits.reshape(-1, model.vocab_size), targets.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            if stop_below is not None and losses[-1] < stop_below:
                break
    return losses


def chunk_batches(ids: torch.Tensor, batch_size: int, seq_len: int) -> list[tuple]:
    """Cut one long id sequence (N,) into batches (x, y), each (B, T), y = x shifted by one.

    The text is split into B streams of equal length laid side by side; batch k holds
    characters k·T … (k+1)·T - 1 of every stream, so row b of batch k+1 continues row b
    of batch k — which is what lets the training loop carry the hidden state over.
    """
    batch_size, seq_len = positive_int("batch_size", batch_size), positive_int("seq_len", seq_len)
    ids = ids_tensor("ids", ids).flatten()
    need = batch_size * seq_len + 1
    if ids.numel() < need:
        raise ValueError(t("training.short_text", n=ids.numel(), need=need,
                           batch_size=batch_size, seq_len=seq_len))
    stream_len = (ids.numel() - 1) // batch_size
    x_streams = ids[:batch_size * stream_len].reshape(batch_size, stream_len)     # (B, S)
    y_streams = ids[1:batch_size * stream_len + 1].reshape(batch_size, stream_len)  # (B, S)
    return [(x_streams[:, i:i + seq_len], y_streams[:, i:i + seq_len])            # (B, T) each
            for i in range(0, stream_len - seq_len + 1, seq_len)]


class Progress:
    """What a training loop reports after each step: a tqdm bar (when `show`) and
    `callback(step, loss)`; at the end the bar shows the last loss."""

    def __init__(self, total: int, show: bool, callback: Callable[[int, float], None] | None,
                 unit: str):
        self.bar, self.callback = None, callback
        if show:
            from tqdm.auto import tqdm
            self.bar = tqdm(total=total, desc=t("training.progress"), unit=unit)

    def step(self, losses: list[float]) -> None:
        if self.bar is not None:
            self.bar.update()
        if self.callback is not None:
            self.callback(len(losses), losses[-1])

    def close(self, losses: list[float]) -> None:
        if self.bar is not None:
            self.bar.set_postfix(loss=num(losses[-1], ".3f"))
            self.bar.close()


class TrainingLog(list):
    """The loss of every step (a list), plus how many steps had their gradient clipped."""

    clipped: int = 0


def train_char_model(model: CharRNN, ids: torch.Tensor, *, batch_size: int = 32,
                     seq_len: int = 64, epochs: int = 1, lr: float = 3e-3, clip: float = 1.0,
                     progress: bool = False, threads: int | None = 1,
                     callback: Callable[[int, float], None] | None = None,
                     cosine: bool = False) -> TrainingLog:
    """Part B's loop: truncated BPTT over `chunk_batches`, Adam, gradient clipping.

    With `cosine=True` the learning rate falls from `lr` to 0 along half a cosine over
    the whole run (large steps first, fine ones at the end), as lesson 04 trains.

    The hidden state is carried from one chunk to the next and detached, so gradients
    flow back T steps at most; it restarts at zero every epoch. The batches come in a
    fixed order, so a seeded run is repeatable. `callback(step, loss)` is called after
    every step (for a live plot); `progress=True` shows a tqdm bar; `threads` as in
    `helpers.core.threads.cpu_threads`. Returns every step's loss (nats) in a `TrainingLog`,
    whose `clipped` counts the steps whose gradient norm was above `clip`.
    """
    epochs = positive_int("epochs", epochs)
    lr, clip = positive_number("lr", lr), positive_number("clip", clip)
    ids = ids_tensor("ids", ids, model.vocab_size)
    device = model_device(model)
    batches = [(x.to(device), y.to(device)) for x, y in chunk_batches(ids, batch_size, seq_len)]
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    schedule = (torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs * len(batches))
                if cosine else None)
    loss_fn = nn.CrossEntropyLoss()
    losses = TrainingLog()
    report = Progress(epochs * len(batches), progress, callback, unit="batch")
    model.train()
    with cpu_threads(threads):
        for _ in range(epochs):
            h = None                                               # h_0 = 0 every epoch
            for x, y in batches:
                logits, h = model(x, h)                            # (B, T, V), state
                h = detach_state(h)                                # truncated BPTT
                loss = loss_fn(logits.reshape(-1, model.vocab_size), y.reshape(-1))
                optimizer.zero_grad()
                loss.backward()
                norm = nn.utils.clip_grad_norm_(model.parameters(), clip)
                losses.clipped += int(norm > clip)
                optimizer.step()
                if schedule is not None:
                    schedule.step()
                losses.append(loss.item())
                report.step(losses)
    report.close(losses)
    return losses


@torch.no_grad()
def bits_per_char(model: CharRNN, ids: torch.Tensor, threads: int | None = 1) -> float:
    """Mean cross-entropy, in bits, of predicting ids[1:] from ids[:-1] in one pass.

    The model's train/eval mode is left as it was.
    """
    ids = ids_tensor("ids", ids, model.vocab_size).flatten().to(model_device(model))
    if ids.numel() < 2:
        raise ValueError(t("training.two_ids", n=ids.numel()))
    was_training = model.training
    model.eval()
    try:
        with cpu_threads(threads):
            logits, _ = model(ids[None, :-1])                     # (1, N - 1, V)
            nats = nn.functional.cross_entropy(logits[0], ids[1:])
    finally:
        model.train(was_training)
    return nats.item() / math.log(2)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "training.short_text": {
        "pt": "Texto curto demais para um lote: {n} caracteres, mas B × T + 1 = {need} "
              "(B = {batch_size}, T = {seq_len}). Use um texto maior ou B e T menores.",
        "en": "Text too short for one batch: {n} characters, but B × T + 1 = {need} "
              "(B = {batch_size}, T = {seq_len}). Use a longer text or smaller B and T.",
    },
    "training.two_ids": {
        "pt": "bits_per_char precisa de pelo menos 2 ids (um para ler, um para prever); "
              "recebi {n}.",
        "en": "bits_per_char needs at least 2 ids (one to read, one to predict); got {n}.",
    },
    "training.progress": {"pt": "treinando", "en": "training"},
    "training.pairs": {
        "pt": "inputs e targets devem ter a mesma forma (N, T); recebi {inputs} e {targets}.",
        "en": "inputs and targets must have the same shape (N, T); got {inputs} and {targets}.",
    },
})
