"""environment.yml (conda/Binder) and pyproject.toml name the same dependencies."""

import re

import tomllib
import yaml

from tools.lesson_source import ROOT

CONDA_NAMES = {"pytorch": "torch"}  # conda-forge's name -> PyPI's name


def _name_and_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    name = match.group(1).lower().replace("_", "-")
    return CONDA_NAMES.get(name, name), match.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(_name_and_spec(r) for r in
                  project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    have = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or item.split(">")[0].split("=")[0] in ("python", "pip"):
                continue
            name, spec = _name_and_spec(item)
            have[name] = spec
    assert have == wanted


def test_lock_pins_every_dependency_exactly():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = {}
    for line in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not pinned exactly: {line}"
            lock[name.lower().replace("_", "-")] = version
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name, _ = _name_and_spec(requirement)
        assert name in lock, f"{name} is missing from requirements-lock.txt"
    assert lock["torch"] == "2.13.0"
