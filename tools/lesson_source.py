"""Read a bilingual lesson source and render its pt-BR and en notebooks (not executed).

A lesson source (`lessons/NN_topic.md`) is one text file that holds both languages:

    ---
    title:
      pt: Começando
      en: Getting started
    ---

    ::: pt
    Texto em português (Markdown).
    :::
    ::: en
    The same idea in English.
    :::

    ```python
    x = 1  # «comentário|comment»
    print("«olá|hello»", x)
    ```

* A prose cell is a `::: pt` block followed by a `::: en` block; both are required.
* A code cell is a fenced ```python block; it is the same code in both notebooks. Inside
  it, «texto pt|text en» picks the text of the notebook's language (for comments and for
  strings shown to the reader), so only comments and strings can differ.
* A comment that starts with `##` (a whole line, or the end of a line) is for the source's
  readers only (why a number is rounded, what the tests fix) and never reaches a notebook.
* Words after ```python tag the cell: `ignore-output` (nbval does not compare its output;
  its first line must be a comment saying why), `raises` (the cell is meant to raise),
  `solution` (an exercise's solution, shown collapsed).
* The builder adds the title cell (with Colab badge and a link to the other language) and
  the setup cell (installs the helpers when missing, sets the language) at the top.
* The header may say `accelerator: GPU` (lessons that train): the notebook then carries the
  metadata that makes Colab open it on a GPU runtime.
* Slides (jupyterlab-slideshow in JupyterLab, for teachers who project a lesson; widgets
  work on them) come from the same cells: the title and every prose cell that holds a
  `#`/`##` heading start a slide (one per section), every other prose cell a subslide (one
  idea each), and a code cell carries no slide mark, so it stays on the slide of the prose
  before it: code, output (widgets included) and explanation show together.

Colab: the setup cell installs this project's release `v<version>` (pyproject.toml) and
nothing else of Colab's (ipywidgets 7.7.1, torch, numpy … stay as Colab ships them; `make
test-colab` checks that pip would change none of them). Solutions are Colab "forms"
(`#@title` + `cellView: form`), which Colab shows folded, as JupyterLab does with
`source_hidden`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
NOTEBOOKS = ROOT / "notebooks"
LANGUAGES = ("pt", "en")
CELL_TAGS = {"ignore-output": "nbval-ignore-output", "raises": "raises-exception",
             "solution": "solution"}
ACCELERATORS = ("GPU",)  # what a header's `accelerator:` may ask Colab for
# How the setup cell installs the helpers on Colab: without --upgrade, pip keeps every
# package that already satisfies the ranges of pyproject.toml (ranges Colab's versions meet).
PIP_INSTALL = "pip install -q"
SOLUTION_TITLE = {"pt": "Solução (no Colab: clique em «Mostrar código»)",
                  "en": "Solution (on Colab: click “Show code”)"}
# A section heading (`# …`, `## …`) on a line of its own: that prose cell starts a slide.
SECTION_HEADING = re.compile(r"^#{1,2} ", re.M)
ALTERNATIVE = re.compile(r"«([^«»]*)»")
SOURCE_NOTE = re.compile(r"\s*(?<!#)##(?!#)[^\n]*")  # `## note`: in the source, not the notebook


class SourceError(ValueError):
    """A lesson source that does not follow the format (with file and line)."""


@dataclass
class Cell:
    kind: str                      # "markdown" or "code"
    text: dict[str, str] | str     # markdown: {"pt": ..., "en": ...}; code: one text
    tags: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Lesson:
    path: Path
    slug: str
    title: dict[str, str]
    cells: list[Cell]
    digest: str
    accelerator: str | None = None


def repository() -> tuple[str, str]:
    """The public repository (URL and branch), configured once in pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    url = re.search(r'^repository\s*=\s*"([^"]+)"', text, re.M)
    branch = re.search(r'^branch\s*=\s*"([^"]+)"', text, re.M)
    if not url or not branch:
        raise SourceError("pyproject.toml [tool.rnn-lessons] needs repository and branch")
    return url.group(1).rstrip("/"), branch.group(1)


def colab_url(path: str) -> str:
    """The address that opens `path` (a notebook of this repository) on Colab."""
    url, branch = repository()
    colab = url.replace("https://github.com/", "https://colab.research.google.com/github/")
    return f"{colab}/blob/{branch}/{path}"


def version() -> str:
    """The project's version (pyproject.toml); its release is the git tag `v<version>`."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if not found:
        raise SourceError("pyproject.toml [project] needs a version")
    return found.group(1)


def helpers_requirement(location: str | None = None) -> str:
    """What the setup cell asks pip for: this release of the helpers from the repository
    (or from `location`, a local copy, in `make test-colab`)."""
    if location is None:
        location = f"git+{repository()[0]}@v{version()}"
    return f"rnn-lessons @ {location}"


def parse(path: Path) -> Lesson:
    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()
    where = f"{path.name}"
    if not lines or lines[0] != "---":
        raise SourceError(f"{where}:1: a lesson starts with a '---' header")
    end = lines.index("---", 1)
    header = yaml.safe_load("\n".join(lines[1:end])) or {}
    title = header.get("title") or {}
    if set(title) != set(LANGUAGES):
        raise SourceError(f"{where}: the header needs title.pt and title.en")
    accelerator = header.get("accelerator")
    if accelerator is not None and accelerator not in ACCELERATORS:
        raise SourceError(f"{where}: accelerator must be one of {ACCELERATORS}")
    cells: list[Cell] = []
    pending: dict[str, str] = {}
    pending_line = 0
    i = end + 1
    while i < len(lines):
        line = lines[i]
        start = i + 1
        if not line.strip():
            i += 1
            continue
        if line.startswith("::: "):
            lang = line[4:].strip()
            if lang not in LANGUAGES:
                raise SourceError(f"{where}:{start}: unknown language {lang!r}")
            body, i = _block(lines, i + 1, ":::", where, start)
            if lang == "pt":
                if pending:
                    raise SourceError(f"{where}:{pending_line}: '::: pt' without '::: en' after it")
                pending, pending_line = {"pt": body}, start
            else:
                if "pt" not in pending:
                    raise SourceError(f"{where}:{start}: '::: en' without '::: pt' before it")
                pending["en"] = body
                cells.append(Cell("markdown", pending, line=pending_line))
                pending = {}
            continue
        if line.startswith("```python"):
            if pending:
                raise SourceError(f"{where}:{pending_line}: '::: pt' without '::: en' after it")
            words = line[len("```python"):].split()
            unknown = [w for w in words if w not in CELL_TAGS]
            if unknown:
                raise SourceError(f"{where}:{start}: unknown cell tag(s) {unknown}; "
                                  f"use {sorted(CELL_TAGS)}")
            body, i = _block(lines, i + 1, "```", where, start)
            if not body.strip():
                raise SourceError(f"{where}:{start}: empty code cell")
            cell = Cell("code", body, [CELL_TAGS[w] for w in words], start)
            if "nbval-ignore-output" in cell.tags and not body.lstrip().startswith("#"):
                raise SourceError(f"{where}:{start}: an ignore-output cell starts with a "
                                  "comment saying why its output varies")
            for lang in LANGUAGES:
                localize(body, lang)  # fail early on a malformed «…|…»
            cells.append(cell)
            continue
        raise SourceError(f"{where}:{start}: text outside a '::: pt'/'::: en' block "
                          f"or a ```python cell: {line[:60]!r}")
    if pending:
        raise SourceError(f"{where}:{pending_line}: '::: pt' without '::: en' after it")
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return Lesson(path, path.stem, {k: str(v) for k, v in title.items()}, cells, digest,
                  accelerator)


def _block(lines: list[str], i: int, fence: str, where: str, start: int) -> tuple[str, int]:
    body = []
    while i < len(lines):
        if lines[i] == fence:
            return "\n".join(body).strip("\n"), i + 1
        body.append(lines[i])
        i += 1
    raise SourceError(f"{where}:{start}: block is never closed with {fence!r}")


def strip_source_notes(code: str) -> str:
    """`code` without its `##` notes: whole lines dropped, trailing notes cut."""
    lines = []
    for line in code.split("\n"):
        if SOURCE_NOTE.fullmatch(line):
            continue
        lines.append(SOURCE_NOTE.sub("", line, count=1))
    return "\n".join(lines)


def localize(code: str, lang: str) -> str:
    """Replace every «pt|en» in `code` with the text for `lang`."""
    def pick(match: re.Match) -> str:
        parts = match.group(1).split("|")
        if len(parts) != 2:
            raise SourceError(f"«…» needs exactly one '|' between pt and en: {match.group(0)!r}")
        return parts[LANGUAGES.index(lang)]
    return ALTERNATIVE.sub(pick, code)


def _title_cell(lesson: Lesson, lang: str) -> str:
    path = f"notebooks/{lang}/{lesson.slug}.ipynb"
    other = "en" if lang == "pt" else "pt"
    switch = {"pt": "[Read this lesson in English]",
              "en": "[Leia esta aula em português]"}[lang]
    return (f"# {lesson.title[lang]}\n\n"
            f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
            f"({colab_url(path)}) · {switch}(../{other}/{lesson.slug}.ipynb)")


def setup_code(lang: str) -> str:
    comment = {
        "pt": "# Preparação: instala o pacote auxiliar se faltar (no Colab) e escolhe o idioma.\n"
              "# No Colab, instala só a versão v{v} das aulas: "
              "os pacotes do Colab ficam como estão.",
        "en": "# Setup: installs the helper package if it is missing (on Colab) and picks the "
              "language.\n# On Colab it installs only release v{v} of the lessons: Colab's own "
              "packages stay as they are.",
    }
    return (f"{comment[lang].format(v=version())}\n"
            "try:\n"
            "    import helpers\n"
            "except ImportError:\n"
            f'    %{PIP_INSTALL} "{helpers_requirement()}"\n'
            "    import helpers\n"
            f'helpers.set_language("{lang}")')


def slide_type(cell: Cell) -> str | None:
    """Where a cell goes in the slideshow (nbformat's `slideshow.slide_type`), or None.

    A prose cell that holds a section heading in either language starts a slide, so the pt
    and en slides break at the same cells; other prose starts a subslide (Space or →
    walks on, cell by cell). Code gets None, no mark at all: it continues the slide of the
    prose before it. Not "-", nbformat's word for that, because jupyterlab-slideshow 0.3
    leaves a cell marked "-" out of the slides (measured).
    Solutions too: folded as in the notebook, the teacher can unfold one on the slide.
    """
    if cell.kind == "code":
        return None
    if any(SECTION_HEADING.search(cell.text[lang]) for lang in LANGUAGES):
        return "slide"
    return "subslide"


def render(lesson: Lesson, lang: str) -> nbformat.NotebookNode:
    """The notebook for one language, with no outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
        "rnn_lessons": {"source": f"lessons/{lesson.path.name}", "language": lang,
                        "source_sha256": lesson.digest,
                        "generated": "do not edit: change the source and run `make notebooks`"},
    }
    if lesson.accelerator:  # Colab opens the notebook on a runtime with this accelerator
        nb.metadata["accelerator"] = lesson.accelerator
        nb.metadata["colab"] = {"provenance": [], "gpuType": "T4"}
    cells = [nbformat.v4.new_markdown_cell(_title_cell(lesson, lang)),
             nbformat.v4.new_code_cell(setup_code(lang))]
    cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    for cell in lesson.cells:
        if cell.kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.text[lang]))
            cells[-1].metadata["slideshow"] = {"slide_type": slide_type(cell)}
        else:
            code = localize(strip_source_notes(cell.text), lang)
            if "solution" in cell.tags:  # a Colab form: Colab shows the title, code folded
                code = f"#@title {SOLUTION_TITLE[lang]}\n{code}"
            new = nbformat.v4.new_code_cell(code)
            if cell.tags:
                new.metadata["tags"] = list(cell.tags)
            if "solution" in cell.tags:
                new.metadata["jupyter"] = {"source_hidden": True}  # JupyterLab folds it
                new.metadata["cellView"] = "form"
            cells.append(new)  # no slide mark: it stays on the prose's slide (slide_type)
    for index, cell in enumerate(cells):
        cell["id"] = f"{lang}-{index:03d}"  # stable ids keep diffs quiet
    nb.cells = cells
    return nb


def lesson_paths() -> list[Path]:
    return sorted(LESSONS.glob("[0-9][0-9]_*.md"))


def notebook_path(lesson: Lesson, lang: str) -> Path:
    return NOTEBOOKS / lang / f"{lesson.slug}.ipynb"
