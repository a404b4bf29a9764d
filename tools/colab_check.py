"""Check the Colab-like environment before `make test-colab` tests anything in it.

    .venv-colab/bin/python tools/colab_check.py

1. This Python has Colab's versions (the `colab:start … colab:end` block of
   requirements-colab.txt), so the tier really runs what Colab runs.
2. The setup cell's install would change none of them: pip is asked, with the setup cell's
   own command (`PIP_INSTALL` and the requirement of tools/lesson_source.py, the repository
   swapped for this checkout), what it would install (`--dry-run --report`). Only the helpers
   themselves may appear. The helpers are not installed in this environment (the tier finds
   them on PYTHONPATH), so pip always has to answer for them.

Prints what it checked; exits 1 with the reasons when a check fails.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.lesson_source import PIP_INSTALL, helpers_requirement  # noqa: E402

VERSIONS = ROOT / "requirements-colab.txt"
HELPERS = "rnn-lessons"


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def colab_versions(path: Path = VERSIONS) -> dict[str, str]:
    """The `name==version` lines between `# colab:start` and `# colab:end`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("# colab:start")]
    ends = [i for i, line in enumerate(lines) if line.startswith("# colab:end")]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise SystemExit(f"{path.name}: needs one '# colab:start' … '# colab:end' block")
    pins = {}
    for line in lines[starts[0] + 1:ends[0]]:
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[normalize(name)] = version.strip()
    return pins


def version_problems(pins: dict[str, str]) -> list[str]:
    problems = []
    for name, wanted in pins.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = None
        if have != wanted:
            problems.append(f"{name}: Colab has {wanted}, this environment {have}")
    return problems


def would_install(requirement: str) -> dict[str, str]:
    """What pip would install for `requirement` here: {name: version}."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [sys.executable, "-m", *PIP_INSTALL.split(), "--disable-pip-version-check",
                   "--dry-run", "--report", str(report), requirement]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"pip could not resolve {requirement!r}:\n{done.stderr[-3000:]}")
        items = json.loads(report.read_text(encoding="utf-8"))["install"]
    return {normalize(item["metadata"]["name"]): item["metadata"]["version"] for item in items}


def main() -> int:
    pins = colab_versions()
    problems = version_problems(pins)
    print(f"Colab's versions here: {len(pins) - len(problems)} of {len(pins)} "
          f"({', '.join(f'{k} {v}' for k, v in pins.items())})")
    requirement = helpers_requirement(ROOT.as_uri())
    changes = would_install(requirement)
    print(f"the setup cell's `{PIP_INSTALL} \"{requirement}\"` would install: "
          f"{', '.join(f'{k} {v}' for k, v in sorted(changes.items())) or 'nothing'}")
    if HELPERS not in changes:
        problems.append(f"pip would not install {HELPERS} itself (is it installed here? "
                        "the tier must find the helpers on PYTHONPATH only)")
    for name, version in changes.items():
        if name in pins:
            problems.append(f"the setup cell would change Colab's {name} "
                            f"{pins[name]} → {version}: loosen its range in pyproject.toml")
        elif name != HELPERS:
            problems.append(f"the setup cell would install {name} {version}: Colab lacks it; "
                            "is it really needed (and pure Python)?")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
