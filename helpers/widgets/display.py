"""A widget's display bundle with a stable text form, on both ipywidgets generations.

An ipywidget's own `text/plain` lists its options and model details, which differ between
machines and runs; nbval compares that text. Each lesson widget shows its view with a
short, stable description instead (what it shows, not how it is built), so the stored
notebooks compare something meaningful. Used by every widget module.

The lessons run on two generations of ipywidgets: 8 in JupyterLab (`make lab`) and 7.7.1 on
Colab, whose front end does not support 8. The few places where the two differ are here:
7 has no `_repr_mimebundle_` (its `_ipython_display_` builds the bundle), and a description
widget's tooltip is `description_tooltip` in 7, `tooltip` in 8.
"""

from __future__ import annotations

import ipywidgets

from ..core.numbers import num

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
GENERATION = int(ipywidgets.__version__.split(".")[0])  # 7 (Colab) or 8 (JupyterLab)


def display_bundle(widget) -> dict:
    """The bundle `widget` is displayed with: its text form and its view (both generations)."""
    if hasattr(widget, "_repr_mimebundle_"):  # ipywidgets 8
        bundle = widget._repr_mimebundle_()
        if isinstance(bundle, tuple):  # (data, metadata) in some versions
            bundle = bundle[0]
        return dict(bundle)
    # ipywidgets 7: the same bundle its `_ipython_display_` sends (protocol version 2.0).
    bundle = {"text/plain": repr(widget)}
    if widget._view_name is not None:
        bundle[WIDGET_VIEW] = {"version_major": 2, "version_minor": 0,
                               "model_id": widget.model_id}
        widget._handle_displayed()  # what 7 does on display: runs `on_displayed` callbacks
    return bundle


def bundle_with_text(widget, text: str, **kwargs) -> dict:
    """`widget`'s display bundle with `text` as its `text/plain`.

    `kwargs` (IPython's include/exclude) are accepted and ignored: the bundle has two
    entries and both are always wanted.
    """
    bundle = display_bundle(widget)
    bundle["text/plain"] = text
    return bundle


def with_readout(slider, spec: str) -> ipywidgets.HBox:
    """`slider` beside its value written for the reader ("0,80" in pt): a slider's own
    readout always writes a decimal point, so it is hidden and this label follows it."""
    slider.readout = False
    label = ipywidgets.HTML(num(slider.value, spec))
    label.add_class("rnn-readout")
    slider.observe(lambda change: setattr(label, "value", num(change["new"], spec)),
                   names="value")
    return ipywidgets.HBox([slider, label])


def tooltip(text: str) -> dict:
    """Keyword arguments that give a description widget (Play, sliders…) a tooltip."""
    return {"tooltip": text} if GENERATION >= 8 else {"description_tooltip": text}
