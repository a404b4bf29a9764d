"""Diagrams of lesson 02, drawn by code: the unrolled graph and the input/output patterns.

* `unrolled_layout(T)` says where every node and arrow of the graph unrolled over T steps
  goes (plain data, tested without drawing); `draw_unrolled(T, highlight=t)` draws it with
  matplotlib, the same W_xh, W_hh, W_hy on every column, step t highlighted.
* `pattern_layout(name)` and `draw_patterns()` show one-to-many, many-to-one, many-to-many
  and sequence-to-sequence: which steps read an input and which emit an output.
* `UnrollExplorer` is the widget: an IntSlider for T and an Image holding the PNG of the
  graph, redrawn by value; `follow(stepper)` keeps its highlight on a stepper's step t.

Taught in lesson 02.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from .language import register, t
from .widget_text import bundle_with_text

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
})

MAX_T = 12
PATTERNS = ("one-to-many", "many-to-one", "many-to-many", "seq2seq")
WEIGHTS = ("W_xh", "W_hh", "W_hy")
_TEX = {"W_xh": r"$W_{xh}$", "W_hh": r"$W_{hh}$", "W_hy": r"$W_{hy}$"}
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


def _check_T(T, max_T: int = MAX_T) -> int:
    if isinstance(T, bool) or not isinstance(T, int) or not 1 <= T <= max_T:
        raise ValueError(t("unroll.T", T=T, max_T=max_T))
    return T


def unrolled_layout(T: int, outputs: bool = True) -> Graph:
    """Nodes and arrows of the cell unrolled over T steps: h_0, then one column per step."""
    T = _check_T(T)
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


def _tex(name: str) -> str:
    kind, step = name.split("_")
    return rf"$\hat y_{{{step}}}$" if kind == "y" else rf"${kind}_{{{step}}}$"


def draw_unrolled(T: int, highlight: int | None = None, outputs: bool = True,
                  ax=None) -> Figure:
    """Draw the graph unrolled over T steps; `highlight` (1..T) shades column t.

    Every node patch gets gid "node:<name>" and every weight label gid "weight:<W>:<t>",
    so tests (and curious readers) can find them in the figure.
    """
    graph = unrolled_layout(T, outputs)
    if highlight is not None and (isinstance(highlight, bool) or not isinstance(highlight, int)
                                  or not 1 <= highlight <= T):
        raise ValueError(t("unroll.highlight", T=T, t=highlight))
    if ax is None:
        fig, ax = plt.subplots(figsize=(1.2 + 1.25 * T, 3.2 if outputs else 2.3))
    fig = ax.figure
    where = {node.name: node.xy for node in graph.nodes}
    if highlight is not None:
        top = 2.45 if outputs else 1.45
        ax.add_patch(Rectangle((highlight - 0.45, -0.45), 0.9, top + 0.45, color="#fff2b3",
                               zorder=0, gid=f"highlight:{highlight}"))
    for node in graph.nodes:
        x, y = node.xy
        box = Rectangle((x - 0.25, y - 0.22), 0.5, 0.44, facecolor=_COLORS[node.kind],
                        edgecolor="black", linewidth=1.5 if node.step == highlight else 0.8,
                        zorder=2, gid=f"node:{node.name}")
        ax.add_patch(box)
        ax.text(x, y, _tex(node.name), ha="center", va="center", fontsize=11, zorder=3)
    for edge in graph.edges:
        (x0, y0), (x1, y1) = where[edge.source], where[edge.target]
        horizontal = edge.weight == "W_hh"
        start = (x0 + 0.25, y0) if horizontal else (x0, y0 + 0.22)
        end = (x1 - 0.25, y1) if horizontal else (x1, y1 - 0.22)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=10,
                                     linewidth=0.9, zorder=1))
        step = edge.target.split("_")[1]
        if horizontal:
            label_xy, align = ((x0 + x1) / 2, y0 + 0.1), {"ha": "center", "va": "bottom"}
        else:
            label_xy, align = (x0 + 0.05, (y0 + y1) / 2), {"ha": "left", "va": "center"}
        ax.text(*label_xy, _TEX[edge.weight], fontsize=8, color="#444", zorder=3,
                gid=f"weight:{edge.weight}:{step}", **align)
    ax.set_xlim(-0.5, T + 0.5)
    ax.set_ylim(-0.5, 2.5 if outputs else 1.5)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(t("unroll.title", T=T), fontsize=10)
    return fig


def pattern_layout(name: str) -> dict:
    """Which columns of a pattern read an input and which emit an output (1-based)."""
    if name not in PATTERNS:
        raise ValueError(t("unroll.pattern", name=name, choices=", ".join(PATTERNS)))
    return {
        "one-to-many": {"columns": 4, "inputs": [1], "outputs": [1, 2, 3, 4]},
        "many-to-one": {"columns": 4, "inputs": [1, 2, 3, 4], "outputs": [4]},
        "many-to-many": {"columns": 4, "inputs": [1, 2, 3, 4], "outputs": [1, 2, 3, 4]},
        "seq2seq": {"columns": 6, "inputs": [1, 2, 3], "outputs": [4, 5, 6]},
    }[name]


def draw_pattern(name: str, ax) -> None:
    """Draw one input/output pattern on `ax`: orange inputs, grey states, blue outputs."""
    layout = pattern_layout(name)
    n = layout["columns"]
    for col in range(1, n + 1):
        ax.add_patch(Rectangle((col - 0.3, 0.7), 0.6, 0.6, facecolor=_COLORS["h"],
                               edgecolor="black", linewidth=0.8, gid=f"h:{col}"))
        if col > 1:
            ax.add_patch(FancyArrowPatch((col - 1.3 + 0.6, 1.0), (col - 0.3, 1.0),
                                         arrowstyle="-|>", mutation_scale=8))
        if col in layout["inputs"]:
            ax.add_patch(Rectangle((col - 0.3, -0.6), 0.6, 0.6, facecolor=_COLORS["x"],
                                   edgecolor="black", linewidth=0.8, gid=f"x:{col}"))
            ax.add_patch(FancyArrowPatch((col, 0.0), (col, 0.7), arrowstyle="-|>",
                                         mutation_scale=8))
        if col in layout["outputs"]:
            ax.add_patch(Rectangle((col - 0.3, 2.0), 0.6, 0.6, facecolor=_COLORS["y"],
                                   edgecolor="black", linewidth=0.8, gid=f"y:{col}"))
            ax.add_patch(FancyArrowPatch((col, 1.3), (col, 2.0), arrowstyle="-|>",
                                         mutation_scale=8))
    ax.set_xlim(0.4, n + 0.6)
    ax.set_ylim(-0.8, 2.8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(t(f"pattern.{name}"), fontsize=10)


def draw_patterns(names=PATTERNS) -> Figure:
    """The patterns side by side, one panel each, titles in the active language."""
    names = list(names)
    for name in names:
        pattern_layout(name)  # validate before drawing anything
    widths = [pattern_layout(name)["columns"] for name in names]
    fig, axes = plt.subplots(1, len(names), figsize=(0.5 + 0.55 * sum(widths), 1.9),
                             gridspec_kw={"width_ratios": widths}, squeeze=False)
    for ax, name in zip(axes[0], names):
        draw_pattern(name, ax)
    fig.tight_layout()
    return fig


def figure_png(fig: Figure, dpi: int = 80) -> bytes:
    """The figure as PNG bytes (for an Image widget); the figure is closed afterwards."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


class UnrollExplorer:
    """An IntSlider for T and an Image of the unrolled graph, redrawn when T changes.

    `.slider` and `.image` are the widgets; `.highlight` is the shaded step (or None);
    `follow(stepper)` shades the step a HiddenStateStepper is on, and keeps following it.
    """

    def __init__(self, T: int = 4, max_T: int = 8, highlight: int | None = None):
        _check_T(max_T)
        self.T = _check_T(T, max_T)
        self.highlight = highlight
        self.slider = widgets.IntSlider(value=T, min=1, max=max_T, step=1,
                                        description="T",  # a symbol: the same in both languages
                                        continuous_update=False)
        self.image = widgets.Image(format="png")
        self.slider.add_class("rnn-unroll-slider")
        self.image.add_class("rnn-unroll-image")
        self.widget = widgets.VBox([self.slider, self.image])
        self.widget.add_class("rnn-unroll")
        self.slider.observe(self._on_T, names="value")
        self.redraw()

    def redraw(self) -> None:
        if self.highlight is not None and self.highlight > self.T:
            self.highlight = None  # the highlighted step no longer exists
        self.image.value = figure_png(draw_unrolled(self.T, self.highlight))

    def _on_T(self, change) -> None:
        self.T = _check_T(change["new"], self.slider.max)
        self.redraw()

    def set_highlight(self, step: int | None) -> None:
        if step is not None and (isinstance(step, bool) or not isinstance(step, int)
                                 or not 1 <= step <= self.T):
            raise ValueError(t("unroll.highlight", T=self.T, t=step))
        self.highlight = step
        self.redraw()

    def follow(self, stepper) -> UnrollExplorer:
        """Match the stepper's T and shade its current step, now and whenever it moves.

        Its image gets the CSS class `rnn-unroll-follower`, so a browser test can tell it
        from a free-standing explorer on the same page.
        """
        self.image.add_class("rnn-unroll-follower")
        self.slider.max = max(self.slider.max, stepper.state.T)
        self.slider.value = stepper.state.T
        self.set_highlight(stepper.state.t)
        stepper.slider.observe(self._on_stepper, names="value")
        return self

    def _on_stepper(self, change) -> None:
        # If T was shortened below the stepper's step, shade nothing rather than fail.
        self.highlight = change["new"] if change["new"] <= self.T else None
        self.redraw()

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, t("unroll.text", T=self.T), **kwargs)
