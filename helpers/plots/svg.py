"""A few SVG pieces for the figures that widgets redraw on every move.

A widget that redraws a matplotlib figure spends 100–300 ms per move rendering and encoding
a PNG; the same drawing written as SVG text takes about a millisecond, and the browser draws
it. The lessons' widget figures (the unrolled graph, the spectral-radius plot) are made of
boxes, arrows, lines and labels, so these few functions are enough; each returns a string
of SVG markup, in pixels (y grows downwards), on its own white background (the page may
be dark). Used by `unroll`, `gradient_plot` and `attention_map`.
"""

from __future__ import annotations

import re
from html import escape

FONT = "font-family:sans-serif"
ARROW = "rnn-arrow"  # the id of the arrowhead marker (identical wherever it is defined)
PAPER = "#ffffff"    # every drawing's own background, whatever the page's theme


def svg(width: float, height: float, body: list[str], css_class: str = "",
        background: str = PAPER) -> str:
    """A complete <svg> of `width` × `height` pixels holding the pieces in `body`, on a
    rectangle of `background` as large as the drawing: the labels are dark (#222, #444),
    so the drawing brings its own light paper and reads on a dark page too."""
    marker = (f'<defs><marker id="{ARROW}" viewBox="0 0 10 10" refX="10" refY="5" '
              'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
              '<path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker></defs>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" '
            f'width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.1f} {height:.1f}" style="{FONT}">'
            + marker + rect(0, 0, width, height, background) + "".join(body) + "</svg>")


def rect(x: float, y: float, w: float, h: float, fill: str, stroke: str = "none",
         width: float = 1.0, ident: str = "", extra: str = "") -> str:
    ident = f' id="{escape(ident)}"' if ident else ""
    return (f'<rect{ident} x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{extra}/>')


def line(x0: float, y0: float, x1: float, y1: float, color: str = "#222",
         width: float = 1.0, arrow: bool = False, dash: str = "") -> str:
    end = f' marker-end="url(#{ARROW})"' if arrow else ""
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
            f'stroke="{color}" stroke-width="{width}"{dashes}{end}/>')


def polyline(points: list[tuple[float, float]], color: str, width: float = 1.6,
             dash: str = "", clip: str = "") -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    clipped = f' clip-path="url(#{clip})"' if clip else ""
    return (f'<polyline points="{coords}" fill="none" stroke="{color}" '
            f'stroke-width="{width}"{dashes}{clipped}/>')


def _subscripts(content: str) -> str:
    """Escaped `content` with each `_c` written as a subscript c (h_T → h with T below)."""
    return re.sub(r"_(\w)", r'<tspan baseline-shift="sub" font-size="72%">\1</tspan>',
                  escape(content))


def text(x: float, y: float, content: str, size: float = 12, anchor: str = "middle",
         color: str = "#222", sub: str = "", sup: str = "", rotate: float = 0,
         ident: str = "", bold: bool = False) -> str:
    """A label centred (or anchored "start"/"end") at x; y is its vertical middle.

    `_c` in `content` is written as a subscript c; `sub` and `sup` are written smaller
    below or above the end of the line (x_t, 10⁻⁴ …).
    """
    extra = ""
    if sub:
        extra += f'<tspan baseline-shift="sub" font-size="72%">{escape(sub)}</tspan>'
    if sup:
        extra += f'<tspan baseline-shift="super" font-size="72%">{escape(sup)}</tspan>'
    turn = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate else ""
    ident = f' id="{escape(ident)}"' if ident else ""
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text{ident} x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{color}" '
            f'text-anchor="{anchor}" dominant-baseline="central"{weight}{turn}>'
            f"{_subscripts(content)}{extra}</text>")


def clip_rect(ident: str, x: float, y: float, w: float, h: float) -> str:
    """A clipPath named `ident`: what is drawn with it shows only inside the rectangle."""
    return (f'<clipPath id="{escape(ident)}"><rect x="{x:.1f}" y="{y:.1f}" '
            f'width="{w:.1f}" height="{h:.1f}"/></clipPath>')


class Drawing:
    """SVG markup that a notebook shows as a picture, with a short text form (nbval compares
    the text; the picture is `markup`)."""

    def __init__(self, markup: str, description: str):
        self.markup = markup
        self.description = description

    def _repr_svg_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.description
