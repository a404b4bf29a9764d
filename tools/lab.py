"""Start JupyterLab for the lessons: 127.0.0.1 only, a fresh random token, notebooks/ as root.

Run by `make lab`. JupyterLab hides a token it did not generate itself ("token=..."), so
this script picks the port and the token and prints the full address first; the address
opens the lessons of the UI's language (notebooks/pt or notebooks/en).

The UI speaks the reader's language: Portuguese (the pt-BR language pack) when the locale
says Portuguese (LC_ALL, LC_MESSAGES or LANG, the first one set, as POSIX reads them; e.g.
LANG=pt_BR.UTF-8), English otherwise. `make lab LANG=pt` or `make lab LANG=en` chooses
(`--lang pt|en` here). It is written as JupyterLab's default (tools/lab_settings.py), so a
language picked in JupyterLab's own Settings → Language menu still wins.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.lab_settings import UI_LOCALES, write_overrides  # noqa: E402


def ui_language(choice: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """'pt' or 'en': the explicit choice (pt, pt_BR, en, en_US.UTF-8 …) or else the locale."""
    if choice is None:
        choice = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                       if environ.get(name)), "")
    return "pt" if choice.strip().lower().startswith("pt") else "en"


def free_port(start: int = 8888, tries: int = 50) -> int:
    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port between {start} and {start + tries - 1}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", help="UI language: pt or en (default: from the locale)")
    args, jupyter_args = parser.parse_known_args(argv)
    if args.lang is not None and not args.lang.strip().lower().startswith(("pt", "en")):
        parser.error(f"LANG/--lang: pt ou/or en, não/not {args.lang!r}")
    lang = ui_language(args.lang)
    write_overrides(locale=UI_LOCALES[lang])
    port = free_port(int(os.environ.get("LAB_PORT", "8888")))
    token = secrets.token_hex(24)
    # Opened on the lessons in the UI's language (notebooks/pt or notebooks/en).
    url = f"http://127.0.0.1:{port}/lab/tree/{lang}?token={token}"
    said = {"pt": "interface em português (make lab LANG=en: em inglês)",
            "en": "interface in English (make lab LANG=pt: in Portuguese)"}[lang]
    print(f"\n  Aulas de RNN / RNN lessons — {said}\n  Abra / Open: {url}\n", flush=True)
    command = [sys.executable, "-m", "jupyter", "lab",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--ServerApp.root_dir={ROOT / 'notebooks'}",
               f"--IdentityProvider.token={token}", *jupyter_args]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    os.execv(sys.executable, command)


if __name__ == "__main__":
    main()
