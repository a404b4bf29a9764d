"""Interaction steps: what a student does to a widget, and what the page must show after.

Each step that acts follows one pattern: read what the target view shows (`shown`), act
on the control (choose, slide, click, type), wait (looking every few milliseconds, with
a timeout) until the view shows something else, and assert the change (and the expected
text, when given). `run` returns the seconds from the action to the changed view: that is
the widget round-trip latency `make bench` reports, measured by the page's own clock from
the first input event the action causes to the first look that sees the new view.
`Expect` acts on nothing: it only checks what a view shows.

Expected texts are written as the English notebook shows them; on a Portuguese page a
decimal point between digits is read as the decimal comma the helpers write there
("ρ = 1.00" expects "ρ = 1,00"), see `localized`.

Selectors are CSS. A widget made with `w.add_class("rnn-x")` carries the class on its own
element (a Dropdown's or Slider's wrapper `div`, a Button's `button`, an HTML's `div`), so
`.rnn-x` finds it; `index` picks among several matches (0 = the first on the page).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from playwright.sync_api import TimeoutError as PlaywrightTimeout

TIMEOUT_MS = 30_000
POLL_MS = 5  # how often a wait looks at the view (a finer clock than animation frames)

# What a view shows, as one string: its text, the chosen option of a select, the values of
# inputs (checked or not, for a checkbox), the sources of images (an Image widget gets a
# new blob URL for new bytes) and the markup of drawings (SVG: a shaded column changes it).
_SHOWN_JS = """([css, index]) => {
    const el = document.querySelectorAll(css)[index];
    if (!el) return null;
    const norm = s => s.replace(/\\s+/g, ' ').trim();
    if (el.tagName === 'SELECT') {
        const option = el.options[el.selectedIndex];
        return option ? norm(option.textContent) : '';
    }
    const parts = [norm(el.textContent)];
    for (const e of [el, ...el.querySelectorAll('img, input, select, textarea, svg')]) {
        if (e.tagName === 'IMG') parts.push(e.src);
        else if (e.tagName.toLowerCase() === 'svg') parts.push(e.innerHTML);
        else if (e.type === 'checkbox' || e.type === 'radio') parts.push(String(e.checked));
        else if ('value' in e && e.tagName !== 'DIV') parts.push(e.value);
    }
    return parts.join(' | ');
}"""

# The page's clock at the student's first input event after this call: the start of the
# round trip, taken in the page so that playwright's own overhead is not counted.
_ARM_CLOCK_JS = """() => {
    window.__rnnActedAt = null;
    for (const kind of ['pointerdown', 'keydown', 'input', 'change']) {
        document.addEventListener(kind, () => {
            if (window.__rnnActedAt === null) window.__rnnActedAt = performance.now();
        }, {capture: true, once: true});
    }
}"""

# Once the view shows something other than `before` (and `text`, when given): the
# milliseconds since the input event (or -1 when no event was seen).
_CHANGED_JS = f"""([css, index, before, text]) => {{
    const shown = ({_SHOWN_JS})([css, index]);
    if (shown === null || shown === before || (text && !shown.includes(text))) return false;
    const acted = window.__rnnActedAt;
    return acted === null ? -1 : Math.max(performance.now() - acted, 0.001);
}}"""

# True once the view shows `text`.
_SHOWS_JS = f"""([css, index, text]) => {{
    const shown = ({_SHOWN_JS})([css, index]);
    return shown !== null && shown.includes(text);
}}"""


def localized(text: str | None, lang: str) -> str | None:
    """`text` (written as on an English page) as a page in `lang` shows it: in pt, a
    decimal point between digits becomes a comma ("+0.64" -> "+0,64")."""
    if text is None or lang != "pt":
        return text
    return re.sub(r"(?<=\d)\.(?=\d)", ",", text)


def shown(page, css: str, index: int = 0) -> str | None:
    """What the element `css` (the index-th match) shows, or None when it is not there."""
    return page.evaluate(_SHOWN_JS, [css, index])


def _inner(page, css: str, index: int, tags: str):
    """The element itself if it is one of `tags` (CSS), else the first such inside it."""
    outer = page.locator(css).nth(index)
    outer.wait_for(state="attached", timeout=TIMEOUT_MS)
    if outer.evaluate(f"e => e.matches({tags!r})"):
        return outer
    return outer.locator(tags).first


class Step:
    """Base of the steps that act: subclasses set `expect_css`, `expect_text`, `act`."""

    expect_css: str
    expect_text: str | None

    def describe(self) -> str:
        return repr(self)

    def act(self, page) -> None:
        raise NotImplementedError

    def run(self, page, lang: str = "en") -> float:
        """Act and time the round trip; `lang` is the page's language (see `localized`)."""
        expect_text = localized(self.expect_text, lang)
        page.locator(self.expect_css).first.wait_for(state="attached", timeout=TIMEOUT_MS)
        before = shown(page, self.expect_css)
        page.evaluate(_ARM_CLOCK_JS)
        start = time.perf_counter()
        self.act(page)
        try:
            handle = page.wait_for_function(_CHANGED_JS, arg=[self.expect_css, 0, before,
                                                              expect_text or ""],
                                            polling=POLL_MS, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            after = shown(page, self.expect_css)
            wanted = f" to show {expect_text!r}" if expect_text else ""
            raise AssertionError(
                f"{self.describe()}: {self.expect_css!r} did not change{wanted} within "
                f"{TIMEOUT_MS / 1000:.0f} s.\n  before: {before!r}\n  after:  {after!r}"
            ) from None
        seconds = time.perf_counter() - start
        in_page_ms = handle.json_value()
        if in_page_ms > 0:
            seconds = in_page_ms / 1000
        after = shown(page, self.expect_css)
        assert after != before, (self.describe(), before)
        assert not expect_text or expect_text in after, (self.describe(), after)
        return seconds


@dataclass
class Expect:
    """No action: `css` must show `text` (waits up to the timeout for it to appear)."""

    css: str
    text: str
    index: int = 0

    def describe(self) -> str:
        return repr(self)

    def run(self, page, lang: str = "en") -> None:
        try:
            page.wait_for_function(_SHOWS_JS, arg=[self.css, self.index,
                                                   localized(self.text, lang)],
                                   polling=POLL_MS, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            raise AssertionError(f"{self.describe()}: it shows "
                                 f"{shown(page, self.css, self.index)!r}") from None


# The <audio> element at css (or inside it): its duration once it has a source that the
# browser decoded, else false.
_AUDIO_JS = """([css, index]) => {
    const el = document.querySelectorAll(css)[index];
    const audio = el && (el.matches('audio') ? el : el.querySelector('audio'));
    if (!audio || !audio.src || !(audio.duration > 0)) return false;
    return audio.duration;
}"""
_PLAY_JS = """([css, index]) => {
    const el = document.querySelectorAll(css)[index];
    const audio = el.matches('audio') ? el : el.querySelector('audio');
    audio.muted = true;                   // a muted player may start without a click
    audio.currentTime = 0;
    return audio.play().then(() => 'playing', error => String(error));
}"""
_PLAYED_JS = """([css, index]) => {
    const el = document.querySelectorAll(css)[index];
    const audio = el.matches('audio') ? el : el.querySelector('audio');
    if (audio.currentTime > 0.2) { audio.pause(); return true; }
    return false;
}"""


@dataclass
class ExpectAudio:
    """No action on the widgets: the <audio> at `css` has a source of at least
    `min_seconds` that the browser decodes, and it plays (muted: its clock advances)."""

    css: str
    min_seconds: float = 1.0
    index: int = 0

    def describe(self) -> str:
        return repr(self)

    def run(self, page, lang: str = "en") -> None:
        try:
            handle = page.wait_for_function(_AUDIO_JS, arg=[self.css, self.index],
                                            polling=POLL_MS, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            raise AssertionError(f"{self.describe()}: no decodable audio source") from None
        duration = handle.json_value()
        assert duration >= self.min_seconds, (self.describe(), duration)
        for _ in range(5):  # a view that sets its source again aborts a play() under way
            started = page.evaluate(_PLAY_JS, [self.css, self.index])
            if not started.startswith("AbortError"):
                break
            page.wait_for_timeout(500)
            page.wait_for_function(_AUDIO_JS, arg=[self.css, self.index], polling=POLL_MS,
                                   timeout=TIMEOUT_MS)
        assert started == "playing", (self.describe(), started)
        try:
            page.wait_for_function(_PLAYED_JS, arg=[self.css, self.index], polling=POLL_MS,
                                   timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            raise AssertionError(f"{self.describe()}: the player did not advance") from None


@dataclass
class ChooseDropdown(Step):
    """Choose the option whose label starts with `option` in the dropdown at `css`."""

    css: str
    option: str
    expect_css: str
    expect_text: str | None = None
    index: int = 0

    def act(self, page) -> None:
        select = _inner(page, self.css, self.index, "select")
        labels = [" ".join(s.split()) for s in select.locator("option").all_text_contents()]
        matches = [i for i, label in enumerate(labels) if label.startswith(self.option)]
        assert matches, f"{self.describe()}: no option starts with {self.option!r}: {labels}"
        current = select.evaluate("e => e.selectedIndex")
        assert current != matches[0], (f"{self.describe()}: {labels[current]!r} is already "
                                        "chosen, so choosing it cannot change anything")
        select.select_option(index=matches[0])


@dataclass
class MoveSlider(Step):
    """Move the slider at `css` by `steps` keyboard steps (negative: to the left)."""

    css: str
    steps: int
    expect_css: str
    expect_text: str | None = None
    index: int = 0

    def act(self, page) -> None:
        # ipywidgets 8 draws sliders with noUiSlider, 7 (Colab) with jQuery UI.
        handle = _inner(page, self.css, self.index, ".noUi-handle, .ui-slider-handle")
        handle.focus()
        key = "ArrowRight" if self.steps > 0 else "ArrowLeft"
        for _ in range(abs(self.steps)):
            handle.press(key)


@dataclass
class Click(Step):
    """Click the button (or checkbox) at `css`, or the first one inside it."""

    css: str
    expect_css: str
    expect_text: str | None = None
    index: int = 0

    def act(self, page) -> None:
        _inner(page, self.css, self.index, "button, input[type='checkbox']").click()


@dataclass
class TypeText(Step):
    """Replace the text of the input at `css` with `text`, then leave the field."""

    css: str
    text: str
    expect_css: str
    expect_text: str | None = None
    index: int = 0

    def act(self, page) -> None:
        field = _inner(page, self.css, self.index, "input, textarea")
        field.fill(self.text)
        field.blur()  # a Text with continuous_update=False sends its value on "change"
