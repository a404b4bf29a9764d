"""The claims report (`make test-claims`, lessons/CLAIMS.md) is current, every claim held in
every variant, and every cell whose printed numbers change with the machine is one nbval
does not compare digit by digit; plus the recorder that measures the margins."""

import json

import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell

from tools.claims import DATA, PRELUDE, TRAINING_LESSONS, code_digest
from tools.lesson_source import LANGUAGES, NOTEBOOKS

SUMMARY = json.loads(DATA.read_text(encoding="utf-8")) if DATA.exists() else None
RERUN = "run `make test-claims` (about 40 minutes) and commit lessons/CLAIMS.md and claims.json"


def test_the_report_covers_the_training_lessons_under_several_variants():
    assert SUMMARY, f"lessons/claims.json is missing: {RERUN}"
    assert set(SUMMARY["lessons"]) == set(TRAINING_LESSONS)
    names = {v["name"] for v in SUMMARY["variants"]}
    assert {"build", "avx2", "default", "1thread", "colab"} <= names
    torches = {v["torch"] for v in SUMMARY["variants"]}
    assert len(torches) >= 2, "the Colab variant runs another torch"


@pytest.mark.parametrize("slug", TRAINING_LESSONS)
def test_the_claims_were_proven_on_the_current_code(slug):
    assert SUMMARY["lessons"][slug]["code_sha256"] == code_digest(slug), (
        f"the code of lessons/{slug}.md changed since its claims were proven: {RERUN}")


@pytest.mark.parametrize("slug", TRAINING_LESSONS)
def test_every_claim_held_in_every_variant(slug):
    lesson = SUMMARY["lessons"][slug]
    failed = [f"cell {c['cell']}: {c['src']}" for c in lesson["claims"] if not c["held"]]
    assert not failed and not lesson["failures"], (failed, lesson["failures"])


@pytest.mark.parametrize("slug", TRAINING_LESSONS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_cells_that_vary_are_not_compared_digit_by_digit(slug, lang):
    nb = nbformat.read(NOTEBOOKS / lang / f"{slug}.ipynb", as_version=4)
    compared = [i for i in SUMMARY["lessons"][slug]["varying_cells"]
                if "nbval-ignore-output" not in nb.cells[i].metadata.get("tags", [])]
    assert not compared, (f"{slug} ({lang}): cells {compared} print numbers that change with "
                          "the machine; mark them `ignore-output` with the reason")


@pytest.fixture(scope="module")
def shell():
    shell = InteractiveShell.instance()
    shell.run_cell(PRELUDE, store_history=False)
    yield shell
    shell.ast_transformers.clear()
    InteractiveShell.clear_instance()


def records(shell, code):
    shell.user_ns["_Claims"].records.clear()
    result = shell.run_cell(code, store_history=True)
    return result, dict(shell.user_ns["_Claims"].records)


def test_the_recorder_measures_margins_without_changing_what_an_assert_does(shell):
    result, recs = records(shell, "acc = 0.97\nassert acc >= 0.95 and 0.1 < acc < 0.99")
    assert result.success
    first, second = sorted(recs.values(), key=lambda r: r["src"])
    assert first["src"] == "0.1 < acc < 0.99" and first["margin"] == pytest.approx(0.02)
    assert second["src"] == "acc >= 0.95" and second["margin"] == pytest.approx(0.02)
    assert second["held"] and second["values"] == [0.97, 0.95]


def test_the_recorder_keeps_the_worst_element_of_all_and_sees_failures(shell):
    result, recs = records(shell, "assert all(v < 2 for v in [1, 1.9, 3] if v != 3)\n"
                                  "assert 5 < 4")
    assert not result.success and isinstance(result.error_in_exec, AssertionError)
    by_src = {r["src"]: r for r in recs.values()}
    worst = by_src["v < 2"]  # the filter `v != 3` is not a claim and is not recorded
    assert worst["n"] == 2 and worst["margin"] == pytest.approx(0.1) and worst["held"]
    assert not by_src["5 < 4"]["held"] and by_src["5 < 4"]["margin"] == -1
    assert set(by_src) == {"v < 2", "5 < 4"}
