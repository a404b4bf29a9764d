"""A teacher projects a lesson: jupyterlab-slideshow, in a real JupyterLab and browser.

For each UI language: open lesson 01, run all, click the title cell and the notebook
toolbar's deck button, check that the first slide shows the lesson's title, press → (with
a cell focused, as the keys need) until section 1's heading is on the slide, then go
forward to section 5's slide, click the hidden-state stepper's ▶ there and check that the
stepper moved one step: the widgets work on the slides. Leaves with `deck:stop` and checks
that the deck is gone. Screenshots: test-artifacts/browser/slides-<lang>-1.png (title),
-2.png (section 1), -3.png (the stepper after ▶).
"""

from __future__ import annotations

import json
import os

import pytest

from tools.browser.slides import Slideshow, section_headings

LESSON = "01_recurrence"
STEPPER_SECTION = 5  # lesson 01's "5. O passo a passo do estado oculto" holds the stepper
MAX_STOPS = 60       # every cell is a stop: enough to cross lesson 01 from end to end

pytestmark = pytest.mark.skipif(os.environ.get("RNN_LESSONS_FRONTEND", "lab") != "lab",
                                reason="jupyterlab-slideshow is a JupyterLab extension; the "
                                       "classic Notebook of the Colab-like tier does not have it")


def test_teacher_presents_the_lesson_and_uses_its_widget(lab, open_notebook):
    path = f"notebooks/{lab.lang}/{LESSON}.ipynb"
    served = lab.root / path  # the copy the server opens
    types = [cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
             for cell in json.loads(served.read_text(encoding="utf-8"))["cells"]]
    assert "slide" in types and "-" not in types, (
        f"{path} has no slides, or cells the slideshow hides: run `make notebooks`")
    title, first_section, *rest = section_headings(served)
    stepper_section = rest[STEPPER_SECTION - 2]
    assert stepper_section.startswith(f"{STEPPER_SECTION}. "), stepper_section

    notebook = open_notebook(path)
    notebook.clear_all_outputs()  # the widgets need a live kernel: run the lesson first
    notebook.run_all()
    show = Slideshow(notebook)
    try:
        slide = show.start()
        assert slide["headings"] == [title], slide
        show.screenshot(f"slides-{lab.lang}-1")

        for _ in range(MAX_STOPS):  # → walks the title's slide, then reaches section 1
            slide = show.press("ArrowRight")
            if slide["headings"] not in ([], [title]):
                break
        assert slide["headings"] == [first_section], slide
        assert slide["active"] in slide["cells"] and len(slide["cells"]) < 5, slide
        show.screenshot(f"slides-{lab.lang}-2")

        stepper = show.visible(".rnn-stepper")
        for _ in range(MAX_STOPS):
            if stepper.count() and stepper.is_visible():
                break
            slide = show.forward()
        assert slide["headings"] == [stepper_section], slide
        assert stepper.is_visible(), f"no stepper on the slide of {stepper_section!r}"

        step = show.visible(".rnn-stepper-t")
        before = int(step.get_attribute("data-t"))  # Run all left it at go(4)
        show.visible(".rnn-stepper-next").click()  # ▶, as a teacher clicks it
        show.page.wait_for_function(
            "before => Number(document.querySelector("
            "'.jp-deck-mod-visible .rnn-stepper-t').dataset.t) !== before",
            arg=before, timeout=10_000)
        assert int(step.get_attribute("data-t")) == before + 1
        assert show.current()["deck"], "clicking the widget left the slideshow"
        show.screenshot(f"slides-{lab.lang}-3")
    finally:
        show.stop()  # else the saved setting opens the next page presenting
    assert not show.current()["deck"]
