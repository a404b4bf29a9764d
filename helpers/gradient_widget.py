"""The spectral-radius widget: a slider for ρ(W_hh) and the plot of ‖∂h_T/∂h_{T-d}‖.

Model/view split, as in the ipywidgets tutorial: `GradientFlow` holds the state (a fixed
recurrent matrix scaled to the chosen spectral radius: the lesson passes its own matrix and
inputs, so the widget shows the lesson's numbers) and computes the norms and
the picture, with no widgets; `GradientWidget` only builds the slider, the image and the
summary line and wires them. The picture is PNG bytes in an `Image` widget (no `Output`
widget), so the notebook cell's only output is the widget. Taught in lesson 03.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

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
    "gradflow.ylabel": {"pt": r"$\|\partial h_T/\partial h_t\|_2$ (escala log)",
                        "en": r"$\|\partial h_T/\partial h_t\|_2$ (log scale)"},
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
        self.U, self.T, self.d = U, len(U), d                            # U: (T, H)
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

    def figure(self) -> Figure:
        """The plot, as a matplotlib Figure that is not attached to pyplot."""
        fig = Figure(figsize=(6, 3.4), dpi=90, layout="constrained")
        ax = fig.add_subplot()
        distances = np.arange(1, self.T + 1)
        ax.semilogy(distances, self.linear, "-", label=t("gradflow.linear"))
        ax.semilogy(distances, self.tanh, "--", label=t("gradflow.tanh"))
        ax.axvline(self.d, color="gray", lw=0.8, ls=":")
        ax.set_ylim(1e-14, 1e14)  # fixed, so moving the slider moves the curves
        ax.set_xlabel(t("gradflow.xlabel"))
        ax.set_ylabel(t("gradflow.ylabel"))
        ax.set_title(f"ρ = {self.radius:.2f}")
        ax.legend(loc="lower left")
        return fig

    def png(self) -> bytes:
        """The plot as PNG bytes, for an Image widget."""
        buffer = io.BytesIO()
        self.figure().savefig(buffer, format="png")
        return buffer.getvalue()


class GradientWidget:
    """A FloatSlider for ρ, the plot (Image) and a summary line (HTML). Display it last."""

    def __init__(self, flow: GradientFlow | None = None):
        self.flow = flow or GradientFlow()
        self.slider = widgets.FloatSlider(
            value=self.flow.radius, min=0.1, max=2.0, step=0.05, readout_format=".2f",
            description=t("gradflow.slider"), continuous_update=False,
            style={"description_width": "initial"}, layout=widgets.Layout(width="480px"))
        self.slider.add_class("rnn-gradient-slider")
        self.image = widgets.Image(value=self.flow.png(), format="png",
                                   layout=widgets.Layout(width="540px"))  # natural size
        self.view = widgets.HTML(self.flow.summary_html())
        self.view.add_class("rnn-gradient-view")
        self.widget = widgets.VBox([self.slider, self.image, self.view])
        self.widget.add_class("rnn-gradient-widget")
        self.slider.observe(self._on_change, names="value")

    def _on_change(self, change) -> None:
        self.flow.set_radius(change["new"])
        self.image.value = self.flow.png()
        self.view.value = self.flow.summary_html()

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, self.flow.text(), **kwargs)


def gradient_widget(radius: float = 1.0, base=None, U=None) -> GradientWidget:
    """Build the spectral-radius widget (what lesson 03 calls, with its `base` and `U`)."""
    return GradientWidget(GradientFlow(radius, base=base, U=U))
