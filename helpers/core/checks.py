"""Checks of what a learner passes to the helpers: shapes, counts, numbers, fractions, ids.

Each check returns the value in the form the caller needs, or raises ValueError with a
message in the notebook's language naming the argument, what was expected and what came.
Used by every lesson's helpers.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from .language import register, t


def is_int(value) -> bool:
    """True for a whole number (a Python or NumPy integer), False for a bool or a float."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


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
    if not is_int(value) or value < 1:
        raise ValueError(t("value.positive_int", name=name, value=value))
    return int(value)


def positive_number(name: str, value) -> float:
    """`value` as a finite float > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not (math.isfinite(value) and value > 0):
        raise ValueError(t("value.positive_number", name=name, value=value))
    return float(value)


def text(name: str, value, allow_none: bool = False) -> str | None:
    """`value` if it is a str (or None, when allowed); else a TypeError naming `name`."""
    if not isinstance(value, str) and not (allow_none and value is None):
        raise TypeError(t("value.text", name=name, kind=type(value).__name__))
    return value


def fraction(name: str, value) -> float:
    """`value` as a float strictly between 0 and 1 (a share of something)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not 0 < value < 1:  # NaN fails both comparisons
        raise ValueError(t("value.fraction", name=name, value=value))
    return float(value)


def int_in_range(name: str, value, low: int, high: int) -> int:
    """`value` as an int with low ≤ value ≤ high."""
    if not is_int(value) or not low <= value <= high:
        raise ValueError(t("value.int_range", name=name, value=value, low=low, high=high))
    return int(value)


def ids_tensor(name: str, ids, V: int | None = None) -> torch.Tensor:
    """Integer ids (a tensor, NumPy array or nested list) as a long tensor, checked.

    A text where ids go, or anything that is not whole numbers, is a TypeError; with `V`,
    an id outside 0 … V - 1 is a ValueError naming the first one found.
    """
    if isinstance(ids, str) or (isinstance(ids, (list, tuple)) and ids
                                and isinstance(ids[0], str)):
        text = ids if isinstance(ids, str) else "".join(map(str, ids))
        raise TypeError(t("ids.text", name=name, text=text[:20]))
    try:
        tensor = torch.as_tensor(ids)
    except (TypeError, ValueError, RuntimeError):
        raise TypeError(t("ids.type", name=name, kind=type(ids).__name__)) from None
    if tensor.is_floating_point() or tensor.is_complex() or tensor.dtype == torch.bool:
        raise TypeError(t("ids.type", name=name, kind=f"{type(ids).__name__} {tensor.dtype}"))
    if V is not None:
        bad = tensor[(tensor < 0) | (tensor >= V)]
        if bad.numel():
            raise ValueError(t("ids.range", name=name, last=V - 1, V=V,
                               bad=int(bad.flatten()[0])))
    return tensor.long()


# ---- messages (both languages; looked up with t() when a message is shown) ----

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
    "value.text": {
        "pt": "{name} deve ser um texto (str), não {kind}.",
        "en": "{name} must be a text (str), not {kind}.",
    },
    "value.fraction": {
        "pt": "{name} deve ser um número entre 0 e 1 (sem os extremos), não {value!r}.",
        "en": "{name} must be a number between 0 and 1 (both excluded), not {value!r}.",
    },
    "value.int_range": {
        "pt": "{name} deve ser um inteiro entre {low} e {high}, não {value!r}.",
        "en": "{name} must be an integer between {low} and {high}, not {value!r}.",
    },
    "ids.text": {
        "pt": "{name} recebe ids (números inteiros), não um texto: vocab.encode({text!r}) "
              "dá os ids de um texto.",
        "en": "{name} takes ids (integers), not a text: vocab.encode({text!r}) gives the "
              "ids of a text.",
    },
    "ids.type": {
        "pt": "{name} recebe ids inteiros (tensor, array ou lista), não {kind}.",
        "en": "{name} takes integer ids (a tensor, array or list), not {kind}.",
    },
    "ids.range": {
        "pt": "{name}: os ids devem ser inteiros entre 0 e {last} (V = {V}); encontrei {bad}.",
        "en": "{name}: ids must be integers between 0 and {last} (V = {V}); found {bad}.",
    },
})
