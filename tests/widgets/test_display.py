import ipywidgets as widgets
import pytest

from helpers.widgets.display import (
    GENERATION,
    WIDGET_VIEW,
    bundle_with_text,
    display_bundle,
    tooltip,
)


def test_the_text_form_is_replaced_and_the_view_kept():
    slider = widgets.IntSlider(value=3, description="secret machine detail")
    bundle = bundle_with_text(slider, "a stable description")
    assert bundle["text/plain"] == "a stable description"
    assert bundle[WIDGET_VIEW]["model_id"] == slider.model_id


def test_the_bundle_is_the_one_this_ipywidgets_displays_with():
    # 8 builds it in `_repr_mimebundle_`; 7 (Colab) in `_ipython_display_`, which has no
    # return value, so there the bundle is checked against the protocol it sends.
    slider = widgets.IntSlider()
    bundle = display_bundle(slider)
    if GENERATION >= 8:
        assert bundle == slider._repr_mimebundle_()
    else:
        assert bundle[WIDGET_VIEW] == {"version_major": 2, "version_minor": 0,
                                       "model_id": slider.model_id}
    assert "IntSlider" in bundle["text/plain"]


def test_display_runs_the_on_displayed_callbacks_as_ipywidgets_7_does():
    if GENERATION >= 8:
        pytest.skip("ipywidgets 8 has no on_displayed callbacks")
    seen = []
    slider = widgets.IntSlider()
    slider.on_displayed(lambda w: seen.append(w))
    display_bundle(slider)
    assert seen == [slider]


def test_tooltip_names_the_synced_trait_of_this_generation():
    (name, text), = tooltip("avança").items()
    play = widgets.Play(**tooltip("avança"))
    assert name in play.keys  # synced to the front end, not silently dropped
    assert getattr(play, name) == text == "avança"
