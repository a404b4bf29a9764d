"""Tick labels in the reader's language: "0,5" on a Portuguese plot, "0.5" on an English one.

matplotlib writes tick labels with a decimal point (its only other choice, the system
locale, is missing on most machines and on Colab). `localize(fig)` gives every axis of a
figure a formatter that writes what matplotlib would, through `num`'s separators; `show`
does that and then shows the figure. The lessons call `show(fig)` where they would call
`plt.show()`.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, FuncFormatter

from ..core.language import get_language, register, t
from ..core.numbers import with_separators


class _Localized(FuncFormatter):
    """Wraps matplotlib's own formatter and swaps the separators for a pt reader."""

    def __init__(self, inner: Formatter):
        self.inner = inner
        super().__init__(lambda x, pos=None: self._swap(inner(x, pos)))

    def set_axis(self, axis):
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs):
        super().set_locs(locs)
        self.inner.set_locs(locs)

    def get_offset(self):
        return self._swap(self.inner.get_offset())

    @staticmethod
    def _swap(label: str) -> str:
        if get_language() != "pt":
            return label
        label = with_separators(label)
        return label.replace(",", "{,}") if label.startswith("$") else label  # no math space


def localize(fig: Figure) -> Figure:
    """Make every tick label of `fig` (major and minor, x and y) use the reader's decimal
    separator; returns the figure. Safe to call twice."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for which in ("major", "minor"):
                ticker = axis.major if which == "major" else axis.minor
                if not isinstance(ticker.formatter, _Localized):
                    (axis.set_major_formatter if which == "major"
                     else axis.set_minor_formatter)(_Localized(ticker.formatter))
    return fig


register({
    "plots.show_needs_figure": {
        "pt": "show(...) recebe uma figura do matplotlib (por exemplo, a de "
              "`fig, ax = plt.subplots()`), não {got}.",
        "en": "show(...) takes a matplotlib figure (e.g. the one from "
              "`fig, ax = plt.subplots()`), not {got}.",
    },
})


def show(fig: Figure) -> None:
    """`localize(fig)`, then show it in the notebook as a PNG, whether pyplot made it
    (`plt.subplots`) or it was built directly (`Figure(...)`, as the helpers' plots are,
    which `plt.show()` silently skips). Drawn here, as the inline backend draws a figure,
    so it does not matter whether that backend is loaded yet. Shown once: a pyplot figure
    is closed after, so the end of the cell does not draw it again."""
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure
    from IPython.display import display

    if not isinstance(fig, Figure):
        raise TypeError(t("plots.show_needs_figure", got=type(fig).__name__))
    localize(fig)
    display({"image/png": print_figure(fig, "png"), "text/plain": repr(fig)}, raw=True)
    plt.close(fig)
