"""Attention weights as a heat map: a row per target word, a column per source word.

Row t shows how the decoder spread its attention over the source words while writing
target word t (each row sums to 1). `attention_figure` draws a few of them side by side
with matplotlib, for the lesson; `attention_svg` writes one as SVG text, cheap enough for
a widget to redraw at every translation, with the strongest cell of each row outlined.
Used in lesson 07.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..core.checks import check_shape
from ..core.language import register, t
from . import svg
from .axes import localize

CELL = 26       # pixels per cell of the SVG
LABELS = 12     # font size of the SVG's words


def _checked(weights, source: list[str], target: list[str]) -> np.ndarray:
    return check_shape("weights", np.asarray(weights, dtype=float), (len(target), len(source)))


def attention_figure(examples, titles: list[str] | None = None,
                     languages: tuple[str, str] = ("pt", "en")) -> Figure:
    """examples: (weights (T, S), source words, target words) each → one heat map each;
    `languages` names the source's and the target's in the axis labels."""
    source_name, target_name = (t(f"attention_map.{lang}") for lang in languages)
    fig = Figure(figsize=(4.2 * len(examples), 4.4))
    for i, (weights, source, target) in enumerate(examples):
        weights = _checked(weights, source, target)
        ax = fig.add_subplot(1, len(examples), i + 1)
        ax.imshow(weights, cmap="Blues", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(len(source)), source, rotation=60, ha="right")
        ax.set_yticks(range(len(target)), target)
        ax.set_xlabel(t("attention_map.source", name=source_name))
        if i == 0:
            ax.set_ylabel(t("attention_map.target", name=target_name))
        if titles:
            ax.set_title(titles[i], fontsize=10)
    fig.tight_layout()
    return localize(fig)


def _blue(weight: float) -> str:
    """White for 0 to a dark blue for 1 (the "Blues" colours, computed)."""
    low, high = np.array([247, 251, 255]), np.array([8, 48, 107])
    r, g, b = (low + (high - low) * min(max(weight, 0.0), 1.0)).round().astype(int)
    return f"#{r:02x}{g:02x}{b:02x}"


def attention_svg(weights, source: list[str], target: list[str]) -> str:
    """One heat map as SVG markup (on its own white background, whatever the page's theme)."""
    weights = _checked(weights, source, target)
    left = 8 + 7.2 * max(len(w) for w in target)
    top = 8 + 7.2 * max(len(w) for w in source)
    width, height = left + CELL * len(source) + 8, top + CELL * len(target) + 8
    body = []  # svg.svg lays a white background under it all
    for s, word in enumerate(source):
        x = left + CELL * (s + 0.5)
        body.append(svg.text(x, top - 6, word, size=LABELS, anchor="start", rotate=-60))
    for row, word in enumerate(target):
        y = top + CELL * (row + 0.5)
        body.append(svg.text(left - 6, y, word, size=LABELS, anchor="end"))
        strongest = int(weights[row].argmax())
        for s in range(len(source)):
            body.append(svg.rect(left + CELL * s, top + CELL * row, CELL, CELL,
                                 _blue(weights[row, s]), stroke="#d0d7de", width=0.5))
        body.append(svg.rect(left + CELL * strongest + 1, top + CELL * row + 1, CELL - 2,
                             CELL - 2, "none", stroke="#d55e00", width=2))
    return svg.svg(width, height, body, css_class="rnn-attention-map")


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "attention_map.source": {"pt": "palavras lidas ({name})", "en": "words read ({name})"},
    "attention_map.target": {"pt": "palavras escritas ({name})",
                             "en": "words written ({name})"},
    "attention_map.pt": {"pt": "português", "en": "Portuguese"},
    "attention_map.en": {"pt": "inglês", "en": "English"},
})
