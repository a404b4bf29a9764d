"""`make lab` as a student starts it: the UI speaks the locale's language, or the chosen one.

Runs tools/lab.py itself (what `make lab` runs), reads the address it prints, opens it in
Chromium at 1280×720 and asserts the page's language (html[lang]: the pt-BR pack is
partial, so its texts are not all translated). Screenshots: test-artifacts/browser/make-lab-*.png.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from tools.browser.lab import ARTIFACTS, EXECUTION_ENV, ROOT, free_port

pytestmark = pytest.mark.skipif(os.environ.get("RNN_LESSONS_FRONTEND", "lab") != "lab",
                                reason="make lab starts JupyterLab, not the classic Notebook")


def start_lab(args: list[str], locale: str, home: str) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "LANG": locale, "LC_ALL": "", "LC_MESSAGES": "",
           "LAB_PORT": str(free_port()),
           # a fresh user: no settings of a real user, nothing in the user's runtime dir
           "JUPYTERLAB_SETTINGS_DIR": f"{home}/settings",
           "JUPYTERLAB_WORKSPACES_DIR": f"{home}/workspaces",
           "JUPYTER_RUNTIME_DIR": f"{home}/runtime",
           **{k: EXECUTION_ENV[k] for k in ("RNN_LESSONS_DEVICE", "PYTHONHASHSEED")}}
    process = subprocess.Popen([sys.executable, str(ROOT / "tools" / "lab.py"), *args],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, cwd=home)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if match := re.search(r"http://127\.0\.0\.1:\d+/lab/tree/(pt|en)\?token=\w+", line):
            wait_until_ready(re.sub(r"/lab/tree/\w+\?", "/api/status?", match.group(0)), deadline)
            return process, match.group(0)
        assert line or process.poll() is None, "tools/lab.py exited before printing an address"
    raise AssertionError("tools/lab.py printed no address in 60 s")


def wait_until_ready(status_url: str, deadline: float) -> None:
    """The address is printed before the server listens: wait until it answers."""
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(status_url, timeout=5).close()
            return
        time.sleep(0.2)
    raise AssertionError("the server of tools/lab.py did not answer in 60 s")


@pytest.mark.parametrize(("args", "locale", "expected"), [
    ([], "pt_BR.UTF-8", "pt"),           # a Portuguese locale: Portuguese UI
    (["--lang", "en"], "pt_BR.UTF-8", "en"),  # make lab LANG=en: English anyway
])
def test_make_lab_speaks_the_chosen_language(args, locale, expected, chromium):
    with tempfile.TemporaryDirectory(prefix="rnn-make-lab-") as home:
        process, url = start_lab(args, locale, home)
        page = chromium.new_page()
        try:
            page.goto(url)
            page.wait_for_selector(".jp-DirListing-item", timeout=60_000)  # notebooks/ listed
            lang = page.evaluate("document.documentElement.lang")
            assert lang.startswith(expected), f"UI language {lang!r}, expected {expected}"
            page.wait_for_selector(".jp-DirListing-item[title*='00_getting_started']",
                                   timeout=30_000)  # the lessons in the UI's language
            crumbs = page.locator(".jp-BreadCrumbs").inner_text()
            assert crumbs.strip().strip("/").endswith(expected), f"the file browser: {crumbs!r}"
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"make-lab-{expected}.png"))
        finally:
            page.close()
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
