"""The hidden-state stepper: walk through a recorded pass of an RNN one step at a time.

Model/view split, as in the ipywidgets tutorial:

* `trace_numpy_rnn` runs the NumPy cell of lesson 01 over one sequence and records a
  `StepTrace` (any other model can record its own trace: lesson 04 does it for a trained
  character model, so nothing here assumes a NumPy cell);
* `StepperState` is the pure state: the current step t (1..T) and `view()`, a plain
  `StepView` of everything the page shows at t;
* `HiddenStateStepper` builds the controls (◀ / ▶, a slider for t, a Play button) and one
  HTML view, re-rendered by value whenever t changes, so no Output widget draws while a
  cell runs. `render_html` is a plain function, so tests check the page without a browser.

Taught in lesson 01 (the stepper on a random cell) and used again in lessons 02 and 04.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np

from .language import register, t
from .numpy_rnn import rnn_step
from .trace import StepTrace
from .widget_text import bundle_with_text, tooltip

register({
    "stepper.t_range": {
        "pt": "O passo t deve ser um inteiro entre 1 e {T}, não {t!r}.",
        "en": "The step t must be an integer between 1 and {T}, not {t!r}.",
    },
    "stepper.not_trace": {
        "pt": "O passo a passo precisa de um StepTrace, não de {kind}.",
        "en": "The stepper needs a StepTrace, not {kind}.",
    },
    "stepper.k": {
        "pt": "k (quantas saídas mostrar) deve ser um inteiro ≥ 1, não {k!r}.",
        "en": "k (how many outputs to show) must be an integer ≥ 1, not {k!r}.",
    },
    "stepper.X": {
        "pt": "X deve ter forma (T, D) com T ≥ 1, mas tem forma {got}.",
        "en": "X should have shape (T, D) with T ≥ 1, but has shape {got}.",
    },
    "stepper.tokens": {
        "pt": "Há {n} rótulos em tokens, mas X tem T = {T} passos.",
        "en": "tokens has {n} labels, but X has T = {T} steps.",
    },
    "stepper.vocab": {
        "pt": "vocab tem {n} rótulos, mas W_hy produz V = {V} saídas.",
        "en": "vocab has {n} labels, but W_hy produces V = {V} outputs.",
    },
    "stepper.text": {
        "pt": "Passo a passo do estado oculto: T={T}, H={H}, t={t}",
        "en": "Hidden-state stepper: T={T}, H={H}, t={t}",
    },
    "stepper.sequence": {"pt": "Sequência", "en": "Sequence"},
    "stepper.step": {"pt": "Passo t = {t} de {T}", "en": "Step t = {t} of {T}"},
    "stepper.input": {"pt": "entrada x_{t}", "en": "input x_{t}"},
    "stepper.h_prev": {"pt": "estado anterior h_{t}", "en": "previous state h_{t}"},
    "stepper.pre": {"pt": "pré-ativação a_{t}", "en": "pre-activation a_{t}"},
    "stepper.h": {"pt": "estado oculto h_{t}", "en": "hidden state h_{t}"},
    "stepper.extra": {"pt": "{name}_{t}", "en": "{name}_{t}"},
    "stepper.top_k": {"pt": "previsão ŷ_{t}: as {k} mais prováveis",
                      "en": "prediction ŷ_{t}: the {k} most likely"},
    "stepper.history": {"pt": "histórico h_1 … h_{t} (colunas = passos, linhas = unidades)",
                        "en": "history h_1 … h_{t} (columns = steps, rows = units)"},
    "stepper.prev": {"pt": "Passo anterior", "en": "Previous step"},
    "stepper.next": {"pt": "Próximo passo", "en": "Next step"},
    "stepper.play": {"pt": "Reproduzir", "en": "Play"},
})


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, shifted by the maximum for numerical stability."""
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def trace_numpy_rnn(tokens, X, h0, W_xh, W_hh, b_h, W_hy=None, b_y=None,
                    vocab=None) -> StepTrace:
    """Run the NumPy cell over ONE sequence and record every step.

    tokens: T labels of the inputs; X (T, D); h0 (H,); W_xh (H, D), W_hh (H, H), b_h (H,);
    optional output layer W_hy (V, H), b_y (V,) (zeros when left out) with `vocab`, V
    labels (default "0" … "V-1"). probs[t-1] = softmax(W_hy h_t + b_y).
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(t("stepper.X", got=tuple(X.shape)))
    T = X.shape[0]
    tokens = list(tokens)
    if len(tokens) != T:
        raise ValueError(t("stepper.tokens", n=len(tokens), T=T))
    h0 = np.asarray(h0, dtype=float)
    if h0.ndim != 1:
        raise ValueError(t("shape.bad", name="h0", expected="(H,)", got=tuple(h0.shape)))
    h = h0[None, :]                                              # (1, H)
    states, pres = [h0], []
    for step in range(T):
        x = X[step][None, :]                                     # (1, D)
        h_next = rnn_step(x, h, W_xh, W_hh, b_h)                 # (1, H), checks every shape
        pre = x @ np.asarray(W_xh).T + h @ np.asarray(W_hh).T + np.asarray(b_h)  # (1, H)
        states.append(h_next[0])
        pres.append(pre[0])
        h = h_next
    hs = np.stack(states)                                        # (T + 1, H)
    probs = None
    if W_hy is not None:
        W_hy = np.asarray(W_hy, dtype=float)
        H = hs.shape[1]
        if W_hy.ndim != 2 or W_hy.shape[1] != H:
            raise ValueError(t("shape.bad", name="W_hy", expected=f"(V, {H})",
                               got=tuple(W_hy.shape)))
        V = W_hy.shape[0]
        b_y = np.zeros(V) if b_y is None else np.asarray(b_y, dtype=float)
        if b_y.shape != (V,):
            raise ValueError(t("shape.bad", name="b_y", expected=f"({V},)", got=b_y.shape))
        vocab = [str(i) for i in range(V)] if vocab is None else list(vocab)
        if len(vocab) != V:
            raise ValueError(t("stepper.vocab", n=len(vocab), V=V))
        probs = softmax(hs[1:] @ W_hy.T + b_y)                   # (T, V)
    return StepTrace(tokens=tokens, h=hs, pre=np.stack(pres), probs=probs,
                     vocab=vocab if probs is not None else None)


@dataclass
class StepView:
    """What the stepper shows at step t (plain values, no widgets)."""

    t: int
    T: int
    tokens: list[str]
    token: str                                  # x_t, the token read at step t
    h_prev: np.ndarray                          # (H,) h_{t-1}
    h: np.ndarray                               # (H,) h_t
    pre: np.ndarray | None                      # (H,) a_t, when the trace has it
    top_k: list[tuple[str, float]]              # [(label, prob)], empty without probs
    history: np.ndarray                         # (t, H): h_1 … h_t
    extra: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (N,) at step t


class StepperState:
    """The stepper's state: a trace and the current step t (1..T, starts at 1)."""

    def __init__(self, trace: StepTrace, k: int = 5):
        if not isinstance(trace, StepTrace):
            raise TypeError(t("stepper.not_trace", kind=type(trace).__name__))
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
            raise ValueError(t("stepper.k", k=k))
        self.trace = trace
        self.k = int(k)
        self.t = 1

    @property
    def T(self) -> int:
        return self.trace.T

    def go(self, step: int) -> int:
        """Jump to step `step` (1..T); anything else raises ValueError, t unchanged."""
        ok = isinstance(step, (int, np.integer)) and not isinstance(step, bool)
        if not ok or not 1 <= step <= self.T:
            raise ValueError(t("stepper.t_range", T=self.T, t=step))
        self.t = int(step)
        return self.t

    def forward(self) -> int:
        """One step forward; stays at T at the end."""
        return self.go(min(self.t + 1, self.T))

    def back(self) -> int:
        """One step back; stays at 1 at the start."""
        return self.go(max(self.t - 1, 1))

    def view(self) -> StepView:
        tr, step = self.trace, self.t
        return StepView(
            t=step, T=tr.T, tokens=list(tr.tokens), token=tr.tokens[step - 1],
            h_prev=tr.h[step - 1].copy(), h=tr.h[step].copy(),
            pre=None if tr.pre is None else tr.pre[step - 1].copy(),
            top_k=tr.top_k(step, self.k), history=tr.h[1:step + 1].copy(),
            extra={name: values[step].copy() for name, values in tr.extra.items()},
        )


# ---- rendering: plain functions from a StepView to HTML -------------------------------

_CELL = ("display:inline-block;min-width:3.2em;padding:2px 3px;margin:1px;"
         "text-align:center;font-family:monospace;font-size:12px;border-radius:3px;")


def _color(value: float) -> str:
    """CSS colours for a value in [-1, 1] (clipped): blue < 0 < red, white at 0."""
    v = float(np.clip(value, -1.0, 1.0))
    strength = int(round(255 * (1 - abs(v))))
    ink = ";color:white" if abs(v) > 0.6 else ""  # dark cells need light text
    if v >= 0:
        return f"rgb(255,{strength},{strength}){ink}"
    return f"rgb({strength},{strength},255){ink}"


def _label(text: str) -> str:
    return html.escape(text.replace(" ", "␣").replace("\n", "↵"))


def _strip(name: str, values: np.ndarray, css: str) -> str:
    cells = "".join(
        f'<span class="rnn-stepper-unit" style="{_CELL}background:{_color(v)}">{v:+.2f}</span>'
        for v in values)
    return (f'<div class="{css}" style="margin:3px 0"><div style="font-size:12px">'
            f'{html.escape(name)}</div><div style="display:flex;flex-wrap:wrap">{cells}</div>'
            f'</div>')


def _sequence(view: StepView) -> str:
    spans = []
    for i, tok in enumerate(view.tokens, start=1):
        if i == view.t:
            style = "background:#ffd54f;font-weight:bold;outline:1px solid #b28900;"
            css = "rnn-stepper-token rnn-stepper-current"
        else:
            style = "color:#999;" if i > view.t else ""
            css = "rnn-stepper-token"
        spans.append(f'<span class="{css}" style="{_CELL}{style}min-width:1.4em">'
                     f'{_label(tok)}</span>')
    return (f'<div style="font-size:12px">{html.escape(t("stepper.sequence"))}</div>'
            f'<div class="rnn-stepper-sequence">{"".join(spans)}</div>')


def _top_k(view: StepView) -> str:
    rows = []
    for label, p in view.top_k:
        rows.append(
            f'<div class="rnn-stepper-topk-row" style="display:flex;align-items:center;'
            f'font-family:monospace;font-size:12px"><span style="width:4em">{_label(label)}'
            f'</span><span style="display:inline-block;height:10px;width:{200 * p:.1f}px;'
            f'background:#4c72b0;margin-right:6px"></span>{p:.4f}</div>')
    title = t("stepper.top_k", t=view.t, k=len(view.top_k))
    return (f'<div class="rnn-stepper-topk" style="margin:3px 0"><div style="font-size:12px">'
            f'{html.escape(title)}</div>{"".join(rows)}</div>')


def _history(view: StepView, max_cells: int = 600) -> str:
    """A heat map of h_1..h_t: rows are units, columns are steps (values shown when small)."""
    steps, H = view.history.shape
    show_numbers = steps * H <= max_cells and H <= 16
    size = "min-width:2.8em;" if show_numbers else "width:8px;height:8px;padding:0;"
    head = "".join(f'<th style="font-size:11px;font-weight:normal">{_label(tok)}</th>'
                   for tok in view.tokens[:steps]) if show_numbers else ""
    body = []
    for unit in range(H):
        cells = "".join(
            f'<td style="{size}background:{_color(v)};font-family:monospace;font-size:11px;'
            f'text-align:center">{f"{v:+.2f}" if show_numbers else ""}</td>'
            for v in view.history[:, unit])
        body.append(f"<tr>{cells}</tr>")
    return (f'<div class="rnn-stepper-history" style="margin:3px 0"><div style="font-size:12px">'
            f'{html.escape(t("stepper.history", t=view.t))}</div>'
            f'<table style="border-collapse:collapse">'
            f'{"<tr>" + head + "</tr>" if head else ""}{"".join(body)}</table></div>')


def render_html(view: StepView, title: str | None = None) -> str:
    """The stepper's page at step t, as one HTML string (labels in the active language)."""
    step = view.t
    parts = []
    if title:
        parts.append(f"<h4 style='margin:2px 0'>{html.escape(title)}</h4>")
    parts.append(f'<div class="rnn-stepper-t" data-t="{step}" style="font-weight:bold">'
                 f'{html.escape(t("stepper.step", t=step, T=view.T))}</div>')
    parts.append(_sequence(view))
    parts.append(f'<div style="font-size:12px;margin-top:3px">'
                 f'{html.escape(t("stepper.input", t=step))}: <b>{_label(view.token)}</b></div>')
    parts.append(_strip(t("stepper.h_prev", t=step - 1), view.h_prev, "rnn-stepper-hprev"))
    if view.pre is not None:
        parts.append(_strip(t("stepper.pre", t=step), view.pre, "rnn-stepper-pre"))
    parts.append(_strip(t("stepper.h", t=step), view.h, "rnn-stepper-h"))
    for name, values in view.extra.items():
        parts.append(_strip(t("stepper.extra", name=name, t=step), values,
                            f"rnn-stepper-extra-{html.escape(name)}"))
    if view.top_k:
        parts.append(_top_k(view))
    parts.append(_history(view))
    return "".join(parts)


# ---- the widget: controls wired to the state ------------------------------------------

class HiddenStateStepper:
    """◀ / ▶ buttons, a slider and a Play control for t, and an HTML view of step t.

    Display it as the last expression of a cell. `.state` is the StepperState; `.slider`,
    `.prev_button`, `.next_button`, `.play` and `.view` are the widgets.
    """

    def __init__(self, trace: StepTrace, k: int = 5, title: str | None = None):
        self.state = StepperState(trace, k=k)
        self.title = title
        T = self.state.T
        self.prev_button = widgets.Button(description="◀", tooltip=t("stepper.prev"),
                                          layout=widgets.Layout(width="3em"))
        self.next_button = widgets.Button(description="▶", tooltip=t("stepper.next"),
                                          layout=widgets.Layout(width="3em"))
        self.slider = widgets.IntSlider(value=1, min=1, max=T, step=1, description="t",
                                        continuous_update=True)
        self.play = widgets.Play(value=1, min=1, max=T, step=1, interval=900,
                                 description=t("stepper.play"), **tooltip(t("stepper.play")))
        widgets.jslink((self.play, "value"), (self.slider, "value"))
        self.view = widgets.HTML()
        self.prev_button.add_class("rnn-stepper-prev")
        self.next_button.add_class("rnn-stepper-next")
        self.slider.add_class("rnn-stepper-slider")
        self.play.add_class("rnn-stepper-play")
        self.view.add_class("rnn-stepper-view")
        controls = widgets.HBox([self.play, self.prev_button, self.slider, self.next_button])
        self.widget = widgets.VBox([controls, self.view])
        self.widget.add_class("rnn-stepper")
        self.slider.observe(self._on_slider, names="value")
        self.prev_button.on_click(lambda _: self._move(self.state.back))
        self.next_button.on_click(lambda _: self._move(self.state.forward))
        self._refresh()

    def _move(self, action) -> None:
        self.slider.value = action()  # the slider's observer refreshes the view

    def _on_slider(self, change) -> None:
        self.state.go(change["new"])
        self._refresh()

    def _refresh(self) -> None:
        step = self.state.t
        self.prev_button.disabled = step == 1
        self.next_button.disabled = step == self.state.T
        self.view.value = render_html(self.state.view(), self.title)

    def go(self, step: int) -> None:
        """Move to step `step` from code (the slider follows)."""
        self.state.go(step)
        self.slider.value = self.state.t
        self._refresh()

    @property
    def t(self) -> int:
        return self.state.t

    def __repr__(self) -> str:
        return t("stepper.text", T=self.state.T, H=self.state.trace.H, t=self.state.t)

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, repr(self), **kwargs)
