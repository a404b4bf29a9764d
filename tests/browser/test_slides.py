"""A teacher projects a lesson: the RISE slideshow, in a real JupyterLab and browser.

For each UI language: open lesson 01, click the notebook toolbar's RISE button, check that
Reveal.js shows the title slide, go full screen, press Space (the next subslide of the same
section) and → (the next section), and check that section's heading is on the screen.
Screenshots: test-artifacts/browser/slides-<lang>-1.png (title) and -2.png (section 1).
The slides show the outputs stored in the notebook: nothing needs to run first.
"""

from __future__ import annotations

import json

from tools.browser.lab import ROOT
from tools.browser.slides import Slideshow, section_headings

LESSON = "01_recurrence"


def test_teacher_starts_and_advances_the_slideshow(lab, open_notebook):
    path = f"notebooks/{lab.lang}/{LESSON}.ipynb"
    stored = json.loads((ROOT / path).read_text(encoding="utf-8"))
    assert "rise" in stored["metadata"], f"{path} has no slide metadata: run `make notebooks`"
    title, first_section, *_ = section_headings(ROOT / path)

    show = Slideshow(open_notebook(path))
    slide = show.start()
    assert (slide["h"], slide["v"]) == (0, 0), slide
    assert slide["headings"] == [title], slide
    assert slide["slides"] > 10, f"a lesson makes many slides, not {slide['slides']}"
    show.full_screen()
    show.screenshot(f"slides-{lab.lang}-1")

    slide = show.press("Space")  # next: the intro, a subslide of the title's section
    assert (slide["h"], slide["v"]) == (0, 1), slide
    slide = show.press("ArrowRight")  # the next section
    assert (slide["h"], slide["v"]) == (1, 0), slide
    assert slide["headings"] == [first_section], slide
    show.screenshot(f"slides-{lab.lang}-2")
