"""How many CPU threads torch may use inside a block (lesson 04's small models).

Our character models are small: splitting each small matrix product between threads
costs more in waiting than it saves, badly so when other programs share the cores
(measured on a busy 2-core machine: 1 thread ≈ 18 ms per training step, 2 threads
≈ 170 ms). The training loops and the sampler run inside `cpu_threads(1)` by default.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch

from .checks import is_int
from .language import register, t


@contextmanager
def cpu_threads(n: int | None) -> Iterator[None]:
    """Use `n` CPU threads inside the block, then restore the previous number.

    None leaves torch's setting alone.
    """
    if n is not None and (not is_int(n) or n < 1):
        raise ValueError(t("threads.positive", value=n))
    before = torch.get_num_threads()
    if n is not None:
        torch.set_num_threads(int(n))
    try:
        yield
    finally:
        torch.set_num_threads(before)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "threads.positive": {
        "pt": "threads deve ser um inteiro positivo ou None, não {value!r}.",
        "en": "threads must be a positive integer or None, not {value!r}.",
    },
})
