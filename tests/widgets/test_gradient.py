from helpers.core.numbers import num

"""The spectral-radius widget driven headlessly: move the slider, check what the view shows."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from helpers.core.language import set_language
from helpers.scratch.gradients import (
    spectral_radius,
    state_jacobian_norms,
    tanh_states,
    with_spectral_radius,
)
from helpers.widgets.gradient import GradientState, GradientWidget, gradient_widget, render_plot

SVG = "{http://www.w3.org/2000/svg}"


def curves(markup: str) -> list[list[tuple[float, float]]]:
    """The plotted curves of the SVG (linear, then tanh) as lists of (x, y) pixels."""
    lines = ET.fromstring(markup).iter(f"{SVG}polyline")
    return [[tuple(map(float, p.split(","))) for p in line.get("points").split()]
            for line in lines]


def test_state_scales_the_matrix_to_the_chosen_radius():
    flow = GradientState(0.7)
    assert spectral_radius(flow.W_hh) == pytest.approx(0.7)
    np.testing.assert_allclose(flow.linear, state_jacobian_norms(flow.W_hh, T=flow.T))
    flow.set_radius(1.3)
    assert spectral_radius(flow.W_hh) == pytest.approx(1.3)


def test_a_given_matrix_and_inputs_give_the_lessons_numbers():
    gen = np.random.default_rng(1)
    base, U = gen.normal(size=(6, 6)), gen.normal(size=(12, 6))
    flow = GradientState(0.8, base=base, U=U, d=5)
    W_hh = with_spectral_radius(base, 0.8)
    assert flow.T == 12 and flow.W_hh.shape == (6, 6)
    np.testing.assert_allclose(flow.linear, state_jacobian_norms(W_hh, T=12))
    np.testing.assert_allclose(flow.tanh, state_jacobian_norms(W_hh, tanh_states(W_hh, U)))
    widget = gradient_widget(0.8, base=base, U=np.tile(U, (2, 1)))  # T = 24, d = 20
    widget.slider.value = 1.2
    W_hh = with_spectral_radius(base, 1.2)
    assert f'<b>{num(state_jacobian_norms(W_hh, T=24)[19], ".2e")}</b>' in widget.view.value
    assert f'<b>{num(GradientState(1.2).norm_at(20), ".2e")}</b>' not in widget.view.value


def test_inputs_of_the_wrong_width_are_refused():
    with pytest.raises(ValueError, match="H = 4"):
        GradientState(1.0, base=np.eye(4), U=np.zeros((10, 3)))


def test_the_lesson_claims_at_distance_20():
    flow = GradientState(0.5)
    assert flow.norm_at(20) < 1e-3                    # vanishes
    flow.set_radius(1.5)
    assert flow.norm_at(20) > 1e3                     # explodes in the linear regime
    assert flow.norm_at(20, "tanh") < flow.norm_at(20) * 1e-3  # tanh saturation tames it


def test_moving_the_slider_updates_state_plot_and_summary():
    widget = GradientWidget(GradientState(1.0))
    first_plot = widget.plot.value
    assert "ρ = <b>1,00</b>" in widget.view.value
    assert "se mantém" in widget.view.value
    widget.slider.value = 0.5
    assert widget.state.radius == 0.5
    flow = GradientState(0.5)
    assert f'<b>{num(flow.norm_at(20), ".2e")}</b>' in widget.view.value
    assert f'<b>{num(flow.norm_at(20, "tanh"), ".2e")}</b>' in widget.view.value
    assert "ρ = <b>0,50</b>" in widget.view.value and "desaparece" in widget.view.value
    assert widget.plot.value == render_plot(flow) != first_plot
    widget.slider.value = 1.5
    assert "ρ = <b>1,50</b>" in widget.view.value and "explode" in widget.view.value
    assert f'<b>{num(GradientState(1.5).norm_at(20), ".2e")}</b>' in widget.view.value


def test_the_plot_draws_the_norms_on_a_fixed_log_scale():
    flow = GradientState(0.5)
    linear, tanh = curves(render_plot(flow))
    assert len(linear) == len(tanh) == flow.T
    xs = [x for x, _ in linear]
    assert xs == sorted(xs)                                  # distance 1..T, left to right
    # y is log10 of the norm on a fixed axis: one decade is always the same height.
    per_decade = (linear[-1][1] - linear[0][1]) / (np.log10(flow.linear[0])
                                                   - np.log10(flow.linear[-1]))
    flow.set_radius(1.5)
    again, _ = curves(render_plot(flow))
    assert (again[0][1] - again[-1][1]) == pytest.approx(
        per_decade * (np.log10(flow.linear[-1]) - np.log10(flow.linear[0])), rel=1e-3)
    assert again[-1][1] < again[0][1]                        # exploding: the curve rises
    assert "ρ = 1,50" in "".join(ET.fromstring(render_plot(flow)).itertext())


def test_css_classes_for_the_browser_suite():
    widget = gradient_widget()
    assert "rnn-gradient-widget" in widget.widget._dom_classes
    assert "rnn-gradient-slider" in widget.slider_box._dom_classes
    assert widget.slider_box.children[0] is widget.slider
    assert "rnn-gradient-view" in widget.view._dom_classes


def test_text_form_is_stable_and_follows_the_language():
    set_language("en")
    widget = gradient_widget(0.5)
    bundle = widget._repr_mimebundle_()
    assert bundle["text/plain"] == (
        f"Spectral radius control (ρ = 0.50, norm at distance 20: "
        f"{num(GradientState(0.5).norm_at(20), '.2e')})")
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert widget.slider.description == "spectral radius ρ"
    assert "linear regime" in widget.view.value


def test_the_plot_labels_follow_the_language():
    set_language("en")
    words = " ".join(ET.fromstring(render_plot(GradientState())).itertext())
    assert "linear regime" in words and "with tanh" in words and "distance T − t" in words
    set_language("pt")
    words = " ".join(ET.fromstring(render_plot(GradientState())).itertext())
    assert "regime linear" in words and "com tanh" in words and "escala log" in words


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan")])
def test_a_bad_radius_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="raio espectral"):
        GradientState(bad)


@pytest.mark.parametrize("d", [0, 41, 2.5])
def test_the_quoted_distance_must_be_on_the_plot(d):
    with pytest.raises(ValueError, match=r"d deve ser um inteiro entre 1 e 40"):
        GradientState(1.0, d=d)


def test_a_radius_the_slider_cannot_show_is_refused():
    with pytest.raises(ValueError, match="vai de ρ = 0.1 a ρ = 2.0; recebi ρ = 3.0"):
        gradient_widget(3.0)
