"""Colours that stay readable in JupyterLab's light and dark themes (and in Colab).

A widget's HTML lands on a page whose colours we do not choose: near-black text on white,
or near-white text on #111. So our HTML never sets one of the two alone: wherever it paints
a background it also sets the ink on it, and wherever it colours text it also paints the
background under it. The ink on a coloured cell is black or white, whichever contrasts more
with the cell: by WCAG 2's formula that is always at least 4.58:1, above the 4.5:1 asked of
normal text, whatever the cell's colour. Messages sit in a small pale box with dark ink.
Only glyphs every default font has (DejaVu Sans) are used: ⚠ ✓ ✗, never emoji.

Used by the stepper's cells and by the messages of every widget.
"""

from __future__ import annotations


def luminance(rgb: tuple[int, int, int]) -> float:
    """The relative luminance of an sRGB colour (0 black … 1 white), WCAG 2's definition."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink(rgb: tuple[int, int, int]) -> str:
    """Black or white: whichever text colour contrasts more with the background `rgb`."""
    light = luminance(rgb)
    on_black = (light + 0.05) / 0.05     # contrast of black ink on it
    on_white = 1.05 / (light + 0.05)     # contrast of white ink on it
    return "#000" if on_black >= on_white else "#fff"


def painted(rgb: tuple[int, int, int]) -> str:
    """CSS for a cell of colour `rgb` with the ink that reads on it."""
    r, g, b = rgb
    return f"background:rgb({r},{g},{b});color:{ink(rgb)}"


# Pale boxes with dark ink (each pair ≥ 7:1), for a message or a verdict in any theme.
BOXES = {
    "error": ("#fdecea", "#8c1d18", "#f1aeb5"),    # background, ink, border
    "good": ("#dafbe1", "#0f5323", "#8fd19e"),
    "bad": ("#ffebe9", "#8c1d18", "#f1aeb5"),
}


def boxed(kind: str) -> str:
    """CSS for a small box of `kind` ("error", "good" or "bad") with its own background."""
    background, color, border = BOXES[kind]
    return (f"background:{background};color:{color};border:1px solid {border};"
            "border-radius:3px;padding:2px 6px")


def message(css_class: str, text_html: str) -> str:
    """An error message (already escaped HTML) in a pale red box, after a ⚠ sign."""
    return (f'<div class="{css_class}" style="{boxed("error")};display:inline-block">'
            f"⚠ {text_html}</div>")


def mark(ok: bool) -> str:
    """A ✓ in a pale green box or a ✗ in a pale red one."""
    kind, sign = ("good", "✓") if ok else ("bad", "✗")
    return f'<span style="{boxed(kind)};font-weight:bold">{sign}</span>'
