"""The teacher's slideshow (jupyterlab-slideshow) driven in the browser.

jupyterlab-slideshow presents the open notebook inside JupyterLab itself: the same cells
and the same kernel, so the lessons' widgets render and respond on a slide (RISE's
slideshow could not show ipywidgets 8: jupyterlab-contrib/rise#119). The notebook
toolbar's deck button (command `deck:toggle`; `deck:start` and `deck:stop` in the command
palette) starts it. While it presents, `.jp-Deck` is in the page and the cells of the
current slide have the class `jp-deck-mod-visible`; the others are hidden.

Keys (→ ← ↓ ↑, Space, Shift+Space; Esc leaves) act when a cell of the notebook has the
focus in command mode, so `press` focuses the active cell first. Each cell is a stop of
its own (the code under a slide's prose too), so → may need several presses to reach the
next section.

Starting saves "active": true in the user settings, and the next page would open straight
into the slideshow: call `stop()` in a `finally` (the suite's servers also have settings
folders of their own).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tools.browser.lab import NotebookPage

DECK_BUTTON = ".jp-NotebookPanel-toolbar [data-jp-item-name='deck']"  # notebook toolbar
STEP_TIMEOUT = 10_000  # ms for a slide to change, or the deck to start or stop
HEADING = re.compile(r"^#{1,2} +(.+)$", re.M)

# The slide on the screen: the active cell, the indices of the cells on the slide and the
# headings they show (a heading's anchor link "¶" is not part of its text).
_CURRENT_JS = """() => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    const cells = notebook.widgets.map((cell, i) => [i, cell.node])
        .filter(([, node]) => node.classList.contains('jp-deck-mod-visible'));
    const headings = cells.flatMap(([, node]) => [...node.querySelectorAll('h1, h2')])
        .filter(e => e.getBoundingClientRect().height > 0)
        .map(e => e.textContent.replace(/¶$/, '').trim());
    return {deck: !!document.querySelector('.jp-Deck'), active: notebook.activeCellIndex,
            cells: cells.map(([i]) => i), headings};
}"""
_FOCUS_JS = "() => window.jupyterapp.shell.currentWidget.content.activeCell.node.focus()"


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
    """The jupyterlab-slideshow presentation of the notebook open in `notebook`."""

    def __init__(self, notebook: NotebookPage):
        self.notebook = notebook
        self.page = notebook.page

    def _command(self, command: str) -> None:
        self.page.evaluate(f"() => window.jupyterapp.commands.execute('{command}')")

    def start(self) -> dict:
        """As a teacher does: click the first cell (the title), then the toolbar's deck
        button (the command `deck:start` where the toolbar has no such button)."""
        self.page.locator(".jp-Notebook .jp-Cell").first.click()  # command mode, title active
        button = self.page.locator(DECK_BUTTON).first
        if button.count() and button.is_visible():
            button.click()
        else:
            self._command("deck:start")
        self.page.wait_for_selector(".jp-Deck", timeout=STEP_TIMEOUT)
        self.page.wait_for_function(f"() => ({_CURRENT_JS})().cells.length > 0",
                                    timeout=STEP_TIMEOUT)
        return self.current()

    def current(self) -> dict:
        """{deck, active, cells, headings}: presenting?, the active cell's index, the indices
        of the cells on the slide, the headings it shows."""
        return self.page.evaluate(_CURRENT_JS)

    def _wait_for_move(self, before: dict) -> dict:
        self.page.wait_for_function(
            f"() => ({_CURRENT_JS})().active !== {before['active']}", timeout=STEP_TIMEOUT)
        self.page.wait_for_timeout(300)  # the deck hides and shows cells after the move
        return self.current()

    def press(self, key: str) -> dict:
        """Press a key with a cell focused, as a teacher presses it; return the new stop."""
        before = self.current()
        self.page.evaluate(_FOCUS_JS)
        self.page.keyboard.press(key)
        return self._wait_for_move(before)

    def forward(self) -> dict:
        """The next stop, by the command `deck:forward`."""
        before = self.current()
        self._command("deck:forward")
        return self._wait_for_move(before)

    def visible(self, selector: str):
        """The first element matching `selector` inside a cell of the current slide."""
        return self.page.locator(f".jp-deck-mod-visible {selector}").first

    def stop(self) -> None:
        """Leave the slideshow (`deck:stop`) and wait until the deck is gone."""
        self._command("deck:stop")
        self.page.wait_for_selector(".jp-Deck", state="detached", timeout=STEP_TIMEOUT)

    def screenshot(self, name: str) -> Path:
        return self.notebook.screenshot(name)
