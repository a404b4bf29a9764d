"""No number in a lesson's prose that a machine can change contradicts what the cells show.

Two kinds are checked mechanically, in both languages of every lesson source:

* **Durations** ("25 segundos", "less than a minute"): how long a cell takes depends on the
  machine, so prose never states one; the cell prints it (`bar.format_dict['elapsed']`).
  A duration that is a setting (the audio excerpt the lesson plays) is listed below.
* **Scores** (a percentage, bits, bpc or nats): a trained model's score depends on the CPU's
  arithmetic, so prose may state one only as the bound an `assert` guarantees. The number
  must appear as a literal in one of the lesson's asserts (the bound the claim rests on,
  wherever in the lesson it is checked), or be listed below as a fact that no machine
  changes (a split, a setting, counting).
"""

import ast
import re

import pytest

from tools.lesson_source import LANGUAGES, lesson_paths, localize, parse

LESSONS = [parse(path) for path in lesson_paths()]

NUMBER_WORDS = (r"um|uma|dois|duas|três|quatro|cinco|dez|vinte|trinta|meia|meio|"
                r"one|two|three|four|five|ten|twenty|thirty|half|(?:than|about|under) an?")
DURATION = re.compile(rf"\b(\d[\d  ,.]*|{NUMBER_WORDS})\s+(milissegundos?|milliseconds?|"
                      r"segundos?|seconds?|minutos?|minutes?|horas?|hours?)\b", re.I)
# Durations that are settings of the lesson, not measurements (phrase → why).
SETTING_DURATIONS = {
    "8 segundos": "lesson 06 plays the first 8 s of a tune (a setting of the cell)",
    "8 seconds": "lesson 06 plays the first 8 s of a tune (a setting of the cell)",
}

SCORE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|bits?\b|bpc\b|nats?\b)")
# Scores in prose that no machine changes (lesson, number as written) → why.
FIXED_SCORES = {
    ("04_completing_sentences", "10 %"): "the share of the text held out (a setting)",
    ("04_completing_sentences", "700 bits"): "0.2 bit × 3,500 characters: arithmetic on the "
                                             "asserted bound",
    ("07_translation", "0,1 %"): "the share of small numbers under a uniform draw (counting)",
    ("07_translation", "0.1 %"): "the share of small numbers under a uniform draw (counting)",
}


def durations(text: str) -> list[str]:
    return [m.group(0) for m in DURATION.finditer(text)
            if m.group(0) not in SETTING_DURATIONS]


def assert_literals(code: str) -> set[float]:
    """Every number written in an assert of `code` (0.99 in `assert accuracy >= 0.99`)."""
    found = set()
    try:
        tree = ast.parse(re.sub(r"^\s*[%!].*$", "", code, flags=re.M))
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            for sub in ast.walk(node.test):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, (int, float)) \
                        and not isinstance(sub.value, bool):
                    found.add(round(float(sub.value), 6))
    return found


def unbacked_scores(lesson, lang) -> list[str]:
    literals: set[float] = set()
    for cell in lesson.cells:
        if cell.kind == "code":
            literals |= assert_literals(localize(cell.text, lang))
    problems = []
    for cell in lesson.cells:
        if cell.kind != "markdown":
            continue
        for m in SCORE.finditer(cell.text[lang]):
            written = m.group(0)
            if (lesson.slug, written) in FIXED_SCORES:
                continue
            value = float(m.group(1).replace(",", "."))
            wanted = {round(value, 6), round(value / 100, 6)} if m.group(2) == "%" \
                else {round(value, 6)}
            if not wanted & literals:
                problems.append(f"line {cell.line}: «{written}» is the bound of no assert")
    return problems


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.slug for lesson in LESSONS])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_prose_states_no_duration(lesson, lang):
    found = [(cell.line, d) for cell in lesson.cells if cell.kind == "markdown"
             for d in durations(cell.text[lang])]
    assert not found, (f"{lesson.path.name}: durations in prose depend on the machine; let "
                       f"the cell print them: {found}")


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.slug for lesson in LESSONS])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_prose_scores_are_asserted_bounds(lesson, lang):
    problems = unbacked_scores(lesson, lang)
    assert not problems, f"{lesson.path.name} ({lang}): " + "; ".join(problems)


def test_the_checks_can_fail():
    assert durations("treinado aqui por 25 segundos, menos de um minuto") == [
        "25 segundos", "um minuto"]
    assert durations("the first 8 seconds; a second model; less than a minute") == [
        "than a minute"]
    assert assert_literals("x = 0.5\nassert acc >= 0.99 and loss < 2") == {0.99, 2.0}
