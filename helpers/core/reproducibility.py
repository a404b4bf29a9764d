"""Reproducibility: one call that seeds every random number generator a lesson uses.

Same seed, same numbers: that is what lets nbval compare a notebook's stored outputs
with a fresh run on another machine. Taught in lesson 00.
"""

from __future__ import annotations

import os
import random

import numpy as np
import torch

from .checks import is_int
from .language import register, t


def _checked_seed(seed) -> int:
    if not is_int(seed) or not 0 <= seed < 2**32:
        raise ValueError(t("seed.bad", seed=seed))
    return int(seed)


def seed_everything(seed: int = 0, deterministic: bool = True) -> int:
    """Seed Python's `random`, NumPy's global generator and torch (CPU and GPU).

    With `deterministic=True`, torch is also asked for deterministic algorithms
    (warning instead of failing where an operation has none) and cuDNN's autotuner,
    which picks kernels by timing, is switched off. Returns the seed.
    """
    seed = _checked_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device
    if deterministic:
        # cuBLAS needs this workspace setting for deterministic results on CUDA >= 10.2;
        # it only takes effect if set before the first cuBLAS call.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True, warn_only=True)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False
    return seed


def rng(seed: int = 0) -> np.random.Generator:
    """A fresh NumPy generator: preferred over the global one when a lesson needs randomness."""
    seed = _checked_seed(seed)
    return np.random.default_rng(seed)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "seed.bad": {
        "pt": "A semente deve ser um inteiro entre 0 e 2**32 - 1, não {seed!r}.",
        "en": "The seed must be an integer between 0 and 2**32 - 1, not {seed!r}.",
    },
})
