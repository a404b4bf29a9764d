"""Numbers as the reader writes them: 0,57 in Portuguese, 0.57 in English.

Python, NumPy and PyTorch always print a decimal point. A Brazilian reader writes a decimal
comma (and a point between thousands), so every number a lesson shows in a sentence, a
table, a plot or a widget goes through ``num``:

    num(0.5731, ".3f")      -> "0,573" (pt)   "0.573" (en)
    num(12345.6, ",.1f")    -> "12.345,6"     "12,345.6"
    num(h, ".4f")           -> "[ 0,5766 -0,0839]"  an array, a tensor or a list, aligned

The spec is Python's format spec (the part after ``:`` in an f-string). Numbers the learner
types as code (``temperature=0.5``) stay Python literals: they are code, not prose.
Taught in lesson 00.
"""

from __future__ import annotations

import numbers as _numbers

import numpy as np

from .language import get_language, register, t

_SWAP = str.maketrans({".": ",", ",": "."})


def with_separators(written: str) -> str:
    """A number already written by Python ("1,234.5") with the reader's separators
    ("1.234,5" in pt); for text that another library formatted (matplotlib's ticks)."""
    return written.translate(_SWAP) if get_language() == "pt" else written


def _one(x, spec: str) -> str:
    if isinstance(x, (bool, np.bool_)):
        raise TypeError(t("numbers.not_number", kind=type(x).__name__))
    if isinstance(x, np.generic):
        x = x.item()
    if not isinstance(x, _numbers.Real):
        raise TypeError(t("numbers.not_number", kind=type(x).__name__))
    return with_separators(format(x, spec))


def _array(values, spec: str) -> str:
    if values.ndim == 0:
        return _one(values.item(), spec)
    cells = [_one(v, spec) for v in values.ravel().tolist()]
    width = max(len(c) for c in cells)
    cells = iter(cells)

    def block(shape, depth):
        if len(shape) == 1:
            return "[" + " ".join(next(cells).rjust(width) for _ in range(shape[0])) + "]"
        rows = [block(shape[1:], depth + 1) for _ in range(shape[0])]
        return "[" + ("\n" * (len(shape) - 1) + " " * (depth + 1)).join(rows) + "]"

    return block(values.shape, 0)


def num(x, spec: str = "") -> str:
    """`x` (a number, a NumPy array, a torch tensor or a list of numbers) written with the
    reader's decimal separator; `spec` is a format spec such as ".3f", "+.2f", ".1e", ".0%"."""
    if hasattr(x, "detach"):  # a torch tensor
        x = x.detach().cpu().numpy()
    if isinstance(x, (list, tuple)):
        if any(isinstance(v, (bool, str)) or not isinstance(v, (_numbers.Real, np.generic))
               for v in x):
            kinds = sorted({type(v).__name__ for v in x})
            raise TypeError(t("numbers.not_number", kind=", ".join(kinds)))
        x = np.asarray(x, dtype=float)
    if isinstance(x, np.ndarray):
        if x.dtype.kind not in "iuf":
            raise TypeError(t("numbers.not_number", kind=f"array of {x.dtype}"))
        return _array(x, spec)
    return _one(x, spec)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "numbers.not_number": {
        "pt": "num() escreve números; recebeu {kind}.",
        "en": "num() writes numbers; it got {kind}.",
    },
})
