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
from .theme import painted

CELL = ("display:inline-block;min-width:3.2em;padding:2px 3px;margin:1px;"
        "text-align:center;font-family:monospace;font-size:12px;border-radius:3px;")


def cell_color(value: float) -> str:
    """CSS for a cell holding a value in [-1, 1] (clipped): its background, blue < 0 < red,
    white at 0, and the ink that reads on it (black or white, ≥ 4.5:1: see `theme`)."""
    v = float(np.clip(value, -1.0, 1.0))
    strength = int(round(255 * (1 - abs(v))))
    rgb = (255, strength, strength) if v >= 0 else (strength, strength, 255)
    return painted(rgb)


GATE_ORDER = ["f", "i", "g", "o", "r", "z", "n"]  # the order a step computes them in
SIGMOID_GATES = {"f", "i", "o", "r", "z"}        # 0 … 1; g and n are tanh (−1 … 1)


def gate_color(value: float) -> str:
    """CSS for a gate in [0, 1] (clipped): white when closed, green when open, with the ink
    that reads on it."""
    v = float(np.clip(value, 0.0, 1.0))
    return painted(tuple(int(round(255 + (dark - 255) * v)) for dark in (27, 120, 55)))


def html_label(token: str) -> str:
    """A token as HTML, with spaces, line breaks and tabs made visible."""
    return html.escape(visible(token))


NUMBERED_UNITS = 16  # up to this many units a strip writes its values; more: squares
SQUARE = "display:inline-block;width:16px;height:16px;margin:1px;border-radius:2px;"


def value_strip(name: str, values: np.ndarray, css: str, gate: bool = False) -> str:
    """A titled row of coloured cells, one per unit, each with its value (h_t, a_t, c_t…)
    and its unit's index as a tooltip (0-based, as in code: h[j]); `gate` colours values
    in 0…1 (a sigmoid gate) white to green. With more than NUMBERED_UNITS units the cells
    are colour squares (the value moves into the tooltip), so a strip stays one line on a
    projector: 32 written values would wrap onto two."""
    color, spec = (gate_color, ".2f") if gate else (cell_color, "+.2f")
    numbered = len(values) <= NUMBERED_UNITS

    def cell(j: int, v: float) -> str:
        tip = t("cells.unit", j=j) if numbered else t("cells.unit_value", j=j, v=num(v, spec))
        return (f'<span class="rnn-stepper-unit" title="{html.escape(tip)}" '
                f'style="{CELL if numbered else SQUARE}{color(v)}">'
                f'{num(v, spec) if numbered else ""}</span>')
    cells = "".join(cell(j, v) for j, v in enumerate(values))
    if not numbered:  # squares: the name on the same line, so 7 LSTM strips fit a projector
        return (f'<div class="{css}" style="margin:1px 0;display:flex;flex-wrap:wrap;'
                f'align-items:center"><div style="font-size:12px;width:15em;flex:none">'
                f'{html.escape(name)}</div><div style="display:flex;flex-wrap:wrap">{cells}'
                f'</div></div>')
    return (f'<div class="{css}" style="margin:3px 0"><div style="font-size:12px">'
            f'{html.escape(name)}</div><div style="display:flex;flex-wrap:wrap">{cells}</div>'
            f'</div>')


HISTORY_ROWS = 6  # the history shows the last steps only: the stepper fits a projector


def history_table(history: np.ndarray, tokens: list[str], title: str,
                  rows: int = HISTORY_ROWS, max_cells: int = 600) -> str:
    """The states h_1 … h_t (steps, H) as a heat map, one row per step laid out like the
    h_t strip (a column per unit), newest at the bottom, each row named by its step and
    token. Only the last `rows` steps are shown, so the stepper keeps its height at any t;
    a line says how many earlier steps are hidden. Values are written when H ≤ 16."""
    steps, H = history.shape
    first = max(0, steps - rows)                      # 0-based index of the first row shown
    show_numbers = H <= 16 and (steps - first) * H <= max_cells
    side = max(3, min(8, 720 // max(H, 1)))            # colour-only squares, ≤ 720 px a row
    size = "" if show_numbers else (f"min-width:0;width:{side}px;height:{side}px;"
                                    "padding:0;margin:0;border-radius:0;")
    lines = []
    if first:
        key = "cells.hidden_one" if first == 1 else "cells.hidden"
        lines.append(f'<div class="rnn-stepper-hidden" style="font-size:11px">'
                     f'{html.escape(t(key, n=first))}</div>')
    for row in range(first, steps):
        cells = "".join(
            f'<span style="{CELL}{size}padding-top:0;padding-bottom:0;margin-top:0;'
            f'margin-bottom:0;{cell_color(v)}">{num(v, "+.2f") if show_numbers else ""}</span>'
            for v in history[row])
        label = f"h_{row + 1} · {html_label(tokens[row])}"        # h_t and the x_t it read
        weight = "font-weight:bold;" if row == steps - 1 else ""
        lines.append(f'<div class="rnn-stepper-history-row" style="display:flex;'
                     f'flex-wrap:nowrap;align-items:center">{cells}<span style="{weight}'
                     f'font-family:monospace;font-size:11px;margin-left:6px;white-space:pre">'
                     f'{label}</span></div>')
    return (f'<div class="rnn-stepper-history" style="margin:3px 0"><div style="font-size:12px">'
            f'{html.escape(title)}</div>{"".join(lines)}</div>')


# The tokens of the sequence are chips: read ones white, later ones grey, the current one
# yellow; each chip sets both its background and its ink, so it reads in any theme.
TOKEN_READ = "background:#ffffff;color:#000;border:1px solid #b0b0b0;"
TOKEN_LATER = "background:#e8e8e8;color:#595959;border:1px solid #e8e8e8;"
TOKEN_NOW = "background:#ffd54f;color:#000;border:1px solid #8a6d00;font-weight:bold;"


def sequence_row(tokens: list[str], step: int, title: str) -> str:
    """The tokens read, the one at `step` (1-based) highlighted, the later ones greyed."""
    spans = []
    for i, tok in enumerate(tokens, start=1):
        style = TOKEN_NOW if i == step else TOKEN_LATER if i > step else TOKEN_READ
        css = "rnn-stepper-token rnn-stepper-current" if i == step else "rnn-stepper-token"
        spans.append(f'<span class="{css}" style="{CELL}{style}min-width:1.4em">'
                     f'{html_label(tok)}</span>')
    return (f'<div style="font-size:12px">{html.escape(title)}</div>'
            f'<div class="rnn-stepper-sequence" style="display:flex;flex-wrap:wrap">'
            f'{"".join(spans)}</div>')


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
    "cells.unit_value": {"pt": "unidade {j}: {v}", "en": "unit {j}: {v}"},
    "cells.hidden_one": {"pt": "⋮ 1 passo anterior não mostrado (h_1)",
                         "en": "⋮ 1 earlier step not shown (h_1)"},
    "cells.hidden": {"pt": "⋮ {n} passos anteriores não mostrados (h_1 … h_{n})",
                     "en": "⋮ {n} earlier steps not shown (h_1 … h_{n})"},
})
