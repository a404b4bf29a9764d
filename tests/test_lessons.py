"""The committed notebooks are exactly what the lesson sources produce.

(a) a generated notebook's cells equal what `make notebooks` renders from its source, and it
    was executed; (b) every prose cell of a source has both languages; (c) the pt and en
    notebooks of a lesson run the same code (only comments and strings may differ).
"""

import io
import tokenize

import nbformat
import pytest

from tools.build_notebooks import readme_with_table
from tools.lesson_source import (
    LANGUAGES,
    ROOT,
    SourceError,
    lesson_paths,
    notebook_path,
    parse,
    render,
    strip_source_notes,
)

CELL_METADATA = ("tags", "jupyter", "cellView")  # what the builder sets on a cell
REBUILD = "do not edit generated notebooks: edit {source} and run `make notebooks`"
LESSONS = [parse(path) for path in lesson_paths()]
IDS = [lesson.slug for lesson in LESSONS]


def test_there_are_lessons():
    assert LESSONS and LESSONS[0].slug == "00_getting_started"


def stale(lesson, lang, committed) -> list[str]:
    """Why a committed notebook is not what its source builds (empty when it is)."""
    path = notebook_path(lesson, lang).relative_to(ROOT)
    hint = REBUILD.format(source=f"lessons/{lesson.path.name}")
    expected = render(lesson, lang)
    if any(committed.metadata.get(key) != expected.metadata.get(key)
           for key in ("rnn_lessons", "accelerator", "colab")):
        return [f"{path} was built from another version of its source: {hint}"]
    if len(committed.cells) != len(expected.cells):
        return [f"{path}: cells were added or removed: {hint}"]
    problems = []
    for got, want in zip(committed.cells, expected.cells):
        if (got.cell_type, got.source, *(got.metadata.get(k) for k in CELL_METADATA)) != (
                want.cell_type, want.source, *(want.metadata.get(k) for k in CELL_METADATA)):
            problems.append(f"{path}, cell {want['id']} differs from its source: {hint}")
    return problems


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_is_what_the_source_builds(lesson, lang):
    path = notebook_path(lesson, lang)
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: " + REBUILD.format(
        source=f"lessons/{lesson.path.name}")
    problems = stale(lesson, lang, nbformat.read(path, as_version=4))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_was_executed_without_errors(lesson, lang):
    nb = nbformat.read(notebook_path(lesson, lang), as_version=4)
    counts = [cell.execution_count for cell in nb.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "run `make notebooks`: not executed in order"
    for cell in nb.cells:
        if "raises-exception" in cell.metadata.get("tags", []):
            continue
        errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
        assert not errors, f"cell {cell.id} stored an error: {errors[0].ename}"
    assert "widgets" not in nb.metadata


def _code_tokens(source: str) -> list[str]:
    """The code's tokens with comments dropped and strings blanked."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    tokens = []
    for tok in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE):
            continue
        if tok.type == tokenize.STRING or tok.type in _FSTRING_PARTS:
            tokens.append("<str>")
        else:
            tokens.append(tok.string)
    return tokens


_FSTRING_PARTS = {getattr(tokenize, name) for name in ("FSTRING_START", "FSTRING_MIDDLE",
                                                       "FSTRING_END") if hasattr(tokenize, name)}


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_both_languages_run_the_same_code(lesson):
    pt, en = (nbformat.read(notebook_path(lesson, lang), as_version=4) for lang in LANGUAGES)
    pt_code = [c.source for c in pt.cells if c.cell_type == "code"]
    en_code = [c.source for c in en.cells if c.cell_type == "code"]
    assert len(pt_code) == len(en_code)
    for a, b in zip(pt_code, en_code):
        assert _code_tokens(a) == _code_tokens(b), f"code differs beyond comments/strings:\n{a}"


def test_code_comparison_can_fail():
    assert _code_tokens("x = 1  # um") == _code_tokens("x = 1  # one")
    assert _code_tokens('print("olá")') == _code_tokens('print("hello")')
    assert _code_tokens("x = 1") != _code_tokens("x = 2")


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_every_prose_cell_has_both_languages(lesson):
    for cell in lesson.cells:
        if cell.kind == "markdown":
            assert set(cell.text) == set(LANGUAGES)
            assert all(cell.text[lang].strip() for lang in LANGUAGES), f"line {cell.line}"
            assert cell.text["pt"] != cell.text["en"], f"line {cell.line}: not translated"


def test_a_source_missing_a_language_is_rejected(tmp_path):
    bad = tmp_path / "99_bad.md"
    bad.write_text("---\ntitle:\n  pt: A\n  en: B\n---\n\n::: pt\nsó português\n:::\n\n"
                   "```python\nx = 1\n```\n", encoding="utf-8")
    with pytest.raises(SourceError, match="without '::: en'"):
        parse(bad)


def test_ignored_output_must_say_why(tmp_path):
    bad = tmp_path / "99_bad.md"
    bad.write_text("---\ntitle:\n  pt: A\n  en: B\n---\n\n```python ignore-output\n"
                   "import time\nprint(time.time())\n```\n", encoding="utf-8")
    with pytest.raises(SourceError, match="comment saying why"):
        parse(bad)


def test_malformed_alternative_is_rejected(tmp_path):
    bad = tmp_path / "99_bad.md"
    bad.write_text("---\ntitle:\n  pt: A\n  en: B\n---\n\n```python\nprint('«sem barra»')\n```\n",
                   encoding="utf-8")
    with pytest.raises(SourceError, match="exactly one"):
        parse(bad)


def test_readme_lesson_table_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_with_table(readme, LESSONS) == readme, "run `make notebooks` to refresh README"


def test_hand_edit_is_detected():
    """A hand edit of a generated notebook is caught, with the message to rebuild."""
    lesson = LESSONS[0]
    nb = nbformat.read(notebook_path(lesson, "pt"), as_version=4)
    assert stale(lesson, "pt", nb) == []
    nb.cells[-1].source += "\nEditado à mão."
    problems = stale(lesson, "pt", nb)
    assert len(problems) == 1 and "make notebooks" in problems[0]


def test_source_notes_stay_in_the_source():
    code = ("## why this cell exists\nx = 1  ## rounded: see issue\n"
            "y = '#'  # «um|one»\nz = 3 ### kept")
    assert strip_source_notes(code) == "x = 1\ny = '#'  # «um|one»\nz = 3 ### kept"
