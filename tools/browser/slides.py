"""The teacher's slideshow (RISE, jupyterlab-rise) driven in the browser.

The notebook toolbar's RISE button (command `RISE:preview`, also Alt+R) saves the notebook
and opens the slideshow in a panel to the right of it: an iframe on `/rise/<path>`, a page
of its own where Reveal.js lays the cells out as slides, each slide a `<section>` with the
id `slide-<h>-<v>` (h: the section, v: the subslide inside it). The current one is
`section.present`. The panel's full-screen button puts the slides on the whole screen.

The slides show the outputs stored in the notebook; the RISE page also starts a kernel for
it (cells can be run on a slide with Shift+Enter), so delete the sessions afterwards.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from tools.browser.lab import NotebookPage

RISE_BUTTON = "[data-jp-item-name='RISE-button']"  # notebook toolbar: "Render as … Slideshow"
# The slideshow panel's own toolbar (the one with "Render on Save") has the full-screen button.
FULL_SCREEN_BUTTON = (".jp-Toolbar:has([data-jp-item-name='renderOnSave']) "
                      "[data-jp-item-name='fullscreen']")
START_TIMEOUT = 60  # seconds for the RISE page to lay out its slides
HEADING = re.compile(r"^#{1,2} +(.+)$", re.M)

# The current slide: its indices and the headings it shows (a heading's anchor link "¶"
# is not part of its text).
_PRESENT_JS = """() => {
    const slide = document.querySelector('.reveal.ready section.present:not(.stack)');
    if (!slide) return null;
    const [h, v] = slide.id.split('-').slice(1).map(Number);
    const headings = [...slide.querySelectorAll('h1, h2')]
        .filter(e => e.getBoundingClientRect().height > 0)
        .map(e => e.textContent.replace(/¶$/, '').trim());
    return {h, v, headings, slides: document.querySelectorAll('section[id^=slide-]').length};
}"""


def section_headings(notebook: Path) -> list[str]:
    """The first heading of each slide of a notebook file, in order (what the slides show)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    headings = []
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("slideshow", {}).get("slide_type") == "slide":
            found = HEADING.search("".join(cell["source"]))
            # as the slide shows it: `code` without its backticks
            headings.append(found.group(1).replace("`", "").strip() if found else "")
    return headings


class Slideshow:
    """The RISE slideshow of the notebook open in `notebook`, as the teacher starts it."""

    def __init__(self, notebook: NotebookPage):
        self.notebook = notebook
        self.page = notebook.page
        self.frame = None

    def start(self) -> dict:
        """Click the toolbar's RISE button; wait for Reveal.js to show a slide."""
        self.page.locator(RISE_BUTTON).first.click()
        deadline = time.monotonic() + START_TIMEOUT
        while self.frame is None and time.monotonic() < deadline:
            self.frame = next((f for f in self.page.frames if "/rise/" in f.url), None)
            self.page.wait_for_timeout(200)  # (time.sleep would hold playwright's events)
        assert self.frame is not None, "the RISE button opened no slideshow panel"
        self.frame.wait_for_function(_PRESENT_JS, timeout=START_TIMEOUT * 1000)
        return self.current()

    def full_screen(self) -> None:
        """Click the panel's full-screen button: the slides fill the screen (Esc leaves)."""
        self.page.locator(FULL_SCREEN_BUTTON).first.click()
        self.frame.wait_for_function("() => !!document.fullscreenElement", timeout=10_000)
        self.page.wait_for_timeout(500)  # Reveal lays the slide out again for the new size

    def current(self) -> dict:
        """{h, v, headings, slides}: the slide shown, its visible headings, how many slides."""
        return self.frame.evaluate(_PRESENT_JS)

    def press(self, key: str) -> dict:
        """Press a key in the slideshow (Space: next, → next section …); wait for the slide
        to change and return the new one."""
        before = self.current()
        self.frame.locator(".reveal").first.focus()
        self.page.keyboard.press(key)
        self.frame.wait_for_function(
            f"() => {{ const s = ({_PRESENT_JS})(); "
            f"return s && (s.h !== {before['h']} || s.v !== {before['v']}); }}",
            timeout=10_000)
        return self.current()

    def screenshot(self, name: str) -> Path:
        """What the screen shows (the slides alone once in full screen)."""
        return self.notebook.screenshot(name)
