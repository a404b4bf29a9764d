"""Write JupyterLab's default settings for this environment (run by `make install`).

Classrooms are often offline: JupyterLab must not try to fetch news or look for updates
on start. The settings go to <venv>/share/jupyter/lab/settings/overrides.json, so they
apply to this project's JupyterLab only and a user can still change them in the UI.
"""

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def main() -> None:
    path = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    current.update(OVERRIDES)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
