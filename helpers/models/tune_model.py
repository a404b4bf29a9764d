"""Training a character model on whole tunes (lesson 06).

Every tune is read as START + tune + END ("@M:6/8…$"). Unlike lesson 04's one long text,
each tune starts from a blank state h_0 = 0 — the state a new tune is composed from — so
`tune_windows` lays tunes side by side in B rows of windows of T characters, each tune
starting at a window boundary (its inputs padded with END, its targets with IGNORE, which
the loss skips), and says where a tune starts (`fresh`), where the loop zeroes the state
(`reset_state`). `train_tune_model` is the loop lesson 06 writes in its cells;
`tune_loss` measures nats per character, every tune from a blank state. Composing new tunes
is in `helpers.models.composing`. Taught in lesson 06.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import nn

from ..core.checks import positive_int, positive_number
from ..core.language import register, t
from ..core.threads import cpu_threads
from ..data.vocabulary import Vocabulary
from .char_model import CharRNN, detach_state, model_device
from .training import Progress

START, END = "@", "$"   # a tune's first and last character: visible, and never in a tune
IGNORE = -100           # a target the loss skips (padding after a tune's END)


def tune_vocabulary(tunes: list[str]) -> Vocabulary:
    """The sorted characters of the tunes, plus START and END."""
    chars = set("".join(tunes))
    if START in chars or END in chars:
        raise ValueError(t("tune_model.marker", start=START, end=END))
    return Vocabulary(sorted(chars | {START, END}))


def encode_tunes(tunes: list[str], vocab: Vocabulary) -> list[torch.Tensor]:
    """One id tensor (L + 2,) per tune: START + tune + END."""
    return [vocab.encode(START + tune + END) for tune in tunes]


def tune_windows(tune_ids: list[torch.Tensor], batch_size: int, seq_len: int, end_id: int,
                 generator: torch.Generator | None = None):
    """x, y (B, W, T) and fresh (B, W): tunes laid out in B rows of W windows of T ids.

    Each tune (shuffled by `generator`, if given) goes to the row that is shortest so far
    and starts at a window boundary; fresh[b, w] is True where window w of row b starts a
    tune (there the state must be zero). y is x shifted by one; after a tune's last
    target come IGNORE targets (and END inputs) up to the window's end.
    """
    batch_size, seq_len = positive_int("batch_size", batch_size), positive_int("seq_len", seq_len)
    order = (torch.randperm(len(tune_ids), generator=generator).tolist()
             if generator is not None else range(len(tune_ids)))
    rows, widths = [[] for _ in range(batch_size)], [0] * batch_size
    for i in order:
        row = widths.index(min(widths))
        rows[row].append(tune_ids[i])
        widths[row] += math.ceil((len(tune_ids[i]) - 1) / seq_len)
    W = max(widths)
    x = torch.full((batch_size, W * seq_len), end_id, dtype=torch.long)
    y = torch.full((batch_size, W * seq_len), IGNORE, dtype=torch.long)
    fresh = torch.zeros(batch_size, W, dtype=torch.bool)
    fresh[:, 0] = True  # a row without tunes is padding only: its state stays at zero
    for b, tunes in enumerate(rows):
        position = 0
        for ids in tunes:
            n = len(ids) - 1                                  # pairs (input, target)
            x[b, position:position + n], y[b, position:position + n] = ids[:-1], ids[1:]
            fresh[b, position // seq_len] = True
            position += math.ceil(n / seq_len) * seq_len
    return (x.view(batch_size, W, seq_len), y.view(batch_size, W, seq_len), fresh)


def reset_state(state, fresh: torch.Tensor):
    """The state with the rows where a tune starts (fresh (B,) True) set to zero."""
    if state is None:
        return None
    keep = (~fresh).float().to(fresh.device)[None, :, None]          # (1, B, 1)
    if isinstance(state, tuple):
        return tuple(part * keep for part in state)                   # LSTM: (h, c)
    return state * keep


def train_tune_model(model: CharRNN, tune_ids: list[torch.Tensor], steps: int, *,
                     batch_size: int = 32, seq_len: int = 64, lr: float = 1e-2,
                     clip: float = 1.0, seed: int = 0, progress: bool = False,
                     threads: int | None = 1,
                     callback: Callable[[int, float], None] | None = None) -> list[float]:
    """Lesson 06's loop: `steps` Adam steps over tune windows; returns each step's loss.

    Every pass over the tunes reshuffles them (seeded). The state goes from one window to
    the next, detached, and is zeroed where a tune starts. The learning rate falls from
    `lr` to 0 along half a cosine; gradients are clipped to norm `clip`.
    """
    steps, lr, clip = positive_int("steps", steps), positive_number("lr", lr), positive_number(
        "clip", clip)
    if not tune_ids:
        raise ValueError(t("tune_model.no_tunes"))
    device = model_device(model)
    end_id = _end_id(tune_ids)
    generator = torch.Generator().manual_seed(int(seed))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, steps)
    losses, windows, k, state = [], None, 0, None
    report = Progress(steps, progress, callback, unit=t("tune_model.unit"))
    model.train()
    with cpu_threads(threads):
        while len(losses) < steps:
            if windows is None or k == windows[0].shape[1]:         # a new pass: reshuffle
                windows = [w.to(device) for w in tune_windows(tune_ids, batch_size, seq_len,
                                                              end_id, generator)]
                k, state = 0, None
            x, y, fresh = (w[:, k] for w in windows)                 # (B, T), (B, T), (B,)
            state = reset_state(state, fresh)                        # h_0 = 0 where a tune starts
            logits, state = model(x, state)                          # (B, T, V)
            state = detach_state(state)
            loss = nn.functional.cross_entropy(logits.reshape(-1, model.vocab_size),
                                               y.reshape(-1), ignore_index=IGNORE)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), clip)
            optimizer.step()
            schedule.step()
            k += 1
            losses.append(loss.item())
            report.step(losses)
    report.close(losses)
    return losses


def _end_id(tune_ids: list[torch.Tensor]) -> int:
    """END's id: the last id of every encoded tune."""
    return int(tune_ids[0][-1])


@torch.no_grad()
def tune_loss(model: CharRNN, tune_ids: list[torch.Tensor], batch_size: int = 32,
              seq_len: int = 256, threads: int | None = 1) -> float:
    """Mean cross-entropy (nats per character) over all tunes, each from a blank state."""
    if not tune_ids:
        raise ValueError(t("tune_model.no_tunes"))
    device, was_training = model_device(model), model.training
    x, y, fresh = (w.to(device) for w in tune_windows(tune_ids, batch_size, seq_len,
                                                      _end_id(tune_ids)))
    total, count, state = 0.0, 0, None
    model.eval()
    try:
        with cpu_threads(threads):
            for k in range(x.shape[1]):
                logits, state = model(x[:, k], reset_state(state, fresh[:, k]))
                target = y[:, k].reshape(-1)
                total += nn.functional.cross_entropy(logits.reshape(-1, model.vocab_size),
                                                     target, ignore_index=IGNORE,
                                                     reduction="sum").item()
                count += int((target != IGNORE).sum())
    finally:
        model.train(was_training)
    return total / count


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "tune_model.marker": {
        "pt": "As músicas não podem conter {start!r} nem {end!r}: eles marcam o começo e o "
              "fim de cada música.",
        "en": "The tunes may not contain {start!r} or {end!r}: they mark where each tune "
              "starts and ends.",
    },
    "tune_model.no_tunes": {"pt": "A lista de músicas está vazia.",
                            "en": "The list of tunes is empty."},
    "tune_model.unit": {"pt": "passo", "en": "step"},
})
