"""Checks of what a learner passes to the helpers: shapes, counts, positive numbers.

Each check returns the value in the form the caller needs, or raises ValueError with a
message in the notebook's language naming the argument, what was expected and what came.
Used by every lesson's helpers.
"""

from __future__ import annotations

import math

import numpy as np

from .language import register, t

register({
    "shape.bad": {
        "pt": "{name} deveria ter forma {expected}, mas tem forma {got}.",
        "en": "{name} should have shape {expected}, but has shape {got}.",
    },
    "value.positive_int": {
        "pt": "{name} deve ser um inteiro positivo, não {value!r}.",
        "en": "{name} must be a positive integer, not {value!r}.",
    },
    "value.positive_number": {
        "pt": "{name} deve ser um número positivo e finito, não {value!r}.",
        "en": "{name} must be a positive, finite number, not {value!r}.",
    },
})


def check_shape(name: str, array, expected: tuple) -> np.ndarray:
    """`array` as a NumPy array of the expected shape; None in `expected` matches any size."""
    array = np.asarray(array)
    ok = array.ndim == len(expected) and all(
        want is None or got == want for got, want in zip(array.shape, expected))
    if not ok:
        shown = "(" + ", ".join("?" if e is None else str(e) for e in expected) + \
                ("," if len(expected) == 1 else "") + ")"
        raise ValueError(t("shape.bad", name=name, expected=shown, got=tuple(array.shape)))
    return array


def positive_int(name: str, value) -> int:
    """`value` as an int ≥ 1 (a bool is not a count)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(t("value.positive_int", name=name, value=value))
    return int(value)


def positive_number(name: str, value) -> float:
    """`value` as a finite float > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not (math.isfinite(value) and value > 0):
        raise ValueError(t("value.positive_number", name=name, value=value))
    return float(value)
