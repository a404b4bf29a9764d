"""Lesson 07's encoder–decoder: a GRU reads the Portuguese words, another GRU writes the
English ones, with or without attention.

Without attention, the encoder's last state h_S is all the decoder gets: its starting
state, one fixed-size context vector for the whole sentence. With attention
(`helpers.models.attention.dot_attention`), every decoder state also looks back at all the
encoder states, and a layer combines the two: õ_t = tanh(W_c [o_t; c_t]). Teacher forcing
in training (the decoder reads the true previous word), greedy decoding at test time
(`translate`); beam search is in `helpers.models.beam`. Shapes: B sentences, S source
words, T target words, H hidden units, V words in a vocabulary. Taught in lesson 07.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

from ..core.checks import ids_tensor, positive_int, positive_number
from ..core.language import register, t
from ..core.threads import cpu_threads
from ..data.vocabulary import Vocabulary
from .attention import dot_attention
from .char_model import model_device
from .training import Progress


class Translator(nn.Module):
    """Encoder GRU + decoder GRU (+ dot attention when `attention`); id 0 is padding."""

    def __init__(self, source_size: int, target_size: int, hidden_size: int = 128,
                 embedding_dim: int = 64, attention: bool = True):
        super().__init__()
        self.attention = attention
        self.source_embedding = nn.Embedding(source_size, embedding_dim, padding_idx=0)
        self.encoder = nn.GRU(embedding_dim, hidden_size, batch_first=True)
        self.target_embedding = nn.Embedding(target_size, embedding_dim, padding_idx=0)
        self.decoder = nn.GRU(embedding_dim, hidden_size, batch_first=True)
        self.combine = nn.Linear(2 * hidden_size, hidden_size) if attention else None
        self.out = nn.Linear(hidden_size, target_size)

    def encode(self, source: torch.Tensor):
        """source ids (B, S), padded with 0 at the end → the encoder states (B, S, H), the
        state after each sentence's last word (1, B, H) and the mask of real words (B, S)."""
        mask = source != 0                                             # (B, S)
        states, _ = self.encoder(self.source_embedding(source))        # (B, S, H)
        last = mask.sum(dim=1) - 1                                     # (B,)
        h_S = states[torch.arange(source.shape[0]), last]              # (B, H)
        return states, h_S[None], mask

    def decode(self, previous: torch.Tensor, states, mask, h):
        """previous target ids (B, T) → scores (B, T, V), the decoder state (1, B, H) and the
        attention weights (B, T, S) (None without attention)."""
        o, h = self.decoder(self.target_embedding(previous), h)       # (B, T, H)
        weights = None
        if self.attention:
            context, weights = dot_attention(o, states, mask)          # (B, T, H), (B, T, S)
            o = torch.tanh(self.combine(torch.cat([o, context], dim=-1)))
        return self.out(o), h, weights

    def forward(self, source: torch.Tensor, previous: torch.Tensor):
        """Teacher forcing: source (B, S), previous = <s> + target (B, T) → scores
        (B, T, V) and attention weights (B, T, S) or None."""
        states, h, mask = self.encode(source)
        scores, _, weights = self.decode(previous, states, mask, h)
        return scores, weights


def make_batch(source_vocab: Vocabulary, target_vocab: Vocabulary, pairs):
    """(source tokens, target tokens) pairs → source (B, S), previous (B, T), next (B, T):
    previous = <s> + target and next = target + </s>, each padded with 0."""
    source = source_vocab.pad_batch([source_vocab.encode(s) for s, _ in pairs])
    target = [target_vocab.encode(g, start=True, end=True) for _, g in pairs]
    return (source, target_vocab.pad_batch([ids[:-1] for ids in target]),
            target_vocab.pad_batch([ids[1:] for ids in target]))


def train_translator(model: Translator, source: torch.Tensor, previous: torch.Tensor,
                     following: torch.Tensor, steps: int, batch_size: int = 64,
                     lr: float = 3e-3, clip: float = 1.0, seed: int = 0,
                     progress: bool = False, threads: int | None = 1,
                     callback: Callable[[int, float], None] | None = None) -> list[float]:
    """Adam on random batches (a fresh shuffle, from `seed`, every epoch), cross-entropy
    on the next word with padding skipped, the gradient clipped. Returns each step's loss."""
    steps, batch_size = positive_int("steps", steps), positive_int("batch_size", batch_size)
    lr, clip = positive_number("lr", lr), positive_number("clip", clip)
    source = ids_tensor("source", source, model.source_embedding.num_embeddings)
    previous = ids_tensor("previous", previous, model.target_embedding.num_embeddings)
    following = ids_tensor("following", following, model.target_embedding.num_embeddings)
    if not source.shape[0] == previous.shape[0] == following.shape[0]:
        raise ValueError(t("translator.rows", source=tuple(source.shape),
                           previous=tuple(previous.shape), following=tuple(following.shape)))
    device = model_device(model)
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses: list[float] = []
    order, k = torch.randperm(source.shape[0], generator=generator), 0
    report = Progress(steps, progress, callback, unit="batch")
    model.train()
    with cpu_threads(threads):
        while len(losses) < steps:
            if k + batch_size > len(order):                          # a new epoch
                order, k = torch.randperm(source.shape[0], generator=generator), 0
            rows = order[k:k + batch_size]
            k += batch_size
            scores, _ = model(source[rows].to(device), previous[rows].to(device))
            loss = nn.functional.cross_entropy(scores.flatten(0, 1),
                                               following[rows].to(device).flatten(),
                                               ignore_index=0)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), clip)
            optimizer.step()
            losses.append(loss.item())
            report.step(losses)
    report.close(losses)
    return losses


@torch.no_grad()
def translate(model: Translator, source: torch.Tensor, start_id: int = 1, end_id: int = 2,
              max_len: int = 20):
    """Greedy decoding: source (B, S) → word ids (B, ≤ max_len) (0 after a sentence's end)
    and attention weights (B, ≤ max_len, S) or None. Train/eval mode is left as it was."""
    max_len = positive_int("max_len", max_len)
    source = ids_tensor("source", source)
    was_training = model.training
    model.eval()
    device = model_device(model)
    states, h, mask = model.encode(source.to(device))
    word = torch.full((source.shape[0], 1), start_id, device=device)   # (B, 1)
    out, weights, done = [], [], torch.zeros(source.shape[0], dtype=torch.bool, device=device)
    for _ in range(max_len):
        scores, h, w = model.decode(word, states, mask, h)              # (B, 1, V)
        word = scores[:, -1].argmax(dim=-1, keepdim=True)              # (B, 1)
        out.append(word.masked_fill(done[:, None], 0))
        weights.append(w)
        done |= word[:, 0] == end_id
        if done.all():
            break
    model.train(was_training)
    return (torch.cat(out, dim=1).cpu(),
            torch.cat(weights, dim=1).cpu() if model.attention else None)


def exact_match(vocab: Vocabulary, ids: torch.Tensor, targets: list[list[str]]) -> list[bool]:
    """For each row of decoded ids, whether its words (up to </s>) are exactly the target's."""
    return [vocab.decode(row).split(" ") == list(target) for row, target in zip(ids, targets)]


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "translator.rows": {
        "pt": "source, previous e following precisam do mesmo número de frases (linhas); "
              "recebi {source}, {previous} e {following}.",
        "en": "source, previous and following need the same number of sentences (rows); "
              "got {source}, {previous} and {following}.",
    },
})
