"""Fixtures of the browser suite: one server per UI language, one Chromium per session.

Everything started here is stopped in `finally` blocks, so a failing test leaves no server,
kernel or browser behind.
"""

from __future__ import annotations

import itertools
import os

import pytest

from tools.browser.lab import NotebookPage, browser, notebook_page, server

# Both UI languages by default; RNN_LESSONS_BROWSER_LANGS=pt runs one (CI's classic-Notebook
# suite does: the ipywidgets-7 front end does not depend on the notebook's language, and
# the JupyterLab suite checks both languages' texts).
LANGS = tuple(os.environ.get("RNN_LESSONS_BROWSER_LANGS", "pt,en").replace(" ", "").split(","))
if not LANGS or not set(LANGS) <= {"pt", "en"}:
    raise pytest.UsageError(f"RNN_LESSONS_BROWSER_LANGS: pt, en or pt,en, not {LANGS}")
_workspaces = itertools.count(1)
# Rows to leave out, as "lang:notebook" words (CI leaves out the English rows of the lessons
# that train, whose steps the Portuguese rows already take in a browser; see .ci/run).
SKIP_ROWS = set(os.environ.get("RNN_LESSONS_BROWSER_SKIP", "").replace(",", " ").split())


def pytest_collection_modifyitems(config, items):
    """A plain `pytest` (or `make test`) skips the slow browser suite; `make test-browser`
    sets RNN_LESSONS_BROWSER=1 to run it."""
    if os.environ.get("RNN_LESSONS_BROWSER") == "1":
        for item in items:
            spec = getattr(item, "callspec", None)
            if spec is None or "key" not in spec.params or "lab" not in spec.params:
                continue
            if f"{spec.params['lab']}:{spec.params['key']}" in SKIP_ROWS:
                item.add_marker(pytest.mark.skip(reason="RNN_LESSONS_BROWSER_SKIP"))
        return
    skip = pytest.mark.skip(reason="browser suite: run `make test-browser`")
    for item in items:
        if "tests/browser" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session", params=LANGS)
def lab(request):
    """A JupyterLab (or classic Notebook) server for the parametrized language."""
    running = server(request.param)
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def chromium():
    with browser() as context:
        yield context


@pytest.fixture
def open_notebook(lab, chromium):
    """Open a notebook (path under the server root) in a fresh page and workspace."""
    pages = []

    def _open(path: str) -> NotebookPage:
        page = chromium.new_page()
        pages.append(page)
        notebook = notebook_page(page, lab, path, workspace=f"test{next(_workspaces)}")
        notebook.open()
        return notebook

    try:
        yield _open
    finally:
        for page in pages:
            page.close()
        lab.delete_sessions()
