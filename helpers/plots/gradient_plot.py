"""The spectral-radius plot: ‖∂h_T/∂h_{T-d}‖ against the distance d, on a log scale.

Drawn as SVG (`helpers.plots.svg`): redrawing it takes about a millisecond, so the widget
of lesson 03 (`helpers.widgets.gradient`) follows its slider without lag.
"""

from __future__ import annotations

import math

from ..core.language import register, t
from ..core.numbers import num
from . import svg

# The plot's frame in pixels, and its fixed y range (10^-14 … 10^14): moving the slider
# moves the curves, never the axes.
_W, _H = 560, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 78, 16, 30, 46
_LOG_MIN, _LOG_MAX = -14, 14
_LINEAR, _TANH = "#0072B2", "#D55E00"  # blue and vermilion: apart for every colour vision
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def gradient_svg(linear, tanh, radius: float, d: int) -> str:
    """Both norms (T,) against the distance 1 … T, on a fixed log scale, as SVG: the
    linear regime solid, with tanh dashed, the distance d dotted, ρ as the title."""
    T = len(linear)
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def px(distance: float, norm: float) -> tuple[float, float]:
        exponent = math.log10(norm) if norm > 0 else _LOG_MIN - 1  # 0 falls off the bottom
        exponent = min(max(exponent, _LOG_MIN - 1), _LOG_MAX + 1)   # the clip hides the rest
        x = _LEFT + (distance - 1) / max(T - 1, 1) * width
        return x, _TOP + (_LOG_MAX - exponent) / (_LOG_MAX - _LOG_MIN) * height

    body = [svg.clip_rect("rnn-gradient-clip", _LEFT, _TOP, width, height),
            svg.rect(_LEFT, _TOP, width, height, "white", "#444")]
    for exponent in range(_LOG_MIN + 2, _LOG_MAX, 4):                # 10^-12 … 10^12
        _, y = px(1, 10.0 ** exponent)
        body.append(svg.line(_LEFT, y, _LEFT + width, y, "#ddd", 0.8))
        body.append(svg.text(_LEFT - 6, y, "10" + str(exponent).translate(_SUPERSCRIPT),
                             size=11, anchor="end"))
    step = 5 if T <= 30 else 10
    for distance in [1, *range(step, T + 1, step)]:
        x, _ = px(distance, 1.0)
        body.append(svg.line(x, _TOP + height, x, _TOP + height + 4, "#444", 0.8))
        body.append(svg.text(x, _TOP + height + 14, str(distance), size=11))
    x_d, _ = px(d, 1.0)
    body.append(svg.line(x_d, _TOP, x_d, _TOP + height, "#888", 1.0, dash="2 3"))
    distances = range(1, T + 1)
    body.append(svg.polyline([px(d, v) for d, v in zip(distances, linear)], _LINEAR,
                             clip="rnn-gradient-clip"))
    body.append(svg.polyline([px(d, v) for d, v in zip(distances, tanh)], _TANH,
                             dash="6 4", clip="rnn-gradient-clip"))
    right = _LEFT + width
    for label, color, dash in [(t("gradflow.tanh"), _TANH, "6 4"),
                               (t("gradflow.linear"), _LINEAR, "")]:  # legend, right to left
        body.append(svg.text(right, _TOP - 14, label, size=12, anchor="end"))
        right -= 6.3 * len(label) + 8
        body.append(svg.line(right - 26, _TOP - 14, right, _TOP - 14, color, 1.8, dash=dash))
        right -= 36
    body.append(svg.text(_LEFT, _TOP - 14, f"ρ = {num(radius, '.2f')}", size=13, anchor="start",
                         ident="rnn-gradient-title", bold=True))
    body.append(svg.text(_LEFT + width / 2, _H - 12, t("gradflow.xlabel"), size=12))
    body.append(svg.text(18, _TOP + height / 2, t("gradflow.ylabel"), size=12, rotate=-90))
    return svg.svg(_W, _H, body, "rnn-gradient-svg")


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "gradflow.xlabel": {"pt": "distância T − t", "en": "distance T − t"},
    "gradflow.ylabel": {"pt": "‖∂h_T/∂h_t‖₂ (escala log)",
                        "en": "‖∂h_T/∂h_t‖₂ (log scale)"},
    "gradflow.linear": {"pt": "regime linear", "en": "linear regime"},
    "gradflow.tanh": {"pt": "com tanh", "en": "with tanh"},
})
