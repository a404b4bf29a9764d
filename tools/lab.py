"""Start JupyterLab for the lessons: 127.0.0.1 only, a fresh random token, notebooks/ as root.

Run by `make lab`. JupyterLab hides a token it did not generate itself ("token=..."), so
this script picks the port and the token and prints the full address first.
"""

import os
import secrets
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port(start: int = 8888, tries: int = 50) -> int:
    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port between {start} and {start + tries - 1}")


def main() -> None:
    port = free_port(int(os.environ.get("LAB_PORT", "8888")))
    token = secrets.token_hex(24)
    url = f"http://127.0.0.1:{port}/lab?token={token}"
    print(f"\n  Aulas de RNN / RNN lessons\n  Abra / Open: {url}\n", flush=True)
    args = [sys.executable, "-m", "jupyter", "lab",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0", f"--ServerApp.root_dir={ROOT / 'notebooks'}",
            f"--IdentityProvider.token={token}", *sys.argv[1:]]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # containers and CI machines often run as root
    os.execv(sys.executable, args)


if __name__ == "__main__":
    main()
