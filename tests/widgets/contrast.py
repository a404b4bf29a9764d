"""A small WCAG contrast checker for the HTML and SVG our widgets emit (used by tests).

It parses the markup, and for every piece of visible text finds the colour it is written in
and the background under it, from the inline styles of the text's ancestors (HTML) or from
the `fill` of the text and the rectangles drawn before it under its anchor point (SVG). The
page's own colours are not ours to choose, so a text is judged against both JupyterLab
themes wherever the markup leaves something to the page:

* no colour and no background of ours: the theme's own text on the theme's own page (fine);
* a background of ours but no colour: the light theme's ink (#212121) and the dark
  theme's (#dedede) must both read on it;
* a colour of ours but no background: a problem in itself ("colour without background"),
  and the colour is also measured on both pages (#ffffff and #111111);
* any `opacity` below 1 on the way up is a problem too (it fades the ink by an amount the
  formula would not see).

Independent of `helpers.widgets.theme` on purpose: the formula is written out again here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

LIGHT_PAGE, DARK_PAGE = (255, 255, 255), (17, 17, 17)      # JupyterLab's two pages
LIGHT_INK, DARK_INK = (33, 33, 33), (222, 222, 222)        # their text, 87 % black / white
NAMED = {"white": (255, 255, 255), "black": (0, 0, 0), "red": (255, 0, 0),
         "green": (0, 128, 0), "blue": (0, 0, 255), "grey": (128, 128, 128),
         "gray": (128, 128, 128), "yellow": (255, 255, 0), "orange": (255, 165, 0)}
FIRST_COLOUR = re.compile(r"#[0-9a-fA-F]+|rgba?\([^)]*\)|[a-zA-Z]+")  # of `background:`
VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "col", "area", "source"}


def parse_colour(value: str):
    """(r, g, b, alpha) of a CSS colour; None for none/transparent; ValueError if unknown
    (so a colour the checker cannot read fails loudly instead of passing)."""
    value = value.strip().lower()
    if value in ("none", "transparent", "inherit", "currentcolor", "initial", "unset"):
        return None
    if value in NAMED:
        return (*NAMED[value], 1.0)
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        if len(digits) not in (6, 8):
            raise ValueError(f"cannot read colour {value!r}")
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), alpha)
    found = re.fullmatch(r"rgba?\(([^)]*)\)", value)
    if found:
        parts = [p.strip() for p in found.group(1).split(",")]
        r, g, b = (round(float(p[:-1]) * 2.55) if p.endswith("%") else int(float(p))
                   for p in parts[:3])
        return (r, g, b, float(parts[3]) if len(parts) > 3 else 1.0)
    raise ValueError(f"cannot read colour {value!r}")


def over(colour, below):
    """`colour` (with alpha) laid over the opaque colour `below`."""
    r, g, b, alpha = colour
    return tuple(round(alpha * c + (1 - alpha) * d) for c, d in zip((r, g, b), below))


def luminance(rgb) -> float:
    def linear(channel):
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(ink, paper) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 … 21)."""
    high, low = sorted((luminance(ink), luminance(paper)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def styles(attrs: dict) -> dict:
    """The inline style of an element as {property: value}."""
    out = {}
    for part in (attrs.get("style") or "").split(";"):
        if ":" in part:
            name, value = part.split(":", 1)
            out[name.strip().lower()] = value.strip()
    return out


@dataclass
class Text:
    """One piece of visible text, what it is written in and on, and how well it reads."""

    text: str
    ink: tuple | None          # (r, g, b, alpha) set by our markup, or None (the theme's)
    paper: tuple | None        # likewise for the background
    ratio: float               # the worst contrast over the themes that apply
    problem: str = ""

    def __str__(self) -> str:
        return (f"{self.text[:40]!r}: ink {self.ink}, background {self.paper}, "
                f"{self.ratio:.2f}:1 {self.problem}")


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []      # open elements: tag, style, attrs, rects (svg)
        self.found: list[Text] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag in VOID:
            return
        self.stack.append({"tag": tag, "style": styles(attrs), "attrs": attrs, "rects": []})

    def handle_startendtag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "rect" and self._svg() is not None:
            fill = styles(attrs).get("fill", attrs.get("fill", "black"))
            colour = parse_colour(fill)
            if colour is not None:
                box = [float(attrs.get(k, 0) or 0) for k in ("x", "y", "width", "height")]
                self._svg()["rects"].append((box, colour))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return

    def _svg(self):
        return next((e for e in reversed(self.stack) if e["tag"] == "svg"), None)

    def handle_data(self, data):
        if not data.strip() or any(e["tag"] in ("style", "script", "title") for e in self.stack):
            return
        faded = any(float(e["style"].get("opacity", 1)) < 1 for e in self.stack)
        svg = self._svg()
        ink, paper = (self._svg_colours(svg) if svg is not None else self._html_colours())
        self.found.append(judge(data.strip(), ink, paper, faded))

    def _html_colours(self):
        ink = paper = None
        for element in reversed(self.stack):
            style = element["style"]
            if ink is None and "color" in style:
                ink = parse_colour(style["color"])
            for name in ("background-color", "background"):
                if paper is None and name in style:
                    paper = parse_colour(FIRST_COLOUR.match(style[name].strip()).group(0))
        return ink, paper

    def _svg_colours(self, svg):
        """The fill of the text (SVG's default is black) and the last opaque rectangle
        drawn before it under its anchor point (x, y of the <text>)."""
        ink = None
        for element in reversed(self.stack):
            fill = element["style"].get("fill", element["attrs"].get("fill"))
            if fill:
                ink = parse_colour(fill)
                break
            if element["tag"] == "svg":
                break
        ink = ink or (0, 0, 0, 1.0)
        anchor = next((e["attrs"] for e in reversed(self.stack) if e["tag"] == "text"), {})
        x, y = float(anchor.get("x", 0) or 0), float(anchor.get("y", 0) or 0)
        paper = None
        for (bx, by, bw, bh), colour in svg["rects"]:
            if bx <= x <= bx + bw and by <= y <= by + bh:
                paper = colour if colour[3] >= 1 or paper is None else \
                    (*over(colour, paper[:3]), 1.0)
        return ink, paper


def judge(text: str, ink, paper, faded: bool = False) -> Text:
    """The worst contrast of `text` over the themes the markup leaves to the page."""
    problems = ["opacity below 1"] if faded else []
    if ink is None and paper is None:
        ratios = [ratio(LIGHT_INK, LIGHT_PAGE), ratio(DARK_INK, DARK_PAGE)]
    elif ink is None:
        ratios = [ratio(theme_ink, over(paper, page)) for theme_ink, page in
                  ((LIGHT_INK, LIGHT_PAGE), (DARK_INK, DARK_PAGE))]
    elif paper is None:
        problems.append("colour without background")
        ratios = [ratio(over(ink, page), page) for page in (LIGHT_PAGE, DARK_PAGE)]
    else:
        ratios = [ratio(over(ink, over(paper, page)), over(paper, page))
                  for page in (LIGHT_PAGE, DARK_PAGE)]
    return Text(text, ink, paper, min(ratios), "; ".join(problems))


def texts(markup: str) -> list[Text]:
    """Every visible text of `markup` (HTML, SVG, or HTML holding SVG), judged."""
    walker = _Walker()
    walker.feed(markup)
    walker.close()
    return walker.found


def failures(markup: str, minimum: float = 4.5) -> list[str]:
    """What does not read: each text below `minimum`:1 or with a problem, described."""
    return [str(found) for found in texts(markup) if found.ratio < minimum or found.problem]


def worst(markup: str) -> float:
    """The lowest contrast of any text in `markup` (21 when there is no text)."""
    return min((found.ratio for found in texts(markup)), default=21.0)
