"""The hidden-state stepper: walk through a recorded pass of an RNN one step at a time.

Model/view split, as in the ipywidgets tutorial:

* it reads a `StepTrace`, a recorded pass of any model (`helpers.scratch.numpy_rnn.
  trace_numpy_rnn` records the NumPy cell of lesson 01; lesson 04 records a trained
  character model; `helpers.models.gated.trace_layer` any nn.RNN, nn.LSTM or nn.GRU), so
  nothing here assumes one kind of cell: an LSTM's or a GRU's page also shows its gates
  (white = closed, green = open) and c_t — the gate stepper of lesson 05;
* `StepperState` is the pure state: the current step t (1..T) and `view()`, a plain
  `StepView` of everything the page shows at t;
* `StepperWidget` builds the controls (◀ / ▶, a slider for t, a Play button) and one
  HTML view, re-rendered by value whenever t changes, so no Output widget draws while a
  cell runs. `render_stepper` is a plain function, so tests check the page without a browser.

Taught in lesson 01 (the stepper on a random cell) and used again in lessons 02, 04 and 05.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np

from ..core.checks import is_int, text
from ..core.language import register, t
from ..core.trace import StepTrace
from .cells import (
    GATE_ORDER,
    HISTORY_ROWS,
    SIGMOID_GATES,
    history_table,
    html_label,
    sequence_row,
    top_k_rows,
    value_strip,
)
from .display import bundle_with_text, tooltip


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
    gates: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (H,) at step t


class StepperState:
    """The stepper's state: a trace and the current step t (1..T, starts at 1)."""

    def __init__(self, trace: StepTrace, k: int = 5):
        if not isinstance(trace, StepTrace):
            raise TypeError(t("stepper.not_trace", kind=type(trace).__name__))
        if not is_int(k) or k < 1:
            raise ValueError(t("stepper.k", k=k))
        self.trace = trace
        self.k = int(k)
        self.t = 1

    @property
    def T(self) -> int:
        return self.trace.T

    def go(self, step: int) -> int:
        """Jump to step `step` (1..T); anything else raises ValueError, t unchanged."""
        if not is_int(step) or not 1 <= step <= self.T:
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
            gates={name: values[step - 1].copy() for name, values in tr.gates.items()},
        )


# ---- rendering: plain functions from a StepView to HTML -------------------------------

def render_stepper(state: StepperState, title: str | None = None) -> str:
    """The stepper's page at step t, as one HTML string (labels in the active language)."""
    view = state.view()
    step = view.t
    parts = []
    if title:
        parts.append(f"<h4 style='margin:2px 0'>{html.escape(title)}</h4>")
    parts.append(f'<div class="rnn-stepper-t" data-t="{step}" style="font-weight:bold">'
                 f'{html.escape(t("stepper.step", t=step, T=view.T))}</div>')
    parts.append(sequence_row(view.tokens, step, t("stepper.sequence")))
    label = html.escape(t("stepper.input", t=step))
    parts.append(f'<div style="font-size:12px;margin-top:3px">'
                 f'{label}: <b>{html_label(view.token)}</b></div>')
    parts.append(value_strip(t("stepper.h_prev", t=step - 1), view.h_prev, "rnn-stepper-hprev"))
    if view.pre is not None:
        parts.append(value_strip(t("stepper.pre", t=step), view.pre, "rnn-stepper-pre"))
    for name in sorted(view.gates, key=GATE_ORDER.index):  # f, i, g, o or r, z, n
        parts.append(value_strip(t(f"stepper.gate_{name}", t=step), view.gates[name],
                                 f"rnn-stepper-gate-{name}", gate=name in SIGMOID_GATES))
    for name, values in view.extra.items():
        key = "stepper.c" if name == "c" else "stepper.extra"
        parts.append(value_strip(t(key, name=name, t=step), values,
                                 f"rnn-stepper-extra-{html.escape(name)}"))
    parts.append(value_strip(t("stepper.h", t=step), view.h, "rnn-stepper-h"))
    if view.top_k:
        parts.append(top_k_rows(view.top_k, t("stepper.top_k", t=view.t, k=len(view.top_k))))
    first = max(1, step - HISTORY_ROWS + 1)  # the history shows h_first … h_t
    parts.append(history_table(view.history, view.tokens,
                               t("stepper.history", first=first, t=step)))
    # An HTML widget's text inherits a 28 px line height from ipywidgets; a tighter one
    # keeps the whole page on a 1280 × 720 projector.
    return f'<div class="rnn-stepper-page" style="line-height:1.3">{"".join(parts)}</div>'


# ---- the widget: controls wired to the state ------------------------------------------

class StepperWidget:
    """◀ / ▶ buttons, a slider and a Play control for t, and an HTML view of step t.

    Display it as the last expression of a cell. `.state` is the StepperState; `.slider`,
    `.prev_button`, `.next_button`, `.play` and `.view` are the widgets.
    """

    def __init__(self, trace: StepTrace, k: int = 5, title: str | None = None):
        self.state = StepperState(trace, k=k)
        self.title = text("title", title, allow_none=True)
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
        self.view.value = render_stepper(self.state, self.title)

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


# ---- messages (both languages; looked up with t() when a message is shown) ----

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
    "stepper.c": {"pt": "estado da célula c_{t}", "en": "cell state c_{t}"},
    "stepper.gate_f": {"pt": "porta de esquecimento f_{t}", "en": "forget gate f_{t}"},
    "stepper.gate_i": {"pt": "porta de entrada i_{t}", "en": "input gate i_{t}"},
    "stepper.gate_g": {"pt": "candidata g_{t}", "en": "candidate g_{t}"},
    "stepper.gate_o": {"pt": "porta de saída o_{t}", "en": "output gate o_{t}"},
    "stepper.gate_r": {"pt": "porta de reinicialização r_{t}", "en": "reset gate r_{t}"},
    "stepper.gate_z": {"pt": "porta de atualização z_{t}", "en": "update gate z_{t}"},
    "stepper.gate_n": {"pt": "candidata n_{t}", "en": "candidate n_{t}"},
    "stepper.top_k": {"pt": "previsão ŷ_{t}: as {k} mais prováveis",
                      "en": "prediction ŷ_{t}: the {k} most likely"},
    "stepper.history": {"pt": "histórico h_{first} … h_{t} (uma linha por passo; colunas = "
                              "unidades, como em h_{t})",
                        "en": "history h_{first} … h_{t} (one row per step; columns = units, "
                              "as in h_{t})"},
    "stepper.prev": {"pt": "Passo anterior", "en": "Previous step"},
    "stepper.next": {"pt": "Próximo passo", "en": "Next step"},
    "stepper.play": {"pt": "Reproduzir", "en": "Play"},
})
