"""The shape of the helper package: layers that only look down, no import loops, small
modules that open with their code (messages at the end)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "helpers"
# Which subpackages each one may import from (its own included): the layers, bottom first.
ALLOWED = {
    "core": {"core"},
    "scratch": {"core", "scratch"},
    "data": {"core", "data"},
    "plots": {"core", "plots"},
    "models": {"core", "data", "models"},
    "music": {"core", "data", "music"},
    "widgets": {"core", "scratch", "data", "plots", "models", "music", "widgets"},
}
MODULES = sorted(p for p in PACKAGE.glob("*/*.py") if p.name != "__init__.py")


def imports(path: Path) -> set[str]:
    """The helpers modules that `path` imports, as "subpackage.module"."""
    package = path.parent.name
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = [package] if node.level == 1 else []
            parts = base + (node.module.split(".") if node.module else [])
            if len(parts) == 2:
                found.add(".".join(parts))
            else:  # from . import svg / from ..plots import svg
                found.update(f"{parts[0]}.{alias.name}" for alias in node.names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                node.module or ""]
            found.update(n.split(".", 1)[1] for n in names if n.startswith("helpers."))
    return found


def test_every_module_lives_in_a_known_layer():
    assert {p.parent.name for p in MODULES} == set(ALLOWED)
    assert not [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: f"{p.parent.name}.{p.stem}")
def test_a_layer_imports_only_the_layers_below_it(path):
    layer = path.parent.name
    wrong = sorted(name for name in imports(path) if name.split(".")[0] not in ALLOWED[layer])
    assert not wrong, f"{layer}.{path.stem} imports {wrong}"


def test_there_are_no_import_loops():
    graph = {f"{p.parent.name}.{p.stem}": imports(p) for p in MODULES}
    done, path = set(), []

    def visit(node):
        if node in path:
            raise AssertionError("import loop: " + " → ".join(path[path.index(node):] + [node]))
        if node in done or node not in graph:
            return
        path.append(node)
        for target in sorted(graph[node]):
            visit(target)
        path.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)


def test_the_checks_find_a_wrong_import(tmp_path):
    bad = tmp_path / "core" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("from ..widgets.stepper import StepperWidget\nimport helpers.models.x\n")
    assert imports(bad) == {"widgets.stepper", "models.x"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: f"{p.parent.name}.{p.stem}")
def test_modules_are_small_and_open_with_their_code(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 250, f"{len(lines)} lines: split it by concept"
    first_register = next((i for i, line in enumerate(lines) if line.startswith("register(")),
                          None)
    first_code = next(i for i, line in enumerate(lines)
                      if line.startswith(("def ", "class ", "@")))
    assert first_register is None or first_register > first_code, "messages go at the end"
