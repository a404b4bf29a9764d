"""Every notebook in a real JupyterLab and browser: Run all, then use its widgets.

nbval cannot see widgets; this suite can. For each notebook in the interactions table (and
every lesson), in each UI language: open it, clear all outputs, run all, perform the row's
steps, save a screenshot. Run with `make test-browser` (not part of `make test`).

As in a classroom: the window is 1280×720 (a projector), the Portuguese UI in JupyterLab's
dark theme and the English one in the light theme; after the steps, every text of our
widgets must reach 4.5:1 contrast and every widget must fit the notebook's visible area.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from tools.browser.classroom import theme, too_tall_widgets, unreadable_text
from tools.browser.interactions import INTERACTIONS
from tools.browser.lab import FIXTURES, ROOT
from tools.browser.steps import Expect, ExpectAudio, Step, localized

LESSONS = sorted(path.stem for path in (ROOT / "notebooks" / "en").glob("*.ipynb"))
ROWS = sorted(set(LESSONS) | set(INTERACTIONS))

# Widgets of ours carry classes starting with "rnn-" (e.g. rnn-device-summary).
_OUR_WIDGETS_JS = """() => [...new Set([...document.querySelectorAll("[class*='rnn-']")]
    .flatMap(e => [...e.classList].filter(c => c.startsWith('rnn-'))))].sort()"""


def notebook_path(key: str, lang: str) -> str:
    """The notebook's path under the server root (which holds notebooks/ and fixtures/)."""
    if key.startswith("fixtures/"):
        assert (FIXTURES / f"{key.removeprefix('fixtures/')}.ipynb").exists(), key
        return f"{key}.ipynb"
    path = Path("notebooks") / lang / f"{key}.ipynb"
    assert (ROOT / path).exists(), f"interactions.py names {key}, but {path} is missing"
    return path.as_posix()


def test_every_row_names_a_notebook_and_known_steps():
    """Caught before any browser starts: a typo in a slug, a step that is not a step."""
    assert "00_getting_started" in INTERACTIONS
    for key, steps in INTERACTIONS.items():
        for lang in ("pt", "en"):
            notebook_path(key, lang)
        for step in steps:
            assert isinstance(step, Step | Expect | ExpectAudio), f"{key}: {step!r} is not a step"
            assert step.css.strip(), f"{key}: {step!r} has no CSS selector"


def test_expected_numbers_follow_the_page_language():
    """Rows write numbers as the English page shows them; a pt page shows decimal commas."""
    assert localized("ρ = 1.00 · 2.08e-06", "pt") == "ρ = 1,00 · 2,08e-06"
    assert localized("+0.64", "en") == "+0.64" and localized(None, "pt") is None
    assert localized("cuda:0 — t = 4. Ma", "pt") == "cuda:0 — t = 4. Ma"  # no digit after


@pytest.mark.parametrize("key", ROWS)
def test_notebook_in_the_browser(key, lab, open_notebook):
    notebook = open_notebook(notebook_path(key, lab.lang))
    suffix = "" if lab.frontend == "lab" else f"-{lab.frontend}"
    name = f"{key.replace('/', '-')}-{lab.lang}{suffix}"
    steps = INTERACTIONS.get(key, [])
    try:
        if lab.frontend == "lab":  # the classic Notebook has no pt-BR translation
            lang = notebook.html_lang()
            assert lang.startswith(lab.lang), f"the page's language is {lang!r}, not {lab.lang}"
            assert theme(notebook.page) == lab.theme, f"the page's theme is not {lab.theme}"
        notebook.clear_all_outputs()
        notebook.run_all()
        if not steps:
            ours = notebook.page.evaluate(_OUR_WIDGETS_JS)
            assert not ours, (f"{key} shows widgets {ours} but has no row in "
                              "tools/browser/interactions.py: add one that uses them")
        for step in steps:
            step.run(notebook.page, lab.lang)
        unreadable = unreadable_text(notebook.page)
        assert not unreadable, f"text below 4.5:1 ({lab.theme}):\n" + "\n".join(unreadable)
        too_tall = too_tall_widgets(notebook.page, lab.frontend)
        assert not too_tall, "taller than a 1280×720 window shows:\n" + "\n".join(too_tall)
    finally:
        if steps:  # show the last widget used
            with contextlib.suppress(Exception):
                notebook.page.locator(steps[-1].css).first.scroll_into_view_if_needed(
                    timeout=2000)
        notebook.screenshot(name)
