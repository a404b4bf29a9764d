"""The unrolled-graph widget: a slider for T and the graph drawn for it, following a stepper.

State → render → widget: `UnrollState` holds T, its maximum and the highlighted step (plain
Python, tested without a browser); `render_unroll(state)` is the SVG of the graph
(`helpers.plots.unroll.unrolled_svg`, about a millisecond); `UnrollWidget` wires an
IntSlider to the state and shows the drawing in an HTML widget. `follow(stepper)` keeps
the highlight on a stepper's step t. Taught in lesson 02.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..core.language import t
from ..plots.unroll import check_highlight, check_T, unrolled_svg
from .display import bundle_with_text


class UnrollState:
    """T (1 … max_T) and the highlighted step (1 … T, or None)."""

    def __init__(self, T: int = 4, max_T: int = 8, highlight: int | None = None):
        self.max_T = check_T(max_T)
        self.T = check_T(T, self.max_T)
        self.highlight = check_highlight(highlight, self.T)

    def set_T(self, T: int) -> None:
        """Unroll over T steps; a highlighted step beyond T is dropped (it no longer exists)."""
        self.T = check_T(T, self.max_T)
        if self.highlight is not None and self.highlight > self.T:
            self.highlight = None

    def set_highlight(self, step: int | None) -> None:
        self.highlight = check_highlight(step, self.T)

    def text(self) -> str:
        return t("unroll.text", T=self.T)


def render_unroll(state: UnrollState) -> str:
    """What the view shows: the graph unrolled over T steps, the step highlighted."""
    return unrolled_svg(state.T, state.highlight)


class UnrollWidget:
    """An IntSlider for T and the drawing of the unrolled graph (HTML), redrawn on change.

    `.slider` and `.view` are the widgets, `.state` the UnrollState; `.T` and `.highlight`
    read it.
    """

    def __init__(self, T: int = 4, max_T: int = 8, highlight: int | None = None):
        self.state = UnrollState(T, max_T, highlight)
        self.slider = widgets.IntSlider(value=T, min=1, max=max_T, step=1,
                                        description="T",  # a symbol: the same in both languages
                                        continuous_update=False)
        self.view = widgets.HTML()
        self.slider.add_class("rnn-unroll-slider")
        self.view.add_class("rnn-unroll-image")
        self.widget = widgets.VBox([self.slider, self.view])
        self.widget.add_class("rnn-unroll")
        self.slider.observe(self._on_T, names="value")
        self.redraw()

    @property
    def T(self) -> int:
        return self.state.T

    @property
    def highlight(self) -> int | None:
        return self.state.highlight

    def redraw(self) -> None:
        self.view.value = render_unroll(self.state)

    def _on_T(self, change) -> None:
        self.state.set_T(change["new"])
        self.redraw()

    def set_highlight(self, step: int | None) -> None:
        self.state.set_highlight(step)
        self.redraw()

    def follow(self, stepper) -> UnrollWidget:
        """Match the stepper's T and shade its current step, now and whenever it moves.

        Its view gets the CSS class `rnn-unroll-follower`, so a browser test can tell it
        from a free-standing widget on the same page.
        """
        self.view.add_class("rnn-unroll-follower")
        self.state.max_T = max(self.state.max_T, stepper.state.T)
        self.slider.max = self.state.max_T
        self.slider.value = stepper.state.T
        self.set_highlight(stepper.state.t)
        stepper.slider.observe(self._on_stepper, names="value")
        return self

    def _on_stepper(self, change) -> None:
        # If T was shortened below the stepper's step, shade nothing rather than fail.
        self.state.highlight = change["new"] if change["new"] <= self.state.T else None
        self.redraw()

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, self.state.text(), **kwargs)
