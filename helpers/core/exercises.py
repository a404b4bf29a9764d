"""Self-checks for exercises.

An exercise cell defines a function whose body starts as `raise NotImplementedError`.
The check cell below it calls `check_exercise(learner_fn, reference_fn, cases)`, which
runs both on every case and compares the results:

* the learner has not written it yet  -> status "todo" (no error, so "Run all" goes on);
* every case agrees                    -> status "ok";
* a case disagrees or raises           -> status "wrong", with the first failing case.

The result is a value: the notebook shows it, and a hidden solution cell asserts that the
reference solution gets "ok", so CI proves every exercise can be solved. Taught in lesson 00.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .language import register, t
from .numbers import num


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a self-check: status is "todo", "ok" or "wrong"."""

    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "ok"

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        return self.message


def _as_array(value: Any) -> np.ndarray:
    if hasattr(value, "detach"):  # a torch tensor
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=float)


def _short(value: Any) -> str:
    if hasattr(value, "detach") or isinstance(value, (np.ndarray, float, np.floating)):
        array = _as_array(value)
        if array.size > 12:  # too long to read in one line: its shape says enough
            return t("check.big_array", shape=tuple(array.shape))
        return num(array, ".4g")
    return repr(value)


def _same(got: Any, expected: Any, atol: float) -> bool:
    try:
        a, b = _as_array(got), _as_array(expected)
    except (TypeError, ValueError):
        return got == expected
    return a.shape == b.shape and bool(np.allclose(a, b, atol=atol, rtol=0))


def check_exercise(learner_fn: Callable, reference_fn: Callable,
                   cases: Iterable[tuple], atol: float = 1e-6,
                   at_least: float = 1.0) -> CheckResult:
    """Compare `learner_fn(*case)` with `reference_fn(*case)` on every case.

    With `at_least` below 1 (a trained model's answers, which may miss a few), the check
    passes when that share of the cases agrees; the message says how many did.
    """
    cases = [case if isinstance(case, tuple) else (case,) for case in cases]
    if not cases:
        raise ValueError(t("check.no_cases"))
    right, first_wrong = 0, None
    for case in cases:
        shown = ", ".join(_short(arg) for arg in case)
        expected = reference_fn(*case)
        try:
            got = learner_fn(*case)
        except NotImplementedError:
            return CheckResult("todo", t("check.todo"))
        except Exception as error:  # the learner's code: report, don't crash the notebook
            return CheckResult("wrong", t("check.error", error=type(error).__name__, case=shown))
        if _same(got, expected, atol):
            right += 1
        elif first_wrong is None:
            first_wrong = t("check.wrong", case=shown, expected=_short(expected), got=_short(got))
            if at_least >= 1:
                return CheckResult("wrong", first_wrong)
    if at_least >= 1:
        return CheckResult("ok", t("check.ok", n=len(cases)))
    least = num(at_least * 100, ".0f")
    if right >= at_least * len(cases):
        return CheckResult("ok", t("check.share_ok", right=right, n=len(cases), least=least))
    return CheckResult("wrong", t("check.share_wrong", right=right, n=len(cases), least=least,
                                  example=first_wrong))


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "check.todo": {
        "pt": "○ Exercício ainda não feito: troque o `raise NotImplementedError` pelo seu código.",
        "en": "○ Exercise not done yet: replace `raise NotImplementedError` with your code.",
    },
    "check.ok": {
        "pt": "✓ Correto! Casos verificados: {n}.",
        "en": "✓ Correct! Cases checked: {n}.",
    },
    "check.wrong": {
        "pt": "✗ Ainda não: para a entrada {case}, esperado {expected}, obtido {got}.",
        "en": "✗ Not yet: for input {case}, expected {expected}, got {got}.",
    },
    "check.share_ok": {
        "pt": "✓ Correto em {right} de {n} casos (pede-se {least} %).",
        "en": "✓ Right on {right} of {n} cases ({least} % asked for).",
    },
    "check.share_wrong": {
        "pt": "✗ Correto em só {right} de {n} casos (pede-se {least} %). {example}",
        "en": "✗ Right on only {right} of {n} cases ({least} % asked for). {example}",
    },
    "check.error": {
        "pt": "✗ Sua função levantou {error} para a entrada {case}.",
        "en": "✗ Your function raised {error} for input {case}.",
    },
    "check.big_array": {
        "pt": "um arranjo de forma {shape}",
        "en": "an array of shape {shape}",
    },
    "check.no_cases": {
        "pt": "A verificação precisa de pelo menos um caso de teste.",
        "en": "The check needs at least one test case.",
    },
})
