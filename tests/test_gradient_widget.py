"""The spectral-radius widget driven headlessly: move the slider, check what the view shows."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.gradient_widget import GradientFlow, GradientWidget, gradient_widget
from helpers.gradients import (
    spectral_radius,
    state_jacobian_norms,
    tanh_states,
    with_spectral_radius,
)
from helpers.language import set_language

PNG = b"\x89PNG\r\n\x1a\n"


def test_state_scales_the_matrix_to_the_chosen_radius():
    flow = GradientFlow(0.7)
    assert spectral_radius(flow.W_hh) == pytest.approx(0.7)
    np.testing.assert_allclose(flow.linear, state_jacobian_norms(flow.W_hh, T=flow.T))
    flow.set_radius(1.3)
    assert spectral_radius(flow.W_hh) == pytest.approx(1.3)


def test_a_given_matrix_and_inputs_give_the_lessons_numbers():
    gen = np.random.default_rng(1)
    base, U = gen.normal(size=(6, 6)), gen.normal(size=(12, 6))
    flow = GradientFlow(0.8, base=base, U=U, d=5)
    W_hh = with_spectral_radius(base, 0.8)
    assert flow.T == 12 and flow.W_hh.shape == (6, 6)
    np.testing.assert_allclose(flow.linear, state_jacobian_norms(W_hh, T=12))
    np.testing.assert_allclose(flow.tanh, state_jacobian_norms(W_hh, tanh_states(W_hh, U)))
    widget = gradient_widget(0.8, base=base, U=np.tile(U, (2, 1)))  # T = 24, d = 20
    widget.slider.value = 1.2
    W_hh = with_spectral_radius(base, 1.2)
    assert f"<b>{state_jacobian_norms(W_hh, T=24)[19]:.2e}</b>" in widget.view.value
    assert f"<b>{GradientFlow(1.2).norm_at(20):.2e}</b>" not in widget.view.value


def test_inputs_of_the_wrong_width_are_refused():
    with pytest.raises(ValueError, match="H = 4"):
        GradientFlow(1.0, base=np.eye(4), U=np.zeros((10, 3)))


def test_the_lesson_claims_at_distance_20():
    flow = GradientFlow(0.5)
    assert flow.norm_at(20) < 1e-3                    # vanishes
    flow.set_radius(1.5)
    assert flow.norm_at(20) > 1e3                     # explodes in the linear regime
    assert flow.norm_at(20, "tanh") < flow.norm_at(20) * 1e-3  # tanh saturation tames it


def test_moving_the_slider_updates_state_image_and_summary():
    widget = GradientWidget(GradientFlow(1.0))
    first_image = bytes(widget.image.value)
    assert first_image.startswith(PNG)
    assert "ρ = <b>1.00</b>" in widget.view.value
    assert "se mantém" in widget.view.value
    widget.slider.value = 0.5
    assert widget.flow.radius == 0.5
    flow = GradientFlow(0.5)
    assert f"<b>{flow.norm_at(20):.2e}</b>" in widget.view.value
    assert f"<b>{flow.norm_at(20, 'tanh'):.2e}</b>" in widget.view.value
    assert "ρ = <b>0.50</b>" in widget.view.value and "desaparece" in widget.view.value
    assert bytes(widget.image.value).startswith(PNG) and bytes(widget.image.value) != first_image
    widget.slider.value = 1.5
    assert "ρ = <b>1.50</b>" in widget.view.value and "explode" in widget.view.value
    assert f"<b>{GradientFlow(1.5).norm_at(20):.2e}</b>" in widget.view.value


def test_css_classes_for_the_browser_suite():
    widget = gradient_widget()
    assert "rnn-gradient-widget" in widget.widget._dom_classes
    assert "rnn-gradient-slider" in widget.slider._dom_classes
    assert "rnn-gradient-view" in widget.view._dom_classes


def test_text_form_is_stable_and_follows_the_language():
    set_language("en")
    widget = gradient_widget(0.5)
    bundle = widget._repr_mimebundle_()
    assert bundle["text/plain"] == (
        f"Spectral radius control (ρ = 0.50, norm at distance 20: "
        f"{GradientFlow(0.5).norm_at(20):.2e})")
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert widget.slider.description == "spectral radius ρ"
    assert "linear regime" in widget.view.value


def test_the_figure_is_not_left_open_in_pyplot():
    import matplotlib.pyplot as plt
    before = plt.get_fignums()
    flow = GradientFlow()
    assert isinstance(flow.figure(), Figure)
    flow.png()
    assert plt.get_fignums() == before


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan")])
def test_a_bad_radius_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="raio espectral"):
        GradientFlow(bad)
