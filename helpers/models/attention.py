"""One attention step: each query looks at every source position and takes a weighted
average of what the encoder wrote there.

`dot_attention(queries, keys, mask)` scores every (query, key) pair by their dot product
(Luong's "dot" score), turns the scores of each query into weights with a softmax — the
padding positions masked out first, so they get weight exactly 0 — and returns the
weighted sum of the keys, the context. Taught in lesson 07.
"""

from __future__ import annotations

import torch

from ..core.language import register, t


def dot_attention(queries: torch.Tensor, keys: torch.Tensor, mask: torch.Tensor | None = None):
    """queries (B, T, H), keys (B, S, H), mask (B, S) True at real source words →
    context (B, T, H) and weights (B, T, S), each row of weights summing to 1."""
    if queries.dim() != 3 or keys.dim() != 3 or queries.shape[0] != keys.shape[0] \
            or queries.shape[2] != keys.shape[2]:
        raise ValueError(t("attention.shapes", queries=tuple(queries.shape),
                           keys=tuple(keys.shape)))
    scores = queries @ keys.transpose(1, 2)                      # (B, T, S)
    if mask is not None:
        if mask.shape != keys.shape[:2] or not bool(mask.any(dim=1).all()):
            raise ValueError(t("attention.mask", mask=tuple(mask.shape),
                               expected=tuple(keys.shape[:2])))
        scores = scores.masked_fill(~mask[:, None, :], float("-inf"))
    weights = torch.softmax(scores, dim=-1)                      # (B, T, S)
    return weights @ keys, weights                               # (B, T, H), (B, T, S)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "attention.shapes": {
        "pt": "A atenção espera consultas (B, T, H) e chaves (B, S, H) com o mesmo B e o "
              "mesmo H; recebi {queries} e {keys}.",
        "en": "Attention expects queries (B, T, H) and keys (B, S, H) with the same B and "
              "the same H; got {queries} and {keys}.",
    },
    "attention.mask": {
        "pt": "A máscara deve ter a forma {expected} e ao menos uma posição verdadeira por "
              "linha; recebi {mask}.",
        "en": "The mask must have shape {expected} and at least one true position per row; "
              "got {mask}.",
    },
})
