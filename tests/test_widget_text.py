import ipywidgets as widgets

from helpers.widget_text import bundle_with_text


def test_the_text_form_is_replaced_and_the_view_kept():
    slider = widgets.IntSlider(value=3, description="secret machine detail")
    bundle = bundle_with_text(slider, "a stable description")
    assert bundle["text/plain"] == "a stable description"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == slider.model_id
