"""Prove the lessons' claims under numeric variants that emulate other machines.

A seeded training run gives other numbers on another CPU (another vector width, another
BLAS kernel, another thread count, another torch), so a claim that one machine's run
happens to satisfy is not yet a claim. This tool runs the training lessons under several
variants and records, for every `assert`, whether it held and by how much:

    python -m tools.claims run --variant avx2 --out test-artifacts/claims/avx2.json
    python -m tools.claims report test-artifacts/claims/*.json    # writes lessons/CLAIMS.md

`make test-claims` does both for every variant (the Colab one in .venv-colab).

How the margins are measured, without changing a lesson's code: before the notebook runs,
the kernel gets an IPython AST transformer that rewrites every comparison inside an
`assert` (`a >= b`, `lo <= x <= hi`, also inside `all(...)`) into a call that evaluates its
operands once, records the distance from the bound (`a - b` for `>=`, the smaller distance
for a range, `-|a - b|` for `==`) and returns what the comparison would have. An assert of
a boolean alone (`assert ok`) records whether it held. Cells are named by their index in
the notebook (the same in pt and en).

A cell's printed text is recorded too (with nbval's sanitizing applied): a cell whose
text differs between variants must not be compared by nbval (`ignore-output`), and
tests/test_claims.py checks that every such cell is marked.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "lessons" / "CLAIMS.md"
DATA = ROOT / "lessons" / "claims.json"
TRAINING_LESSONS = ("03_bptt", "04_completing_sentences", "05_lstm_gru", "06_music",
                    "07_translation")
LANG = "pt"  # both languages run the same code (tests/test_lessons.py); pt prints decimal commas

# NumPy's AVX-512 loops, by the names of NumPy 2.4 (X86_V4 …) and of Colab's 2.1 (AVX512F …);
# each NumPy ignores the other's names.
AVX512 = ("X86_V4,AVX512F,AVX512CD,AVX512_KNL,AVX512_KNM,AVX512_SKX,AVX512_CLX,AVX512_CNL,"
          "AVX512_ICL,AVX512_SPR")
# name → (environment, what it emulates). Set before the kernel starts: torch reads them
# when it is imported.
VARIANTS = {
    "build": ({}, "this machine as it is (2 threads, its widest vector code)"),
    "avx2": ({"ATEN_CPU_CAPABILITY": "avx2", "MKL_ENABLE_INSTRUCTIONS": "AVX2",
              "ONEDNN_MAX_CPU_ISA": "AVX2", "OPENBLAS_CORETYPE": "Haswell",
              "NPY_DISABLE_CPU_FEATURES": AVX512},
             "a CPU without AVX-512: torch's kernels, MKL, oneDNN, NumPy's OpenBLAS and "
             "NumPy's own loops on AVX2"),
    "default": ({"ATEN_CPU_CAPABILITY": "default", "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
                 "ONEDNN_MAX_CPU_ISA": "SSE41", "OPENBLAS_CORETYPE": "Nehalem",
                 "NPY_DISABLE_CPU_FEATURES": "X86_V3,AVX,F16C,FMA3,AVX2," + AVX512},
                "an old CPU: torch's unvectorized kernels, MKL on SSE4.2, oneDNN on SSE4.1, "
                "OpenBLAS and NumPy without AVX"),
    "1thread": ({"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
                "a machine with one core (sums split over 1 thread instead of 2)"),
    "colab": ({}, "Colab's versions: torch 2.11, numpy 2.1.3, music21 9.9.2 (.venv-colab)"),
}

# Runs in the kernel before the lesson (never stored): the recorder and the transformer.
PRELUDE = r'''
import ast as _ast, math as _math, operator as _op
from IPython import get_ipython as _get_ipython

class _Claims:
    OPS = {"Lt": _op.lt, "LtE": _op.le, "Gt": _op.gt, "GtE": _op.ge, "Eq": _op.eq,
           "NotEq": _op.ne, "Is": _op.is_, "IsNot": _op.is_not,
           "In": lambda a, b: a in b, "NotIn": lambda a, b: a not in b}
    records = {}   # "cell:line:k" -> {"src", "ops", "n", "margin", "values", "held"}
    cell = 0       # the ordinal of the code cell now running (1 = the notebook's first)

    @staticmethod
    def number(x):
        if isinstance(x, bool):
            return None
        try:
            import numbers
            if isinstance(x, numbers.Real):
                return float(x)
            if hasattr(x, "shape") and tuple(x.shape) == () and hasattr(x, "item"):
                v = x.item()
                return None if isinstance(v, bool) else float(v)
        except Exception:
            return None
        return None

    @classmethod
    def margin(cls, op, a, b):
        a, b = cls.number(a), cls.number(b)
        if a is None or b is None or _math.isnan(a) or _math.isnan(b):
            return None
        return {"Gt": a - b, "GtE": a - b, "Lt": b - a, "LtE": b - a,
                "Eq": -abs(a - b), "NotEq": abs(a - b)}.get(op)

    @classmethod
    def compare(cls, key, src, ops, *values):
        rec = cls.records.setdefault(key, {"src": src, "ops": list(ops), "n": 0,
                                           "margin": None, "values": None, "held": True})
        rec["n"] += 1
        result = True
        margins = []
        for op, a, b in zip(ops, values, values[1:]):
            result = cls.OPS[op](a, b)
            try:
                ok = bool(result)
            except Exception:  # a tensor of many booleans: its .all() is asserted later
                return result
            m = cls.margin(op, a, b)
            if m is not None:
                margins.append(m)
            if not ok:
                rec["held"] = False
                break
        if margins:
            m = min(margins)
            if rec["margin"] is None or m < rec["margin"]:
                rec["margin"] = m
                rec["values"] = [cls.number(v) for v in values]
        return result

    @classmethod
    def truth(cls, key, src, value):
        rec = cls.records.setdefault(key, {"src": src, "ops": [], "n": 0, "margin": None,
                                           "values": None, "held": True})
        rec["n"] += 1
        try:
            if not bool(value):
                rec["held"] = False
        except Exception:
            pass
        return value


class _Asserts(_ast.NodeTransformer):
    """Wraps the comparisons an assert asserts: its test, the terms of an `and`, the
    element of `all(... for ...)`; a comparison elsewhere (a filter, an argument) is not
    a claim and stays as it is."""

    def visit_Assert(self, node):
        self.prefix, self.k = f"{_Claims.cell}:{node.lineno}", 0
        src = _ast.unparse(node.test)
        test = self.claim(node.test)
        if self.k == 0:  # `assert ok`: record whether it held
            test = self.call("truth", [_ast.Constant(f"{self.prefix}:0"), _ast.Constant(src),
                                       test])
        node.test = test
        return _ast.fix_missing_locations(node)

    def call(self, name, args):
        return _ast.Call(func=_ast.Attribute(value=_ast.Name("_Claims", _ast.Load()),
                                             attr=name, ctx=_ast.Load()),
                         args=args, keywords=[])

    def claim(self, node):
        if isinstance(node, _ast.Compare):
            self.k += 1
            ops = [type(o).__name__ for o in node.ops]
            new = self.call("compare", [
                _ast.Constant(f"{self.prefix}:{self.k}"), _ast.Constant(_ast.unparse(node)),
                _ast.Tuple([_ast.Constant(o) for o in ops], _ast.Load()),
                node.left, *node.comparators])
            return _ast.copy_location(new, node)
        if isinstance(node, _ast.BoolOp) and isinstance(node.op, _ast.And):
            node.values = [self.claim(v) for v in node.values]
        elif (isinstance(node, _ast.Call) and isinstance(node.func, _ast.Name)
              and node.func.id == "all" and len(node.args) == 1
              and isinstance(node.args[0], (_ast.GeneratorExp, _ast.ListComp))):
            node.args[0].elt = self.claim(node.args[0].elt)
        return node

def _next_cell(*args):
    _Claims.cell += 1

_get_ipython().events.register("pre_run_cell", _next_cell)
_get_ipython().ast_transformers.append(_Asserts())
'''

COLLECT = ("import json as _json, sys as _sys, torch as _torch\n"
           "print(_json.dumps({'records': _Claims.records, 'torch': _torch.__version__, "
           "'python': _sys.executable}))")


def sanitizers() -> list[tuple[re.Pattern, str]]:
    """nbval's sanitize file, as (regex, replacement) pairs."""
    pairs, regex = [], None
    for line in (ROOT / "nbval-sanitize.cfg").read_text(encoding="utf-8").splitlines():
        if line.startswith("regex: "):
            regex = re.compile(line[len("regex: "):])
        elif line.startswith("replace: ") and regex is not None:
            pairs.append((regex, line[len("replace: "):]))
            regex = None
    return pairs


def cell_text(cell, pairs) -> str:
    """What nbval compares of a code cell: its streams and text results, sanitized."""
    parts, last_stream = [], None
    for out in cell.get("outputs", []):
        if out.output_type == "stream":  # nbval joins a stream's chunks, however they came
            if last_stream == out.name:
                parts[-1] += out.text
            else:
                parts.append(f"[{out.name}] {out.text}")
            last_stream = out.name
            continue
        last_stream = None
        if out.output_type in ("execute_result", "display_data"):
            parts.append(out.get("data", {}).get("text/plain", ""))
        elif out.output_type == "error":
            parts.append(f"[error] {out.ename}: {out.evalue}")
    text = "\n".join(parts)
    for regex, replacement in pairs:
        text = regex.sub(replacement, text)
    return text


def cell_seconds(cell) -> float | None:
    """How long a cell ran, from nbclient's timing metadata."""
    from datetime import datetime

    timing = cell.metadata.get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return None
    return round((end - start).total_seconds(), 2)


def run_lesson(path: Path) -> dict:
    """Execute one notebook with the recorder; its cells' texts, errors and assert records."""
    from nbclient import NotebookClient

    from tools.build_notebooks import CELL_TIMEOUT, EXECUTION_ENV

    for key, value in EXECUTION_ENV.items():
        os.environ.setdefault(key, value)
    nb = nbformat.read(path, as_version=4)
    # The recorder runs first and reports last, in cells of their own (never stored).
    nb.cells.insert(0, nbformat.v4.new_code_cell(PRELUDE))
    nb.cells.append(nbformat.v4.new_code_cell(COLLECT))
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            allow_errors=True, resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    collect = nb.cells.pop()
    nb.cells.pop(0)
    report = json.loads("".join(o.text for o in collect.outputs if o.output_type == "stream"))
    records = report["records"]
    pairs = sanitizers()
    # the n-th code cell run (the recorder's own cell not counted) is the n-th code cell
    count_to_index = dict(enumerate((i for i, cell in enumerate(nb.cells)
                                     if cell.cell_type == "code"), start=1))
    cells = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [f"{o.ename}: {o.evalue}"[:300] for o in cell.get("outputs", [])
                  if o.output_type == "error"]
        cells[str(index)] = {"text": cell_text(cell, pairs), "errors": errors,
                             "seconds": cell_seconds(cell),
                             "ignored": "nbval-ignore-output" in cell.metadata.get("tags", []),
                             "raises": "raises-exception" in cell.metadata.get("tags", []),
                             "asserts": {}}
    for key, rec in records.items():
        count, line, k = key.split(":")
        index = count_to_index.get(int(count))
        if index is None:
            continue
        cells[str(index)]["asserts"][f"{line}:{k}"] = rec
    return {"seconds": round(seconds, 1), "cells": cells, "kernel_torch": report["torch"],
            "kernel_python": report["python"]}


def code_digest(slug: str) -> str:
    """A digest of a lesson's code cells: what the claims were proven on. Prose and cell
    tags may change without a new proof; a change to the code needs `make test-claims`."""
    import hashlib

    from tools.lesson_source import LESSONS, parse

    lesson = parse(LESSONS / f"{slug}.md")
    code = [cell.text for cell in lesson.cells if cell.kind == "code"]
    return hashlib.sha256(json.dumps(code, ensure_ascii=False).encode("utf-8")).hexdigest()


def cpuinfo() -> str:
    """Linux's description of this CPU ("" elsewhere)."""
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def machine() -> str:
    for line in cpuinfo().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def other_variant() -> str:
    """A variant whose numerics differ from this machine's own: AVX2 code paths on a CPU with
    AVX-512, the unvectorized ones on a CPU without it (or when the CPU cannot be read)."""
    return "avx2" if " avx512f" in cpuinfo() else "default"


def cmd_env(args) -> int:
    """Print a variant's environment as KEY=VALUE words (for `env` in the Makefile)."""
    name = other_variant() if args.variant == "other" else args.variant
    print(" ".join(f"{key}={value}" for key, value in VARIANTS[name][0].items()))
    return 0


def cmd_run(args) -> int:
    env, _ = VARIANTS[args.variant]
    os.environ.update(env)
    import torch

    result = {"variant": args.variant, "env": env, "torch": torch.__version__,
              "python": platform.python_version(), "cpu": machine(),
              "threads": os.environ.get("OMP_NUM_THREADS", str(torch.get_num_threads())),
              "lessons": {}}
    try:
        import music21
        result["music21"] = music21.__version__
    except ImportError:
        pass
    for slug in args.lessons or TRAINING_LESSONS:
        path = ROOT / "notebooks" / LANG / f"{slug}.ipynb"
        print(f"{args.variant}: {slug} …", flush=True)
        result["lessons"][slug] = run_lesson(path)
        result["torch"] = result["lessons"][slug]["kernel_torch"]
        print(f"{args.variant}: {slug} {result['lessons'][slug]['seconds']} s", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.lessons and args.out.exists():  # some lessons again: keep the others' runs
        earlier = json.loads(args.out.read_text(encoding="utf-8"))
        if (earlier.get("variant"), earlier.get("torch")) == (args.variant, result["torch"]):
            result["lessons"] = {**earlier["lessons"], **result["lessons"]}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


# ---- the report -------------------------------------------------------------------------


def merge(runs: list[dict]) -> dict:
    """One entry per lesson cell: whether its text varied, and every assert across runs."""
    merged: dict = {}
    for run in runs:
        for slug, lesson in run["lessons"].items():
            for index, cell in lesson["cells"].items():
                entry = merged.setdefault(slug, {}).setdefault(
                    index, {"texts": {}, "errors": {}, "ignored": cell["ignored"],
                            "asserts": {}})
                entry["texts"][run["variant"]] = cell["text"]
                if cell["errors"] and not cell["raises"]:
                    entry["errors"][run["variant"]] = cell["errors"]
                for key, rec in cell["asserts"].items():
                    entry["asserts"].setdefault(key, {})[run["variant"]] = rec
    return merged


def fmt(x: float | None) -> str:
    if x is None:
        return "–"
    x = x + 0.0  # -0.0 → 0.0
    if x == 0 or 1e-3 <= abs(x) < 1e5:
        return f"{x:.4g}"
    return f"{x:.2e}"


def summarize(runs: list[dict]) -> dict:
    """What the tests and the report read: per lesson, the cells whose text varied, the
    asserts that depend on the run (values differ between variants) with their smallest
    margins, and every assert or error that failed."""
    merged = merge(runs)
    out = {"variants": [{"name": r["variant"], "torch": r["torch"], "cpu": r["cpu"],
                         "threads": r["threads"], "env": r["env"],
                         "music21": r.get("music21"),
                         "seconds": {s: v["seconds"] for s, v in r["lessons"].items()}}
                        for r in runs],
           "lessons": {}}
    for slug, cells in merged.items():
        varying, claims, failures = [], [], []
        for index, entry in sorted(cells.items(), key=lambda kv: int(kv[0])):
            if len(set(entry["texts"].values())) > 1:
                varying.append(int(index))
            for variant, errors in entry["errors"].items():
                failures.append({"cell": int(index), "variant": variant, "error": errors[0]})
            for key, per_variant in entry["asserts"].items():
                recs = list(per_variant.values())
                depends = len({json.dumps(r["values"]) for r in recs}) > 1 or any(
                    r["values"] is not None and int(index) in varying for r in recs)
                # A comparison a variant never evaluated (the element of an `all(...)` over
                # nothing) held there vacuously; an assert a variant never reached because
                # its cell failed earlier is in `failures`.
                held = all(r["held"] for r in recs)
                margins = {v: r["margin"] for v, r in per_variant.items()}
                known = [m for m in margins.values() if m is not None]
                claim = {"cell": int(index), "assert": key, "src": recs[0]["src"],
                         "held": held, "depends": depends,
                         "smallest_margin": min(known) if known else None,
                         "margins": margins,
                         "values": {v: r["values"] for v, r in per_variant.items()}}
                if depends or not held:
                    claims.append(claim)
        out["lessons"][slug] = {"code_sha256": code_digest(slug), "varying_cells": varying,
                                "claims": claims, "failures": failures}
    return out


def markdown(summary: dict) -> str:
    names = [v["name"] for v in summary["variants"]]
    lines = [
        "# Claims under numeric variants · Afirmações sob variantes numéricas",
        "",
        "Generated by `make test-claims` (`python -m tools.claims`); do not edit by hand.",
        "",
        "Each training lesson (pt notebook; the en one runs the same code) was run under every",
        "variant below. A variant emulates another machine on this one: another vector width",
        "for torch's kernels and BLAS, another thread count, Colab's torch. Each lesson's",
        "table lists every assert whose compared values changed between variants, and every",
        "assert in a cell whose printed output changed: the claims that rest on a training",
        "run rather than on arithmetic that is the same everywhere. The *margin* is the",
        "distance from the bound (for `a >= b`, `a - b`; for a range, the nearer end; for",
        "`==`, minus the difference). **held** means it held in every variant.",
        "",
        "| variant | what it emulates | torch | threads | seconds per lesson |",
        "|---|---|---|---|---|",
    ]
    for v in summary["variants"]:
        secs = ", ".join(f"{s[:2]} {t:.0f}" for s, t in v["seconds"].items())
        lines.append(f"| {v['name']} | {VARIANTS.get(v['name'], ({}, ''))[1]} | {v['torch']} "
                     f"| {v['threads']} | {secs} |")
    lines += ["", f"CPU: {summary['variants'][0]['cpu']}.", ""]
    total = sum(len(lesson["claims"]) for lesson in summary["lessons"].values())
    failed = sum(1 for lesson in summary["lessons"].values()
                 for c in lesson["claims"] if not c["held"])
    errors = sum(len(lesson["failures"]) for lesson in summary["lessons"].values())
    lines += [f"**{total} claims depend on the run; {failed} failed in some variant; "
              f"{errors} cells raised an error in some variant.**", ""]
    for slug, lesson in summary["lessons"].items():
        lines += [f"## {slug}", "",
                  "Cells whose printed text differs between variants (not compared by nbval): "
                  + (", ".join(map(str, lesson["varying_cells"])) or "none") + ".", ""]
        if lesson["failures"]:
            lines += ["Errors:", ""]
            lines += [f"- cell {f['cell']}, {f['variant']}: `{f['error'][:160]}`"
                      for f in lesson["failures"]]
            lines.append("")
        if not lesson["claims"]:
            lines += ["No assert depends on the run.", ""]
            continue
        lines += ["| cell | assert | held | smallest margin | " + " | ".join(names) + " |",
                  "|---|---|---|---|" + "---|" * len(names)]
        for c in lesson["claims"]:
            src = c["src"].replace("|", "\\|")
            if len(src) > 70:
                src = src[:67] + "…"
            cols = []
            for name in names:
                vals = c["values"].get(name)
                cols.append("–" if vals is None else " / ".join(fmt(x) for x in vals))
            lines.append(f"| {c['cell']} | `{src}` | {'yes' if c['held'] else '**no**'} | "
                         f"{fmt(c['smallest_margin'])} | " + " | ".join(cols) + " |")
        lines.append("")
    lines += ["The values columns show each comparison's operands where its margin was "
              "smallest (in an `all(...)`, the worst element).", ""]
    return "\n".join(lines)


def cmd_report(args) -> int:
    runs = [json.loads(Path(p).read_text(encoding="utf-8")) for p in args.runs]
    order = list(VARIANTS)
    runs.sort(key=lambda r: order.index(r["variant"]) if r["variant"] in order else 99)
    summary = summarize(runs)
    DATA.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    REPORT.write_text(markdown(summary), encoding="utf-8")
    bad = [(slug, c) for slug, lesson in summary["lessons"].items()
           for c in lesson["claims"] if not c["held"]]
    for slug, c in bad:
        print(f"FAILED {slug} cell {c['cell']}: {c['src']}")
    errors = [(slug, f) for slug, lesson in summary["lessons"].items()
              for f in lesson["failures"]]
    for slug, f in errors:
        print(f"ERROR {slug} cell {f['cell']} ({f['variant']}): {f['error'][:200]}")
    print(f"wrote {REPORT.relative_to(ROOT)} and {DATA.relative_to(ROOT)}")
    return 1 if bad or errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the training lessons under one variant")
    run.add_argument("--variant", choices=list(VARIANTS), required=True)
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("lessons", nargs="*", help="lesson slugs (default: the training lessons)")
    report = sub.add_parser("report", help="merge runs into lessons/CLAIMS.md")
    report.add_argument("runs", nargs="+")
    env = sub.add_parser("env", help="print a variant's environment (other: one that differs "
                                     "from this machine's own numerics)")
    env.add_argument("variant", choices=[*VARIANTS, "other"])
    args = parser.parse_args(argv)
    return {"run": cmd_run, "report": cmd_report, "env": cmd_env}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
