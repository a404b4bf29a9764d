"""helpers.widgets.unroll: the T slider and the drawing, following a stepper."""



import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.core.trace import StepTrace
from helpers.plots.unroll import (
    unrolled_svg,
)
from helpers.widgets.stepper import StepperWidget
from helpers.widgets.unroll import UnrollWidget


def test_slider_redraws_the_drawing_for_the_new_T():
    explorer = UnrollWidget(T=2, max_T=8)
    explorer.slider.value = 6
    assert explorer.T == 6
    assert explorer.view.value == unrolled_svg(6)
    assert "rnn-unroll-slider" in explorer.slider._dom_classes
    assert "rnn-unroll-image" in explorer.view._dom_classes
    assert explorer._repr_mimebundle_()["text/plain"] == "Grafo desenrolado (T = 6)"
    assert not plt.get_fignums()                                 # no matplotlib figure made


def test_a_bad_starting_highlight_is_refused():
    with pytest.raises(ValueError, match="entre 1 e T = 3"):
        UnrollWidget(T=3, highlight=4)


def test_explorer_follows_a_stepper():
    trace = StepTrace(tokens=list("abcde"), h=np.zeros((6, 2)))
    stepper = StepperWidget(trace)
    explorer = UnrollWidget(T=3).follow(stepper)
    assert explorer.T == 5 and explorer.highlight == 1
    assert "rnn-unroll-follower" in explorer.view._dom_classes
    assert "rnn-unroll-follower" not in UnrollWidget(T=3).view._dom_classes
    stepper.next_button.click()
    assert explorer.highlight == 2 and explorer.view.value == unrolled_svg(5, highlight=2)
    explorer.slider.value = 1                  # shorter than the stepper's step
    assert explorer.highlight is None
    stepper.slider.value = 4
    assert explorer.highlight is None
    with pytest.raises(ValueError):
        explorer.set_highlight(3)
