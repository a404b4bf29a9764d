"""Fixtures of the browser suite: one server per UI language, one Chromium per session.

Everything started here is stopped in `finally` blocks, so a failing test leaves no server,
kernel or browser behind.
"""

from __future__ import annotations

import itertools
import os

import pytest

from tools.browser.lab import NotebookPage, browser, notebook_page, server

LANGS = ("pt", "en")
_workspaces = itertools.count(1)


def pytest_collection_modifyitems(config, items):
    """A plain `pytest` (or `make test`) skips the slow browser suite; `make test-browser`
    sets RNN_LESSONS_BROWSER=1 to run it."""
    if os.environ.get("RNN_LESSONS_BROWSER") == "1":
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
