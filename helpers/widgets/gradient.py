"""The spectral-radius widget: a slider for ρ(W_hh) and the plot of ‖∂h_T/∂h_{T-d}‖.

State → render → widget: `GradientState` holds the state (a fixed recurrent matrix scaled
to the chosen spectral radius: the lesson passes its own matrix and inputs, so the widget
shows the lesson's numbers) and computes the norms, with no widgets; `render_gradient`
writes the summary line and `helpers.plots.gradient_plot` draws the plot (SVG, about a
millisecond, so the slider follows a hand without lag); `GradientWidget` only builds the
slider, the plot and the summary line (HTML widgets, no `Output`) and wires them. Taught in
lesson 03.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..core.checks import int_in_range
from ..core.language import register, t
from ..core.numbers import num
from ..plots.gradient_plot import gradient_svg
from ..scratch.gradients import state_jacobian_norms, tanh_states, with_spectral_radius
from .display import bundle_with_text, with_readout


class GradientState:
    """State of the widget: ρ and the norms ‖∂h_T/∂h_{T-d}‖ for d = 1..T (no widgets).

    base: (H, H) matrix to scale (None: a random one from `seed`); U: (T, H) inputs
    driving the tanh run (None: random, spread `input_scale`). H and T come from base
    and U when given. d: the distance quoted in the summary.
    """

    def __init__(self, radius: float = 1.0, H: int = 16, T: int = 40, d: int = 20,
                 seed: int = 0, input_scale: float = 1.0, base=None, U=None):
        gen = np.random.default_rng(seed)
        if base is None:
            base = gen.normal(size=(H, H))
        self.base = with_spectral_radius(base, 1.0)                      # (H, H), ρ = 1
        H = self.base.shape[0]
        U = input_scale * gen.normal(size=(T, H)) if U is None else np.asarray(U, float)
        tanh_states(self.base, U)                                        # checks U is (T, H)
        self.U, self.T = U, len(U)                                       # U: (T, H)
        self.d = int_in_range("d", d, 1, self.T)  # the distance quoted must be plotted
        self.set_radius(radius)

    def set_radius(self, radius: float) -> None:
        """Choose ρ; a non-positive or non-finite value raises ValueError."""
        self.W_hh = with_spectral_radius(self.base, radius)              # (H, H)
        self.radius = float(radius)
        self.linear = state_jacobian_norms(self.W_hh, T=self.T)          # (T,)
        self.tanh = state_jacobian_norms(self.W_hh, tanh_states(self.W_hh, self.U))  # (T,)

    def norm_at(self, d: int, regime: str = "linear") -> float:
        """‖∂h_T/∂h_{T-d}‖ in the "linear" or "tanh" regime."""
        d = int_in_range("d", d, 1, self.T)
        if regime not in ("linear", "tanh"):
            raise ValueError(t("gradflow.regime", regime=regime))
        return float((self.linear if regime == "linear" else self.tanh)[d - 1])

    @property
    def verdict(self) -> str:
        if self.radius < 0.95:
            return t("gradflow.vanishes")
        return t("gradflow.explodes") if self.radius > 1.05 else t("gradflow.keeps")

    def text(self) -> str:
        """A stable one-line description (the widget's text/plain form)."""
        return t("gradflow.text", radius=num(self.radius, ".2f"), d=self.d,
                 linear=num(self.norm_at(self.d), ".2e"))


RADII = (0.1, 2.0)  # the slider's range of ρ


def render_gradient(state: GradientState) -> str:
    """The line under the plot: ρ, both norms at distance d and a verdict (HTML)."""
    return t("gradflow.summary", radius=num(state.radius, ".2f"), d=state.d,
             linear=num(state.norm_at(state.d), ".2e"),
             tanh=num(state.norm_at(state.d, "tanh"), ".2e"), verdict=html.escape(state.verdict))


def render_plot(state: GradientState) -> str:
    """The plot of the state's norms (SVG)."""
    return gradient_svg(state.linear, state.tanh, state.radius, state.d)


class GradientWidget:
    """A FloatSlider for ρ, the plot and a summary line (both HTML). Display it last."""

    def __init__(self, state: GradientState | None = None):
        self.state = state or GradientState()
        low, high = RADII
        if not low <= self.state.radius <= high:  # the slider could not show it
            raise ValueError(t("gradflow.range", low=low, high=high, radius=self.state.radius))
        self.slider = widgets.FloatSlider(
            value=self.state.radius, min=RADII[0], max=RADII[1], step=0.05,
            description=t("gradflow.slider"), continuous_update=False,
            style={"description_width": "initial"}, layout=widgets.Layout(width="480px"))
        self.slider_box = with_readout(self.slider, ".2f")  # + "1,00" beside it
        self.slider_box.add_class("rnn-gradient-slider")
        self.plot = widgets.HTML(render_plot(self.state))
        self.plot.add_class("rnn-gradient-plot")
        self.view = widgets.HTML(render_gradient(self.state))
        self.view.add_class("rnn-gradient-view")
        self.widget = widgets.VBox([self.slider_box, self.plot, self.view])
        self.widget.add_class("rnn-gradient-widget")
        self.slider.observe(self._on_change, names="value")

    def _on_change(self, change) -> None:
        self.state.set_radius(change["new"])
        self.plot.value = render_plot(self.state)
        self.view.value = render_gradient(self.state)

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, self.state.text(), **kwargs)


def gradient_widget(radius: float = 1.0, base=None, U=None) -> GradientWidget:
    """Build the spectral-radius widget (what lesson 03 calls, with its `base` and `U`)."""
    return GradientWidget(GradientState(radius, base=base, U=U))


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "gradflow.slider": {"pt": "raio espectral ρ", "en": "spectral radius ρ"},
    "gradflow.summary": {
        "pt": "ρ = <b>{radius}</b> · distância {d}: ‖∂h_T/∂h_(T−{d})‖ = <b>{linear}</b> "
              "(regime linear), <b>{tanh}</b> (com tanh) · {verdict}",
        "en": "ρ = <b>{radius}</b> · distance {d}: ‖∂h_T/∂h_(T−{d})‖ = <b>{linear}</b> "
              "(linear regime), <b>{tanh}</b> (with tanh) · {verdict}",
    },
    "gradflow.vanishes": {"pt": "no regime linear, o gradiente desaparece",
                          "en": "in the linear regime, the gradient vanishes"},
    "gradflow.explodes": {"pt": "no regime linear, o gradiente explode",
                          "en": "in the linear regime, the gradient explodes"},
    "gradflow.keeps": {"pt": "no regime linear, o gradiente se mantém",
                       "en": "in the linear regime, the gradient holds"},
    "gradflow.range": {
        "pt": "O controle vai de ρ = {low} a ρ = {high}; recebi ρ = {radius}.",
        "en": "The control goes from ρ = {low} to ρ = {high}; got ρ = {radius}.",
    },
    "gradflow.regime": {
        "pt": "regime deve ser \"linear\" ou \"tanh\", não {regime!r}.",
        "en": "regime must be \"linear\" or \"tanh\", not {regime!r}.",
    },
    "gradflow.text": {
        "pt": "Controle do raio espectral (ρ = {radius}, norma na distância {d}: {linear})",
        "en": "Spectral radius control (ρ = {radius}, norm at distance {d}: {linear})",
    },
})
