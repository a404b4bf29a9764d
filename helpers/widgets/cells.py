"""Coloured cells for the widgets' HTML: one value per unit, blue < 0 < red, and gates
(values in 0…1) from white (closed) to green (open).

Used by the hidden-state stepper (h_t, a_t, the history of h, the sequence, the top-k
outputs) and its gate view (the gates and c_t of an LSTM or a GRU, lesson 05). Plain
functions from numbers to HTML text.
"""

from __future__ import annotations

import html

import numpy as np

from ..core.language import register, t
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


GATE_ORDER = ["f", "i", "g", "o", "r", "z", "n"]  # the order a step computes them in
SIGMOID_GATES = {"f", "i", "o", "r", "z"}        # 0 … 1; g and n are tanh (−1 … 1)


def gate_color(value: float) -> str:
    """CSS colours for a gate in [0, 1] (clipped): white when closed, green when open."""
    v = float(np.clip(value, 0.0, 1.0))
    r, g, b = (int(round(255 + (dark - 255) * v)) for dark in (27, 120, 55))
    ink = ";color:white" if v > 0.6 else ""
    return f"rgb({r},{g},{b}){ink}"


def html_label(token: str) -> str:
    """A token as HTML, with spaces, line breaks and tabs made visible."""
    return html.escape(visible(token))


def value_strip(name: str, values: np.ndarray, css: str, gate: bool = False) -> str:
    """A titled row of coloured cells, one per unit, each with its value (h_t, a_t, c_t…)
    and its unit's index as a tooltip (0-based, as in code: h[j]); `gate` colours values
    in 0…1 (a sigmoid gate) white to green."""
    color, spec = (gate_color, ".2f") if gate else (cell_color, "+.2f")
    cells = "".join(
        f'<span class="rnn-stepper-unit" title="{html.escape(t("cells.unit", j=j))}" '
        f'style="{CELL}background:{color(v)}">{num(v, spec)}</span>'
        for j, v in enumerate(values))
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


def sequence_row(tokens: list[str], step: int, title: str) -> str:
    """The tokens read, the one at `step` (1-based) highlighted, the later ones greyed."""
    spans = []
    for i, tok in enumerate(tokens, start=1):
        if i == step:
            style = "background:#ffd54f;font-weight:bold;outline:1px solid #b28900;"
            css = "rnn-stepper-token rnn-stepper-current"
        else:
            style = "color:#999;" if i > step else ""
            css = "rnn-stepper-token"
        spans.append(f'<span class="{css}" style="{CELL}{style}min-width:1.4em">'
                     f'{html_label(tok)}</span>')
    return (f'<div style="font-size:12px">{html.escape(title)}</div>'
            f'<div class="rnn-stepper-sequence">{"".join(spans)}</div>')


def top_k_rows(top_k: list[tuple[str, float]], title: str) -> str:
    """The most likely outputs, each with a bar as long as its probability."""
    rows = []
    for label, p in top_k:
        rows.append(
            f'<div class="rnn-stepper-topk-row" style="display:flex;align-items:center;'
            f'font-family:monospace;font-size:12px"><span style="width:4em">{html_label(label)}'
            f'</span><span style="display:inline-block;height:10px;width:{200 * p:.1f}px;'
            f'background:#4c72b0;margin-right:6px"></span>{num(p, ".4f")}</div>')
    return (f'<div class="rnn-stepper-topk" style="margin:3px 0"><div style="font-size:12px">'
            f'{html.escape(title)}</div>{"".join(rows)}</div>')


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "cells.unit": {"pt": "unidade {j}", "en": "unit {j}"},
})
