"""A widget's display bundle with a stable text form.

An ipywidget's own `text/plain` lists its options and model details, which differ between
machines and runs; nbval compares that text. Each lesson widget shows its view with a
short, stable description instead (what it shows, not how it is built), so the stored
notebooks compare something meaningful. Used by every widget module.
"""

from __future__ import annotations


def bundle_with_text(widget, text: str, **kwargs) -> dict:
    """`widget`'s mimebundle with `text` as its `text/plain`."""
    bundle = widget._repr_mimebundle_(**kwargs)
    if isinstance(bundle, tuple):  # (data, metadata) in some ipywidgets versions
        bundle = bundle[0]
    bundle = dict(bundle)
    bundle["text/plain"] = text
    return bundle
