"""Measurements (`make bench`): a script that prints tables, not a timed test.

    python tools/bench.py                  # everything below
    python tools/bench.py --no-browser     # skip the widget latencies
    python tools/bench.py --readme         # also write the tables into README.md
    python tools/bench.py --only 06_music  # one lesson (repeatable); not with --readme

1. Each lesson notebook's execution time per language: rendered from its source and executed
   with nbclient on the CPU, exactly as `make notebooks` does, but nothing is written; and
   the kernel's peak memory (resident set, Linux's VmHWM; elsewhere the largest resident
   set seen after a cell), against the goal of 2 GB per lesson (a 4 GB laptop, Colab's
   free tier).
2. Widget round-trip latency in a real JupyterLab and Chromium: for every row of
   tools/browser/interactions.py, the time from changing a control to the changed view,
   median over several moves (the row's steps repeated `--rounds` times).
3. Every `tools/bench_*.py` module's `report()`, if it has one: a list of
   (name, value, unit-or-ratio-text) rows, printed in a second table.

The tables are Markdown; `--readme` puts them into README.md between the markers
<!-- bench:start --> and <!-- bench:end -->, with the machine and the date.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import os
import platform
import statistics
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.build_notebooks import execute  # noqa: E402
from tools.lesson_source import LANGUAGES, lesson_paths, notebook_path, parse, render  # noqa: E402
from tools.readme import write_section  # noqa: E402

BENCH_START, BENCH_END = "<!-- bench:start -->", "<!-- bench:end -->"
MEMORY_GOAL = 2 * 1024**3  # bytes: a lesson's kernel must run on a 4 GB laptop


def machine() -> str:
    """The machine in words: cores, GPU, Python, date, load (taken when the tables are made)."""
    import torch

    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    # Other work on the machine slows everything down: say how busy it was.
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (f"{os.cpu_count()} cores, {gpu}, Python {platform.python_version()}, "
            f"{datetime.date.today().isoformat()}{load}")


def _failure(error: BaseException) -> str:
    first_line = (str(error).splitlines() or [""])[0][:80]
    return f"failed: {type(error).__name__}: {first_line}"


def peak_resident_bytes(pid: int) -> int | None:
    """A process's peak resident set so far (Linux: VmHWM in /proc), or its current resident
    set (psutil) where there is no /proc, or None if the process is gone."""
    status = Path(f"/proc/{pid}/status")
    try:
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # kB
    except OSError:
        pass
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss
    except Exception:  # psutil missing or the process gone
        return None


class KernelMemory:
    """After each cell (nbclient's on_cell_complete hook), the largest peak resident set of
    this process's children: the kernel nbclient started (and whatever it started)."""

    def __init__(self):
        self.peak = 0

    def __call__(self, **_) -> None:
        import psutil

        for child in psutil.Process().children(recursive=True):
            self.peak = max(self.peak, peak_resident_bytes(child.pid) or 0)


def notebook_times(langs=LANGUAGES, only=None) -> list[tuple[str, dict[str, float | str]]]:
    """Seconds to execute each lesson notebook (or those in `only`), per language (or a
    failure text), and the kernel's peak memory in bytes under the key "<lang> memory"."""
    rows = []
    for source in lesson_paths():
        lesson = parse(source)
        if only and lesson.slug not in only:
            continue
        times: dict[str, float | str] = {}
        for lang in langs:
            nb = render(lesson, lang)
            memory = KernelMemory()
            start = time.perf_counter()
            try:
                execute(nb, notebook_path(lesson, lang).parent, on_cell_complete=memory)
                times[lang] = time.perf_counter() - start
                times[f"{lang} memory"] = memory.peak
            except Exception as error:  # a lesson in the making may be broken: say so, go on
                times[lang] = _failure(error)
            print(f"  {lesson.slug} [{lang}]: {_seconds(times[lang])}, kernel peak "
                  f"{_memory(times.get(f'{lang} memory'))}", file=sys.stderr, flush=True)
        rows.append((lesson.slug, times))
    return rows


def _memory(value) -> str:
    """Bytes as GB (two decimals), flagged when over the goal."""
    if not isinstance(value, int) or value <= 0:
        return "—"
    flag = " ⚠ over 2 GB" if value > MEMORY_GOAL else ""
    return f"{value / 1024**3:.2f} GB{flag}"


def _seconds(value: float | str) -> str:
    return f"{value:.1f} s" if isinstance(value, float) else value


def widget_latencies(rounds: int, lang: str = "en",
                     only=None) -> list[tuple[str, str, list[float]]]:
    """(row, step kind, latencies in seconds) for each kind of acting step in each row."""
    from tools.browser.interactions import INTERACTIONS
    from tools.browser.lab import JupyterLab, NotebookPage, browser
    from tools.browser.steps import Step

    rows = []
    with JupyterLab(lang) as lab, browser(lang) as context:
        for number, (key, steps) in enumerate(INTERACTIONS.items()):
            if only and key not in only:
                continue
            kinds = list(dict.fromkeys(type(s).__name__ for s in steps if isinstance(s, Step)))
            if not kinds:
                continue
            path = (f"{key}.ipynb" if key.startswith("fixtures/")
                    else f"notebooks/{lang}/{key}.ipynb")
            page = context.new_page()
            latencies: dict[str, list[float]] = {kind: [] for kind in kinds}
            failure = ""
            try:
                notebook = NotebookPage(page, lab, path, workspace=f"bench{number}")
                notebook.open()
                notebook.clear_all_outputs()
                notebook.run_all()
                for _ in range(rounds):
                    for step in steps:
                        seconds = step.run(page, lang)
                        if seconds is not None:
                            latencies[type(step).__name__].append(seconds)
            except Exception as error:  # report what was measured, and why it stopped
                failure = f" ({_failure(error)})"
            finally:
                page.close()
                lab.delete_sessions()
            rows += [(key, kind + failure, values) for kind, values in latencies.items()]
            print(f"  {key}: {sum(map(len, latencies.values()))} moves{failure}",
                  file=sys.stderr, flush=True)
    return rows


def extra_reports() -> list[tuple[str, str, str]]:
    """Rows of every tools/bench_*.py module's report(): (name, value, unit or ratio)."""
    rows = []
    for path in sorted((ROOT / "tools").glob("bench_*.py")):
        module_name = f"tools.{path.stem}"
        try:
            report = getattr(importlib.import_module(module_name), "report", None)
            if report is None:
                continue
            for name, value, unit in report():
                rows.append((f"{path.stem}: {name}", _value(value), str(unit)))
        except Exception as error:
            traceback.print_exc()
            rows.append((path.stem, _failure(error), ""))
    return rows


def _value(value) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"
    return str(value)


def tables(times, latencies, extras, rounds: int) -> str:
    """The Markdown the script prints (and puts into README.md)."""
    lines = [f"Machine: {machine()}.", ""]
    if times is not None:
        lines += ["| Notebook | pt | en | kernel peak memory, pt | en |",
                  "|---|---:|---:|---:|---:|"]
        total = {lang: 0.0 for lang in LANGUAGES}
        for slug, by_lang in times:
            lines.append(f"| {slug} | " + " | ".join(
                [_seconds(by_lang.get(lang, "—")) for lang in LANGUAGES]
                + [_memory(by_lang.get(f"{lang} memory")) for lang in LANGUAGES]) + " |")
            for lang in LANGUAGES:
                if isinstance(by_lang.get(lang), float):
                    total[lang] += by_lang[lang]
        peaks = [by_lang.get(f"{lang} memory") for _, by_lang in times for lang in LANGUAGES]
        largest = max((p for p in peaks if isinstance(p, int)), default=None)
        lines.append("| **total** / largest | " + " | ".join(
            [f"**{total[lang]:.1f} s**" for lang in LANGUAGES]
            + [f"**{_memory(largest)}**", ""]) + " |")
        lines.append("")
        lines.append("(Kernel peak memory: the resident set of the notebook's kernel at its "
                     "largest; the goal is ≤ 2 GB per lesson.)")
        lines.append("")
    if latencies is not None:
        lines += ["| Widget round trip (control changed → view updated) | step | moves "
                  "| median | min | max |", "|---|---|---:|---:|---:|---:|"]
        for key, kinds, values in latencies:
            if values:
                ms = [1000 * v for v in values]
                lines.append(f"| {key} | {kinds} | {len(ms)} | {statistics.median(ms):.0f} ms "
                             f"| {min(ms):.0f} ms | {max(ms):.0f} ms |")
            else:
                lines.append(f"| {key} | {kinds} | 0 | — | — | — |")
        lines.append("")
        lines.append(f"(JupyterLab in headless Chromium; each row of "
                     f"tools/browser/interactions.py repeated {rounds} times; a move is one "
                     f"step of the row, timed by the page's clock.)")
        lines.append("")
    if extras:
        lines += ["| Measurement | value | unit / ratio |", "|---|---:|---|"]
        lines += [f"| {name} | {value} | {unit} |" for name, value, unit in extras]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_readme(text: str) -> None:
    write_section(BENCH_START, BENCH_END, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5,
                        help="times each interaction row is repeated (default 5)")
    parser.add_argument("--no-notebooks", action="store_true", help="skip execution times")
    parser.add_argument("--no-browser", action="store_true", help="skip widget latencies")
    parser.add_argument("--readme", action="store_true", help="write the tables into README.md")
    parser.add_argument("--only", action="append", metavar="SLUG",
                        help="measure only this lesson (e.g. 06_music); may be repeated")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.only and args.readme:
        parser.error("--readme needs every lesson: leave out --only")
    times = None if args.no_notebooks else notebook_times(only=args.only)
    latencies = None if args.no_browser else widget_latencies(args.rounds, only=args.only)
    extras = extra_reports()
    text = tables(times, latencies, extras, args.rounds)
    print(text)
    if args.readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
