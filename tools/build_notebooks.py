"""Build the notebooks: render each lesson source in pt and en, execute, store outputs.

    python -m tools.build_notebooks                 # every lesson
    python -m tools.build_notebooks lessons/00_*.md # some lessons
    python -m tools.build_notebooks --lang pt       # one language only

Execution uses this Python's kernel, on the CPU (RNN_LESSONS_DEVICE=cpu) so the stored
outputs are the ones CI reproduces, with a per-cell timeout. Stored outputs are made
stable: streams coalesced, timing metadata and widget state dropped. The README's lesson
table is rewritten from the lesson titles.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat

from tools.lesson_source import (
    LANGUAGES,
    ROOT,
    Lesson,
    colab_url,
    lesson_paths,
    notebook_path,
    parse,
    render,
)
from tools.readme import with_section

CELL_TIMEOUT = 600  # seconds; nbclient has none by default and a hung cell would block CI
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TABLE_START, TABLE_END = "<!-- lessons:start -->", "<!-- lessons:end -->"

EXECUTION_ENV = {
    "RNN_LESSONS_DEVICE": "cpu",  # stored outputs come from the CPU, like CI's
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "TQDM_DISABLE": "",
}


def tidy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Make the executed notebook's stored form stable from one build to the next."""
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor  # only needed to build

    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    nb.metadata.pop("widgets", None)  # widget state: large, and random model ids
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data:
                # Without the stripped state a stored widget view renders as an error;
                # its text form (chosen to be stable) shows instead until the cell runs.
                del data[WIDGET_VIEW]
            output.get("metadata", {}).pop("execution", None)
    return nb


def execute(nb: nbformat.NotebookNode, workdir: Path, **hooks) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel (in `workdir`); `hooks` are nbclient's (e.g.
    on_cell_complete=…, which `make bench` uses to watch the kernel's memory)."""
    from nbclient import NotebookClient  # only needed to build

    for key, value in EXECUTION_ENV.items():
        os.environ[key] = value
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}}, **hooks)
    client.execute()
    return nb


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".ipynb.tmp")
    tmp.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def build(lesson: Lesson, lang: str) -> float:
    start = time.perf_counter()
    nb = render(lesson, lang)
    path = notebook_path(lesson, lang)
    execute(nb, path.parent)
    write(tidy(nb), path)
    return time.perf_counter() - start


def lesson_table(lessons: list[Lesson]) -> str:
    rows = ["| # | Aula (pt-BR) | Lesson (en) |", "|---|---|---|"]
    for lesson in lessons:
        number = lesson.slug.split("_")[0]
        cells = []
        for lang in LANGUAGES:
            path = f"notebooks/{lang}/{lesson.slug}.ipynb"
            cells.append(f"[{lesson.title[lang]}]({path}) "
                         f"[![Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
                         f"({colab_url(path)})")
        rows.append(f"| {number} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def readme_with_table(readme: str, lessons: list[Lesson]) -> str:
    return with_section(readme, TABLE_START, TABLE_END, lesson_table(lessons))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, help="lesson sources (default: all)")
    parser.add_argument("--lang", choices=LANGUAGES, action="append",
                        help="only this language (repeatable)")
    args = parser.parse_args(argv)
    langs = args.lang or list(LANGUAGES)
    every = [parse(path) for path in lesson_paths()]
    chosen = [parse(path.resolve()) for path in args.sources] if args.sources else every
    readme = ROOT / "README.md"
    readme.write_text(readme_with_table(readme.read_text(encoding="utf-8"), every),
                      encoding="utf-8")
    total = 0.0
    for lesson in chosen:
        for lang in langs:
            seconds = build(lesson, lang)
            total += seconds
            print(f"{notebook_path(lesson, lang).relative_to(ROOT)}  {seconds:6.1f} s",
                  flush=True)
    print(f"total {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
