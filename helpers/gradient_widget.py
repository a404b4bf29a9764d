"""The spectral-radius widget: a slider for ρ(W_hh) and the plot of ‖∂h_T/∂h_{T-d}‖.

State → render → widget, as in the ipywidgets tutorial: `GradientFlow` holds the state (a
fixed recurrent matrix scaled to the chosen spectral radius: the lesson passes its own
matrix and inputs, so the widget shows the lesson's numbers) and computes the norms, with
no widgets; `gradient_svg(flow)` draws the plot as SVG (about a millisecond, so the slider
follows a hand without lag); `GradientWidget` only builds the slider, the plot and the
summary line (HTML widgets, no `Output`) and wires them. Taught in lesson 03.
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np

from . import svg
from .checks import int_in_range
from .gradients import state_jacobian_norms, tanh_states, with_spectral_radius
from .language import register, t
from .widget_text import bundle_with_text

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
    "gradflow.text": {
        "pt": "Controle do raio espectral (ρ = {radius}, norma na distância {d}: {linear})",
        "en": "Spectral radius control (ρ = {radius}, norm at distance {d}: {linear})",
    },
    "gradflow.xlabel": {"pt": "distância T − t", "en": "distance T − t"},
    "gradflow.ylabel": {"pt": "‖∂h_T/∂h_t‖₂ (escala log)",
                        "en": "‖∂h_T/∂h_t‖₂ (log scale)"},
    "gradflow.linear": {"pt": "regime linear", "en": "linear regime"},
    "gradflow.tanh": {"pt": "com tanh", "en": "with tanh"},
})


class GradientFlow:
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
        return float((self.linear if regime == "linear" else self.tanh)[d - 1])

    @property
    def verdict(self) -> str:
        if self.radius < 0.95:
            return t("gradflow.vanishes")
        return t("gradflow.explodes") if self.radius > 1.05 else t("gradflow.keeps")

    def summary_html(self) -> str:
        """The line under the plot: ρ, both norms at distance d and a verdict."""
        return t("gradflow.summary", radius=f"{self.radius:.2f}", d=self.d,
                 linear=f"{self.norm_at(self.d):.2e}",
                 tanh=f"{self.norm_at(self.d, 'tanh'):.2e}", verdict=html.escape(self.verdict))

    def text(self) -> str:
        """A stable one-line description (the widget's text/plain form)."""
        return t("gradflow.text", radius=f"{self.radius:.2f}", d=self.d,
                 linear=f"{self.norm_at(self.d):.2e}")


# The plot's frame in pixels, and its fixed y range (10^-14 … 10^14): moving the slider
# moves the curves, never the axes.
_W, _H = 560, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 78, 16, 30, 46
_LOG_MIN, _LOG_MAX = -14, 14
_LINEAR, _TANH = "#0072B2", "#D55E00"  # blue and vermilion: apart for every colour vision
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def gradient_svg(flow: GradientFlow) -> str:
    """The plot of both norms against the distance T − t, on a log scale, as SVG."""
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def px(distance: float, norm: float) -> tuple[float, float]:
        exponent = math.log10(norm) if norm > 0 else _LOG_MIN - 1  # 0 falls off the bottom
        exponent = min(max(exponent, _LOG_MIN - 1), _LOG_MAX + 1)   # the clip hides the rest
        x = _LEFT + (distance - 1) / max(flow.T - 1, 1) * width
        return x, _TOP + (_LOG_MAX - exponent) / (_LOG_MAX - _LOG_MIN) * height

    body = [svg.clip_rect("rnn-gradient-clip", _LEFT, _TOP, width, height),
            svg.rect(_LEFT, _TOP, width, height, "white", "#444")]
    for exponent in range(_LOG_MIN + 2, _LOG_MAX, 4):                # 10^-12 … 10^12
        _, y = px(1, 10.0 ** exponent)
        body.append(svg.line(_LEFT, y, _LEFT + width, y, "#ddd", 0.8))
        body.append(svg.text(_LEFT - 6, y, "10" + str(exponent).translate(_SUPERSCRIPT),
                             size=11, anchor="end"))
    step = 5 if flow.T <= 30 else 10
    for distance in [1, *range(step, flow.T + 1, step)]:
        x, _ = px(distance, 1.0)
        body.append(svg.line(x, _TOP + height, x, _TOP + height + 4, "#444", 0.8))
        body.append(svg.text(x, _TOP + height + 14, str(distance), size=11))
    x_d, _ = px(flow.d, 1.0)
    body.append(svg.line(x_d, _TOP, x_d, _TOP + height, "#888", 1.0, dash="2 3"))
    distances = range(1, flow.T + 1)
    body.append(svg.polyline([px(d, v) for d, v in zip(distances, flow.linear)], _LINEAR,
                             clip="rnn-gradient-clip"))
    body.append(svg.polyline([px(d, v) for d, v in zip(distances, flow.tanh)], _TANH,
                             dash="6 4", clip="rnn-gradient-clip"))
    right = _LEFT + width
    for label, color, dash in [(t("gradflow.tanh"), _TANH, "6 4"),
                               (t("gradflow.linear"), _LINEAR, "")]:  # legend, right to left
        body.append(svg.text(right, _TOP - 14, label, size=12, anchor="end"))
        right -= 6.3 * len(label) + 8
        body.append(svg.line(right - 26, _TOP - 14, right, _TOP - 14, color, 1.8, dash=dash))
        right -= 36
    body.append(svg.text(_LEFT, _TOP - 14, f"ρ = {flow.radius:.2f}", size=13, anchor="start",
                         ident="rnn-gradient-title", bold=True))
    body.append(svg.text(_LEFT + width / 2, _H - 12, t("gradflow.xlabel"), size=12))
    body.append(svg.text(18, _TOP + height / 2, t("gradflow.ylabel"), size=12, rotate=-90))
    return svg.svg(_W, _H, body, "rnn-gradient-svg")


class GradientWidget:
    """A FloatSlider for ρ, the plot and a summary line (both HTML). Display it last."""

    def __init__(self, flow: GradientFlow | None = None):
        self.flow = flow or GradientFlow()
        self.slider = widgets.FloatSlider(
            value=self.flow.radius, min=0.1, max=2.0, step=0.05, readout_format=".2f",
            description=t("gradflow.slider"), continuous_update=False,
            style={"description_width": "initial"}, layout=widgets.Layout(width="480px"))
        self.slider.add_class("rnn-gradient-slider")
        self.plot = widgets.HTML(gradient_svg(self.flow))
        self.plot.add_class("rnn-gradient-plot")
        self.view = widgets.HTML(self.flow.summary_html())
        self.view.add_class("rnn-gradient-view")
        self.widget = widgets.VBox([self.slider, self.plot, self.view])
        self.widget.add_class("rnn-gradient-widget")
        self.slider.observe(self._on_change, names="value")

    def _on_change(self, change) -> None:
        self.flow.set_radius(change["new"])
        self.plot.value = gradient_svg(self.flow)
        self.view.value = self.flow.summary_html()

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, self.flow.text(), **kwargs)


def gradient_widget(radius: float = 1.0, base=None, U=None) -> GradientWidget:
    """Build the spectral-radius widget (what lesson 03 calls, with its `base` and `U`)."""
    return GradientWidget(GradientFlow(radius, base=base, U=U))
