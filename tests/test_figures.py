"""Every figure a lesson draws is in its stored outputs, in both languages.

A reader on GitHub, or a student who opens a notebook before running it, sees only what is
stored; the prose describes these figures. A figure made with `Figure(...)` (the helpers'
plots) was once silently dropped by `plt.show()`, and no test noticed.
"""

import re

import nbformat
import pytest

from tools.lesson_source import LANGUAGES, lesson_paths, notebook_path, parse

LESSONS = [parse(path) for path in lesson_paths()]
# A call that shows a figure: our `show(fig)` or pyplot's `plt.show()`.
SHOWS = re.compile(r"(?<![\w.])show\(|\bplt\.show\(")


def figure_problems(nb) -> list[str]:
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = cell.get("outputs", [])
        images = sum("image/png" in out.get("data", {}) for out in outputs)
        code = "\n".join(line for line in cell.source.splitlines()
                         if not line.lstrip().startswith("#"))
        if SHOWS.search(code) and not images:
            problems.append(f"cell {index} shows a figure but stores no image")
        for out in outputs:
            data = out.get("data", {})
            if data.get("text/plain", "").startswith("<Figure") and "image/png" not in data:
                problems.append(f"cell {index} stores a figure's text without its image")
    return problems


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.slug for lesson in LESSONS])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_figure_is_stored(lesson, lang):
    nb = nbformat.read(notebook_path(lesson, lang), as_version=4)
    problems = figure_problems(nb)
    assert not problems, f"{lesson.slug} ({lang}): " + "; ".join(problems) + \
        " — run `make notebooks`"


def test_a_lost_figure_is_noticed():
    lost = nbformat.v4.new_code_cell("show(piano_roll(notes))")
    lost.outputs = []
    text_only = nbformat.v4.new_code_cell("fig")
    text_only.outputs = [nbformat.v4.new_output(
        "execute_result", data={"text/plain": "<Figure size 640x480 with 1 Axes>"},
        execution_count=1)]
    drawn = nbformat.v4.new_code_cell("show(fig)")
    drawn.outputs = [nbformat.v4.new_output("display_data", data={
        "image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480 with 1 Axes>"})]
    nb = nbformat.v4.new_notebook(cells=[lost, text_only, drawn])
    assert figure_problems(nb) == ["cell 0 shows a figure but stores no image",
                                   "cell 1 stores a figure's text without its image"]
