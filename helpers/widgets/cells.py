"""Coloured cells for the widgets' HTML: one value per unit, blue < 0 < red.

Used by the hidden-state stepper (h_t, a_t, the history of h) and by any later view of
per-unit values (the gates and c_t of an LSTM). Plain functions from numbers to HTML text.
"""

from __future__ import annotations

import html

import numpy as np

from ..core.numbers import num
from ..core.trace import visible

CELL = ("display:inline-block;min-width:3.2em;padding:2px 3px;margin:1px;"
        "text-align:center;font-family:monospace;font-size:12px;border-radius:3px;")


def cell_color(value: float) -> str:
    """CSS colours for a value in [-1, 1] (clipped): blue < 0 < red, white at 0."""
    v = float(np.clip(value, -1.0, 1.0))
    strength = int(round(255 * (1 - abs(v))))
    ink = ";color:white" if abs(v) > 0.6 else ""  # dark cells need light text
    if v >= 0:
        return f"rgb(255,{strength},{strength}){ink}"
    return f"rgb({strength},{strength},255){ink}"


def html_label(token: str) -> str:
    """A token as HTML, with spaces, line breaks and tabs made visible."""
    return html.escape(visible(token))


def value_strip(name: str, values: np.ndarray, css: str) -> str:
    """A titled row of coloured cells, one per unit, each with its value (h_t, a_t, c_t…)."""
    cells = "".join(
        f'<span class="rnn-stepper-unit" style="{CELL}background:{cell_color(v)}">'
        f'{num(v, "+.2f")}</span>'
        for v in values)
    return (f'<div class="{css}" style="margin:3px 0"><div style="font-size:12px">'
            f'{html.escape(name)}</div><div style="display:flex;flex-wrap:wrap">{cells}</div>'
            f'</div>')


def history_table(history: np.ndarray, tokens: list[str], title: str,
                  max_cells: int = 600) -> str:
    """A heat map of states (steps, H): rows are units, columns are steps, headed by the
    tokens read (values shown when the table is small)."""
    steps, H = history.shape
    show_numbers = steps * H <= max_cells and H <= 16
    size = "min-width:2.8em;" if show_numbers else "width:8px;height:8px;padding:0;"
    head = "".join(f'<th style="font-size:11px;font-weight:normal">{html_label(tok)}</th>'
                   for tok in tokens[:steps]) if show_numbers else ""
    body = []
    for unit in range(H):
        cells = "".join(
            f'<td style="{size}background:{cell_color(v)};font-family:monospace;font-size:11px;'
            f'text-align:center">{num(v, "+.2f") if show_numbers else ""}</td>'
            for v in history[:, unit])
        body.append(f"<tr>{cells}</tr>")
    return (f'<div class="rnn-stepper-history" style="margin:3px 0"><div style="font-size:12px">'
            f'{html.escape(title)}</div>'
            f'<table style="border-collapse:collapse">'
            f'{"<tr>" + head + "</tr>" if head else ""}{"".join(body)}</table></div>')
