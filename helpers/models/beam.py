"""Beam search for lesson 07's translator, many sentences at once.

Greedy decoding keeps one translation and takes the best word at each step. Beam search
keeps the k best partial translations (by the sum of their words' log-probabilities) and
extends each by every word, keeping the k best of the k·V candidates; a translation that
has written </s> stays as it is, with its score. At the end the best finished one wins.
Lesson 07 writes the one-sentence version in its cells; this one runs B sentences side by
side as B·k rows, which is what makes measuring a whole test set quick. Taught in lesson 07.
"""

from __future__ import annotations

import torch

from ..core.checks import positive_int
from .char_model import model_device
from .translator import Translator


@torch.no_grad()
def beam_search(model: Translator, source: torch.Tensor, k: int = 4, start_id: int = 1,
                end_id: int = 2, max_len: int = 20) -> tuple[torch.Tensor, torch.Tensor]:
    """source (B, S) → the best word ids (B, L) (0 after </s>) and their log-probabilities
    (B,). With k = 1 it is greedy decoding."""
    k, max_len = positive_int("k", k), positive_int("max_len", max_len)
    was_training = model.training
    model.eval()
    device = model_device(model)
    B = source.shape[0]
    states, h, mask = model.encode(source.to(device))
    states, mask = states.repeat_interleave(k, 0), mask.repeat_interleave(k, 0)  # (B·k, …)
    h = h.repeat_interleave(k, 1)                                       # (1, B·k, H)
    words = torch.full((B * k, 1), start_id, device=device)             # (B·k, 1)
    score = torch.full((B, k), float("-inf"), device=device)
    score[:, 0] = 0.0                                    # one live beam at first: no copies
    done = torch.zeros(B * k, dtype=torch.bool, device=device)
    for _ in range(max_len):
        scores, h, _ = model.decode(words[:, -1:], states, mask, h)     # (B·k, 1, V)
        logp = torch.log_softmax(scores[:, -1], dim=-1)                 # (B·k, V)
        V = logp.shape[1]
        logp[done] = float("-inf")                        # a finished beam only "writes" 0
        logp[done, 0] = 0.0                               # (padding), at no cost
        total = (score.reshape(-1, 1) + logp).reshape(B, k * V)         # (B, k·V)
        score, best = total.topk(k, dim=-1)                              # (B, k)
        rows = (torch.arange(B, device=device)[:, None] * k + best // V).reshape(-1)
        word = (best % V).reshape(-1, 1)                                 # (B·k, 1)
        words = torch.cat([words[rows], word], dim=1)
        h, done = h[:, rows], done[rows] | (word[:, 0] == end_id)
        if done.all():
            break
    finished = torch.where(done.reshape(B, k), score, torch.full_like(score, float("-inf")))
    pick = torch.where(torch.isinf(finished).all(dim=1), score.argmax(dim=1),
                       finished.argmax(dim=1))                           # (B,)
    chosen = torch.arange(B, device=device) * k + pick
    model.train(was_training)
    return words[chosen, 1:].cpu(), score[torch.arange(B, device=device), pick].cpu()
