"""Diagrams of lesson 02, drawn by code: the unrolled graph and the input/output patterns.

* `unrolled_layout(T)` says where every node and arrow of the graph unrolled over T steps
  goes (plain data, tested without drawing); `unrolled_svg(T, highlight=t)` draws it as SVG
  (`draw_unrolled` shows that in a notebook): the same W_xh, W_hh, W_hy on every column,
  step t highlighted.
* `pattern_layout(name)` and `draw_patterns()` show one-to-many, many-to-one, many-to-many
  and sequence-to-sequence: which steps read an input and which emit an output.
* The widget that redraws the graph as T or the highlighted step changes is
  `helpers.widgets.unroll.UnrollWidget`.

Taught in lesson 02.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from ..core.checks import is_int
from ..core.language import register, t
from . import svg

MAX_T = 12
PATTERNS = ("one-to-many", "many-to-one", "many-to-many", "seq2seq")
WEIGHTS = ("W_xh", "W_hh", "W_hy")
# Orange inputs, grey states, blue outputs: told apart with any colour vision (no red/green).
_COLORS = {"x": "#fdb863", "h": "#e6e6e6", "y": "#92c5de"}


@dataclass(frozen=True)
class Node:
    name: str        # "x_1", "h_0", "y_3" ...
    kind: str        # "x", "h" or "y"
    step: int        # t (0 for h_0)
    xy: tuple[float, float]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    weight: str      # "W_xh", "W_hh" or "W_hy": the same three on every column


@dataclass(frozen=True)
class Graph:
    T: int
    nodes: list[Node]
    edges: list[Edge]


def check_T(T, max_T: int = MAX_T) -> int:
    if not is_int(T) or not 1 <= T <= max_T:
        raise ValueError(t("unroll.T", T=T, max_T=max_T))
    return int(T)


def unrolled_layout(T: int, outputs: bool = True) -> Graph:
    """Nodes and arrows of the cell unrolled over T steps: h_0, then one column per step."""
    T = check_T(T)
    nodes = [Node("h_0", "h", 0, (0.0, 1.0))]
    edges = []
    for step in range(1, T + 1):
        nodes.append(Node(f"x_{step}", "x", step, (float(step), 0.0)))
        nodes.append(Node(f"h_{step}", "h", step, (float(step), 1.0)))
        edges.append(Edge(f"x_{step}", f"h_{step}", "W_xh"))
        edges.append(Edge(f"h_{step - 1}", f"h_{step}", "W_hh"))
        if outputs:
            nodes.append(Node(f"y_{step}", "y", step, (float(step), 2.0)))
            edges.append(Edge(f"h_{step}", f"y_{step}", "W_hy"))
    return Graph(T, nodes, edges)


# Pixels per layout unit, and the band above the graph that holds its title.
_UNIT, _TITLE = 64.0, 26.0
_LABEL = {"x": "x", "h": "h", "y": "ŷ"}


def check_highlight(highlight, T: int):
    if highlight is None:
        return None
    if not is_int(highlight) or not 1 <= highlight <= T:
        raise ValueError(t("unroll.highlight", T=T, t=highlight))
    return int(highlight)


def unrolled_svg(T: int, highlight: int | None = None, outputs: bool = True) -> str:
    """SVG markup of the graph unrolled over T steps; `highlight` (1..T) shades column t.

    Every node box has the id "node:<name>", every weight label "weight:<W>:<t>" and the
    shaded column "highlight:<t>", so tests (and curious readers) can find them.
    """
    graph = unrolled_layout(T, outputs)
    highlight = check_highlight(highlight, T)
    top = 2.5 if outputs else 1.5  # the highest layout y shown

    def px(x: float, y: float) -> tuple[float, float]:
        return (x + 0.5) * _UNIT, _TITLE + (top - y) * _UNIT

    body = []
    if highlight is not None:
        x, y = px(highlight - 0.45, top - 0.05)
        body.append(svg.rect(x, y, 0.9 * _UNIT, (top + 0.45) * _UNIT, "#fff2b3",
                             ident=f"highlight:{highlight}"))
    where = {node.name: node.xy for node in graph.nodes}
    for edge in graph.edges:
        (x0, y0), (x1, y1) = where[edge.source], where[edge.target]
        horizontal = edge.weight == "W_hh"
        start = (x0 + 0.25, y0) if horizontal else (x0, y0 + 0.22)
        end = (x1 - 0.25, y1) if horizontal else (x1, y1 - 0.22)
        body.append(svg.line(*px(*start), *px(*end), width=1.1, arrow=True))
        step = edge.target.split("_")[1]
        if horizontal:
            lx, ly, anchor = px((x0 + x1) / 2, y0 + 0.2) + ("middle",)
        else:
            lx, ly, anchor = px(x0 + 0.06, (y0 + y1) / 2) + ("start",)
        body.append(svg.text(lx, ly, "W", size=11, anchor=anchor, color="#444",
                             sub=edge.weight[2:], ident=f"weight:{edge.weight}:{step}"))
    for node in graph.nodes:
        x, y = px(node.xy[0] - 0.25, node.xy[1] + 0.22)
        body.append(svg.rect(x, y, 0.5 * _UNIT, 0.44 * _UNIT, _COLORS[node.kind], "#222",
                             2.2 if node.step == highlight else 1.0, ident=f"node:{node.name}"))
        body.append(svg.text(*px(*node.xy), _LABEL[node.kind], size=15, sub=str(node.step)))
    width = (T + 1) * _UNIT
    body.append(svg.text(width / 2, _TITLE / 2 + 2, t("unroll.title", T=T), size=13))
    return svg.svg(width, _TITLE + (top + 0.5) * _UNIT, body, "rnn-unroll-svg")


def draw_unrolled(T: int, highlight: int | None = None, outputs: bool = True) -> svg.Drawing:
    """The unrolled graph as a picture for the notebook (its markup: `unrolled_svg`)."""
    return svg.Drawing(unrolled_svg(T, highlight, outputs), t("unroll.text", T=T))


def pattern_layout(name: str) -> dict:
    """Which columns of a pattern read an input and which emit an output (1-based).

    "fed_back" lists (from, to): the output of column `from` is the input of column `to`
    (generation feeds its own outputs back); "start" lists the columns that read a start
    token (a decoder's first step).
    """
    if name not in PATTERNS:
        raise ValueError(t("unroll.pattern", name=name, choices=", ".join(PATTERNS)))
    return {
        "one-to-many": {"columns": 4, "inputs": [1], "outputs": [1, 2, 3, 4],
                        "fed_back": [(1, 2), (2, 3), (3, 4)], "start": []},
        "many-to-one": {"columns": 4, "inputs": [1, 2, 3, 4], "outputs": [4],
                        "fed_back": [], "start": []},
        "many-to-many": {"columns": 4, "inputs": [1, 2, 3, 4], "outputs": [1, 2, 3, 4],
                         "fed_back": [], "start": []},
        "seq2seq": {"columns": 6, "inputs": [1, 2, 3], "outputs": [4, 5, 6],
                    "fed_back": [(4, 5), (5, 6)], "start": [4]},
    }[name]


def _box(ax, col: float, y: float, kind: str, gid: str, dashed: bool = False) -> None:
    ax.add_patch(Rectangle((col - 0.3, y), 0.6, 0.6, facecolor="white" if dashed else
                           _COLORS[kind], edgecolor="black", linewidth=0.8,
                           linestyle="--" if dashed else "-", gid=gid))


def _arrow(ax, start, end, dashed: bool = False, **style) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=8,
                                 linestyle="--" if dashed else "-", **style))


def draw_pattern(name: str, ax) -> None:
    """Draw one input/output pattern on `ax`: orange inputs, grey states, blue outputs; an
    output fed back as the next input is a dashed box with a dashed arrow; "s" marks a
    start token."""
    layout = pattern_layout(name)
    n = layout["columns"]
    fed = {to: source for source, to in layout["fed_back"]}
    for col in range(1, n + 1):
        _box(ax, col, 0.7, "h", f"h:{col}")
        if col > 1:
            _arrow(ax, (col - 0.7, 1.0), (col - 0.3, 1.0))
        if col in layout["inputs"]:
            _box(ax, col, -0.6, "x", f"x:{col}")
        if col in fed or col in layout["start"]:
            _box(ax, col, -0.6, "x", f"{'fed' if col in fed else 'start'}:{col}", dashed=True)
            if col in layout["start"]:
                ax.text(col, -0.3, "s", ha="center", va="center", fontsize=8)
        if col in layout["inputs"] or col in fed or col in layout["start"]:
            _arrow(ax, (col, 0.0), (col, 0.7))
        if col in layout["outputs"]:
            _box(ax, col, 2.0, "y", f"y:{col}")
            _arrow(ax, (col, 1.3), (col, 2.0))
    for source, to in layout["fed_back"]:  # the output of `source` becomes the input of `to`
        _arrow(ax, (source + 0.3, 2.3), (to - 0.3, -0.3), dashed=True, color="#555",
               connectionstyle="arc3,rad=-0.25")
    ax.set_xlim(0.4, n + 0.6)
    ax.set_ylim(-0.8, 2.8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(t(f"pattern.{name}"), fontsize=10)


def draw_patterns(names=PATTERNS) -> Figure:
    """The patterns side by side, one panel each, with a legend; labels in the active
    language."""
    names = [names] if isinstance(names, str) else list(names)  # one name, not its letters
    for name in names:
        pattern_layout(name)  # validate before drawing anything
    widths = [pattern_layout(name)["columns"] for name in names]
    fig, axes = plt.subplots(1, len(names), figsize=(0.5 + 0.55 * sum(widths), 2.7),
                             gridspec_kw={"width_ratios": widths}, squeeze=False)
    for ax, name in zip(axes[0], names):
        draw_pattern(name, ax)
    handles = [Rectangle((0, 0), 1, 1, facecolor=_COLORS[k], edgecolor="black", linewidth=0.8)
               for k in ("x", "h", "y")]
    handles.append(Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="black",
                             linewidth=0.8, linestyle="--"))
    labels = [t("pattern.input"), t("pattern.state"), t("pattern.output"), t("pattern.fed")]
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.1, 1, 0.95))
    return fig


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "unroll.T": {
        "pt": "T (comprimento da sequência) deve ser um inteiro entre 1 e {max_T}, não {T!r}.",
        "en": "T (sequence length) must be an integer between 1 and {max_T}, not {T!r}.",
    },
    "unroll.highlight": {
        "pt": "O passo destacado deve estar entre 1 e T = {T}, não {t!r}.",
        "en": "The highlighted step must be between 1 and T = {T}, not {t!r}.",
    },
    "unroll.pattern": {
        "pt": "Padrão desconhecido: {name!r}. Use um destes: {choices}.",
        "en": "Unknown pattern: {name!r}. Use one of: {choices}.",
    },
    "unroll.title": {"pt": "A RNN desenrolada em T = {T} passos",
                     "en": "The RNN unrolled over T = {T} steps"},
    "unroll.text": {"pt": "Grafo desenrolado (T = {T})", "en": "Unrolled graph (T = {T})"},
    "pattern.one-to-many": {"pt": "um-para-muitos", "en": "one-to-many"},
    "pattern.many-to-one": {"pt": "muitos-para-um", "en": "many-to-one"},
    "pattern.many-to-many": {"pt": "muitos-para-muitos", "en": "many-to-many"},
    "pattern.seq2seq": {"pt": "sequência para sequência", "en": "sequence to sequence"},
    "pattern.input": {"pt": "entrada", "en": "input"},
    "pattern.state": {"pt": "estado oculto", "en": "hidden state"},
    "pattern.output": {"pt": "saída", "en": "output"},
    "pattern.fed": {"pt": "saída anterior como entrada (s = início)",
                    "en": "previous output as input (s = start)"},
})
