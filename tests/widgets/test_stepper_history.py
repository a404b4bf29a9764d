"""The stepper's history stays short whatever the step, so the whole stepper fits a
1280 × 720 projector (lesson 04): only the last steps are shown, one row per step, and a
line says how many earlier ones are hidden."""

import re

import numpy as np
import pytest

from helpers.core.language import set_language
from helpers.core.numbers import num
from helpers.core.trace import StepTrace
from helpers.widgets.cells import HISTORY_ROWS, history_table
from helpers.widgets.stepper import StepperState, render_stepper

SENTENCE = "tenha um bom dia, oi como voce esta? eu "   # 40 characters


@pytest.fixture
def state():
    rng = np.random.default_rng(0)
    h = np.tanh(rng.normal(size=(len(SENTENCE) + 1, 12)))                  # (T + 1, H)
    return StepperState(StepTrace(tokens=list(SENTENCE), h=h), k=5)


def history(page: str) -> str:
    return page.split('class="rnn-stepper-history"')[1]


def rows(page: str) -> list[str]:
    return history(page).split('class="rnn-stepper-history-row"')[1:]


def shown(row: str) -> list[str]:
    return re.findall(r">([+-]\d,\d\d)<", row)


def test_the_history_shows_at_most_six_rows_at_any_step(state):
    assert HISTORY_ROWS == 6 and state.T == 40
    for step in range(1, state.T + 1):
        state.go(step)
        page = render_stepper(state)
        assert len(rows(page)) == min(step, HISTORY_ROWS), step
        hidden = max(0, step - HISTORY_ROWS)
        assert ("rnn-stepper-hidden" in page) == (hidden > 0)
        if hidden > 1:
            assert f"{hidden} passos anteriores não mostrados (h_1 … h_{hidden})" in page
        if hidden == 1:
            assert "1 passo anterior não mostrado (h_1)" in page


def test_the_rows_are_the_last_steps_newest_at_the_bottom(state):
    state.go(20)
    page = render_stepper(state)
    history_rows = rows(page)
    assert "histórico h_15 … h_20" in page
    for row, step in zip(history_rows, range(15, 21)):
        assert [num(v, "+.2f") for v in state.trace.h[step]] == shown(row)
        assert f"h_{step} · {SENTENCE[step - 1].replace(' ', '␣')}" in row
    strip = re.search(r'class="rnn-stepper-h".*?</div></div>', page).group(0)
    assert shown(strip) == shown(history_rows[-1])      # the last row is h_t, as above


def test_the_window_and_the_hidden_line_follow_the_language(state):
    set_language("en")
    state.go(9)
    page = render_stepper(state)
    assert "history h_4 … h_9" in page and "3 earlier steps not shown (h_1 … h_3)" in page
    state.go(7)
    assert "1 earlier step not shown (h_1)" in render_stepper(state)


def test_a_table_can_show_more_rows_when_asked():
    h = np.zeros((10, 3))
    assert history_table(h, list("abcdefghij"), "h", rows=10).count("history-row") == 10
    assert history_table(h, list("abcdefghij"), "h", rows=2).count("history-row") == 2


def test_the_page_sets_its_own_line_height(state):
    """An HTML widget's text inherits ipywidgets' 28 px line height: the page sets a
    tighter one (with 28 px lines the lesson 04 stepper was about 780 px tall)."""
    page = render_stepper(state)
    outer = re.match(r'<div class="rnn-stepper-page" style="([^"]*)"', page)
    assert outer and re.search(r"line-height:1\.\d", outer.group(1))
    assert page.endswith("</div>")
