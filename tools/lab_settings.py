"""JupyterLab's default settings for this environment (run by `make install` and `make lab`).

Classrooms are often offline: JupyterLab must not try to fetch news or look for updates
on start. The settings go to <venv>/share/jupyter/lab/settings/overrides.json, so they
apply to this project's JupyterLab only, and a user can still change them in the UI (a
choice made there, in Settings → Language for instance, wins over these defaults).

`make lab` also writes the UI language there (`write_overrides(locale=...)`): pt_BR for a
Portuguese reader, en otherwise (see tools/lab.py).
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
TRANSLATION = "@jupyterlab/translation-extension:plugin"
UI_LOCALES = {"pt": "pt_BR", "en": "en"}  # the lessons' languages → JupyterLab's locales


def overrides_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(locale: str | None = None, prefix: str | Path = sys.prefix) -> Path:
    """Merge OVERRIDES (and the UI locale, if given) into the environment's overrides.json."""
    path = overrides_path(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    current.update(OVERRIDES)
    if locale is not None:
        current[TRANSLATION] = {**current.get(TRANSLATION, {}), "locale": locale}
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    write_overrides()
