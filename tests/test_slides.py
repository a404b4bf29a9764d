"""The slideshow a teacher projects (jupyterlab-slideshow) comes from the lesson source.

The builder marks every prose cell: the title and each section heading start a slide, other
prose starts a subslide. Code carries no mark, so it stays with the prose before it (not
"-": jupyterlab-slideshow 0.3 leaves a "-" cell out of the slides). These tests build
notebooks from a small source (nothing is executed) and check the rules, then check that
the committed notebooks carry the same marks.
"""

import nbformat
import pytest

from tools.lesson_source import (
    LANGUAGES,
    lesson_paths,
    notebook_path,
    parse,
    render,
    slide_type,
)

SOURCE = """---
title:
  pt: Aula de teste
  en: Test lesson
---

::: pt
Uma introdução sem título.
:::
::: en
An introduction without a heading.
:::

```python
x = 1
```

::: pt
## 1. Primeira seção

Texto da seção.
:::
::: en
## 1. First section

Section text.
:::

```python
print(x)
```

::: pt
Mais um passo da seção 1.
:::
::: en
One more step of section 1.
:::

```python
y = x + 1
```

::: pt
Fim da seção 1.

## 2. Segunda seção
:::
::: en
End of section 1.

## 2. Second section
:::

::: pt
## 3. Só o título em português tem cabeçalho
:::
::: en
Only the Portuguese block has a heading here.
:::

::: pt
### Um subtítulo
:::
::: en
### A subheading
:::

```python solution
def f():
    return 2
```
"""


@pytest.fixture
def lesson(tmp_path):
    path = tmp_path / "99_test.md"
    path.write_text(SOURCE, encoding="utf-8")
    return parse(path)


def slide_types(nb) -> list[str | None]:
    """Each cell's slide type, None for a cell with no slideshow mark."""
    return [cell.metadata.get("slideshow", {}).get("slide_type") for cell in nb.cells]


def starts_with_heading(cell) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith(("# ", "## "))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_heading_starts_a_slide(lesson, lang):
    nb = render(lesson, lang)
    headings = [cell for cell in nb.cells if starts_with_heading(cell)]
    assert len(headings) == {"pt": 3, "en": 2}[lang]  # title, §1, and §3 (its heading is pt's)
    assert all(cell.metadata["slideshow"]["slide_type"] == "slide" for cell in headings)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_first_cell_is_the_title_slide(lesson, lang):
    first = render(lesson, lang).cells[0]
    assert first.source.startswith(f"# {lesson.title[lang]}")
    assert first.metadata["slideshow"] == {"slide_type": "slide"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_code_carries_no_slide_mark(lesson, lang):
    """Code stays on the slide of the prose before it, with its output (widgets included)."""
    nb = render(lesson, lang)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert len(code) == 5  # setup + four from the source, the folded solution included
    assert not [cell for cell in code if "slideshow" in cell.metadata]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_cell_is_marked_dash(lesson, lang):
    """jupyterlab-slideshow 0.3 leaves a cell marked "-" out of the slides: its code and
    widgets would never show."""
    assert "-" not in slide_types(render(lesson, lang))


def test_other_prose_starts_a_subslide(lesson):
    types = slide_types(render(lesson, "en"))
    #        title    setup intro       x=1   §1       print step        y=…   end+§2
    assert types == ["slide", None, "subslide", None, "slide", None, "subslide", None, "slide",
                     # §3 (heading in pt only)  ###         solution
                     "slide", "subslide", None]


def test_a_heading_inside_a_cell_or_in_one_language_still_starts_a_slide(lesson):
    """pt and en slides break at the same cells, even where the two blocks differ."""
    end_of_1, only_pt = lesson.cells[6], lesson.cells[7]
    assert not end_of_1.text["en"].startswith("#") and slide_type(end_of_1) == "slide"
    assert not only_pt.text["en"].startswith("#") and slide_type(only_pt) == "slide"


def test_both_languages_have_the_same_slides(lesson):
    pt, en = (render(lesson, lang) for lang in LANGUAGES)
    assert slide_types(pt) == slide_types(en)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_is_valid_and_has_no_rise_options(lesson, lang):
    nb = render(lesson, lang)
    assert "rise" not in nb.metadata  # RISE is gone: it could not show the widgets
    nbformat.validate(nb)  # slide types are from nbformat's schema


def test_a_solution_stays_folded_on_its_slide(lesson):
    solution = render(lesson, "en").cells[-1]
    assert "solution" in solution.metadata["tags"]
    assert solution.metadata["jupyter"] == {"source_hidden": True}
    assert "slideshow" not in solution.metadata  # on the slide of the prose before it


LESSONS = [parse(path) for path in lesson_paths()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_notebooks_carry_the_slides(lang):
    problems = []
    for lesson in LESSONS:
        path = notebook_path(lesson, lang)
        committed = nbformat.read(path, as_version=4)
        expected = render(lesson, lang)
        if "rise" in committed.metadata:
            problems.append(f"{path.name}: still has RISE options")
        got = slide_types(committed)
        if "-" in got:
            problems.append(f"{path.name}: cells marked \"-\" (jupyterlab-slideshow hides them)")
        if got != slide_types(expected):
            problems.append(f"{path.name}: slide types differ from the source's")
    assert not problems, "run `make notebooks`:\n" + "\n".join(problems)


def _misplaced_headings(lesson) -> list[str]:
    found = []
    for cell in lesson.cells:
        if cell.kind != "markdown" or slide_type(cell) != "slide":
            continue
        for lang in LANGUAGES:
            if not cell.text[lang].lstrip().startswith("#"):
                found.append(f"lessons/{lesson.path.name}:{cell.line} ({lang})")
    return found


def test_section_headings_open_their_cell_in_both_languages():
    """A slide should open on its heading, in pt and in en: a heading in the middle of a prose
    cell drags the end of the previous section onto the new slide."""
    found = [where for lesson in LESSONS for where in _misplaced_headings(lesson)]
    assert not found, ("split these cells before their heading (or give the block the heading "
                       "the other language has):\n" + "\n".join(found))
