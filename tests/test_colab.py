"""What makes the lessons work on Colab, checked without Colab.

The setup cell installs one release of the helpers and leaves Colab's packages alone; the
ranges of pyproject.toml admit Colab's versions (requirements-colab.txt); solutions are
Colab forms (folded there); lessons that train ask Colab for a GPU. `make test-colab` then
runs the unit tests and every notebook in Colab's versions, and asks pip what the setup
cell would change (tools/colab_check.py).
"""

import re

import nbformat
import pytest
import tomllib
from packaging.requirements import Requirement

import helpers
from tools.colab_check import colab_versions, normalize
from tools.lesson_source import (
    LANGUAGES,
    PIP_INSTALL,
    ROOT,
    lesson_paths,
    notebook_path,
    parse,
    repository,
    version,
)

LESSONS = [parse(path) for path in lesson_paths()]
IDS = [lesson.slug for lesson in LESSONS]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_helpers_know_their_release():
    assert helpers.__version__ == PROJECT["version"] == version()


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_setup_cell_installs_this_release_and_nothing_else(lesson, lang):
    nb = nbformat.read(notebook_path(lesson, lang), as_version=4)
    setup = nb.cells[1].source
    installs = [line.strip() for line in setup.splitlines() if "pip" in line and
                not line.lstrip().startswith("#")]
    url, _ = repository()
    assert installs == [f'%{PIP_INSTALL} "rnn-lessons @ git+{url}@v{version()}"']
    # No upgrade, no other package: what Colab has stays (ipywidgets 7.7.1 above all).
    assert not re.search(r"(^|\s)(-U|--upgrade|--force-reinstall)(\s|$)", installs[0])


def test_colab_versions_are_listed_once_with_date_and_source():
    text = (ROOT / "requirements-colab.txt").read_text(encoding="utf-8")
    pins = colab_versions()
    assert pins["ipywidgets"] == "7.7.1" and pins["traitlets"] == "5.7.1"
    assert {"ipython", "numpy", "matplotlib", "ipykernel", "notebook", "torch",
            "music21"} <= set(pins)
    assert "googlecolab/backend-info" in text and re.search(r"read \d{4}-\d{2}", text)


def test_pyproject_ranges_admit_colabs_versions():
    """pip keeps a package that satisfies its range: every range must admit Colab's version
    (an `ipywidgets>=8` here made the setup cell upgrade Colab's widgets, which broke them)."""
    pins = colab_versions()
    for line in PROJECT["dependencies"]:
        requirement = Requirement(line)
        name = normalize(requirement.name)
        if name in pins:
            assert requirement.specifier.contains(pins[name]), (
                f"{line} would upgrade Colab's {name} {pins[name]}")
    assert "ipywidgets" in {normalize(Requirement(d).name) for d in PROJECT["dependencies"]}


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_solutions_are_colab_forms_folded_everywhere(lesson, lang):
    nb = nbformat.read(notebook_path(lesson, lang), as_version=4)
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    for cell in solutions:
        assert cell.source.startswith("#@title "), cell.id  # Colab shows the title only
        assert cell.metadata["cellView"] == "form", cell.id
        assert cell.metadata["jupyter"]["source_hidden"] is True, cell.id  # JupyterLab


def test_every_lesson_has_a_solution_to_fold():
    assert all(any("solution" in c.tags for c in lesson.cells) for lesson in LESSONS)


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_lessons_that_train_ask_colab_for_a_gpu(lesson):
    code = "\n".join(c.text for c in lesson.cells if c.kind == "code")
    trains = ".backward()" in code or "train_" in code
    nb = nbformat.read(notebook_path(lesson, "en"), as_version=4)
    if trains:
        assert lesson.accelerator == "GPU", f"{lesson.slug} trains: add 'accelerator: GPU'"
        assert nb.metadata["accelerator"] == "GPU"
        assert nb.metadata["colab"]["gpuType"]
    else:
        assert "accelerator" not in nb.metadata


def test_a_wrong_accelerator_is_rejected(tmp_path):
    from tools.lesson_source import SourceError

    bad = tmp_path / "99_bad.md"
    bad.write_text("---\ntitle:\n  pt: A\n  en: B\naccelerator: TPU9\n---\n", encoding="utf-8")
    with pytest.raises(SourceError, match="accelerator"):
        parse(bad)


def test_readme_names_the_current_release():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`v{version()}`" in readme
