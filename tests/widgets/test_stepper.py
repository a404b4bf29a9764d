from helpers.core.numbers import num

"""The hidden-state stepper: the recorded trace against torch, the state, and the widget
driven headlessly (slider value, ▶, ◀) with assertions on the HTML the page would show."""

import re

import numpy as np
import pytest
import torch

from helpers.core.language import set_language
from helpers.core.trace import StepTrace
from helpers.scratch.numpy_rnn import softmax, trace_numpy_rnn
from helpers.widgets.stepper import StepperState, StepperWidget, render_stepper

WORD = "olá!"
VOCAB = sorted(set(WORD))


@pytest.fixture
def cell():
    rng = np.random.default_rng(3)
    H, V = 3, len(VOCAB)
    return {"W_xh": rng.normal(size=(H, V)), "W_hh": rng.normal(size=(H, H)) * 0.5,
            "b_h": rng.normal(size=H) * 0.1, "W_hy": rng.normal(size=(V, H)),
            "b_y": rng.normal(size=V) * 0.1}


@pytest.fixture
def trace(cell):
    X = np.eye(len(VOCAB))[[VOCAB.index(c) for c in WORD]]      # (T, V) one-hot
    return trace_numpy_rnn(list(WORD), X, np.zeros(3), cell["W_xh"], cell["W_hh"],
                           cell["b_h"], cell["W_hy"], cell["b_y"], vocab=VOCAB)


def test_trace_matches_torch_rnn(cell, trace):
    rnn = torch.nn.RNN(len(VOCAB), 3, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.tensor(cell["W_xh"]))
        rnn.weight_hh_l0.copy_(torch.tensor(cell["W_hh"]))
        rnn.bias_ih_l0.copy_(torch.tensor(cell["b_h"]))
        rnn.bias_hh_l0.zero_()
    X = torch.eye(len(VOCAB), dtype=torch.float64)[[VOCAB.index(c) for c in WORD]]
    out, _ = rnn(X[:, None, :])                                  # (T, 1, H)
    np.testing.assert_allclose(trace.h[1:], out[:, 0].detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(np.tanh(trace.pre), trace.h[1:], atol=1e-12)
    logits = trace.h[1:] @ cell["W_hy"].T + cell["b_y"]
    expected = torch.softmax(torch.tensor(logits), dim=-1).numpy()
    np.testing.assert_allclose(trace.probs, expected, atol=1e-12)
    assert trace.h[0].tolist() == [0.0, 0.0, 0.0]
    assert trace.vocab == VOCAB and trace.tokens == list(WORD)


def test_trace_without_output_layer_has_no_probs(cell):
    trace = trace_numpy_rnn(["a", "b"], np.eye(2), np.zeros(3), cell["W_xh"][:, :2],
                            cell["W_hh"], cell["b_h"])
    assert trace.probs is None and trace.top_k(1) == []
    assert StepperState(trace).view().top_k == []


def test_softmax_is_stable_for_large_logits():
    p = softmax(np.array([1000.0, 1000.0, 0.0]))
    np.testing.assert_allclose(p, [0.5, 0.5, 0.0], atol=1e-12)


@pytest.mark.parametrize("bad, match", [
    ({"X": np.zeros(4)}, "X deveria|X deve ter forma"),
    ({"tokens": ["a"]}, "rótulos em tokens"),
    ({"h0": np.zeros((1, 3))}, "h0 deveria ter forma"),
    ({"W_hh": np.zeros((3, 2))}, "W_hh deveria ter forma"),
    ({"W_hy": np.zeros((4, 2))}, "W_hy deveria ter forma"),
    ({"vocab": ["a", "b"]}, "vocab tem 2 rótulos"),
])
def test_trace_rejects_bad_shapes_clearly(cell, bad, match):
    args = {"tokens": list(WORD), "X": np.eye(4), "h0": np.zeros(3), "W_xh": cell["W_xh"],
            "W_hh": cell["W_hh"], "b_h": cell["b_h"], "W_hy": cell["W_hy"],
            "b_y": cell["b_y"], "vocab": VOCAB}
    args.update(bad)
    with pytest.raises(ValueError, match=match):
        trace_numpy_rnn(**args)


def test_state_moves_and_stops_at_the_ends(trace):
    state = StepperState(trace)
    assert state.t == 1
    assert state.back() == 1                  # already at the start
    assert state.forward() == 2 and state.forward() == 3
    assert state.go(4) == 4 and state.forward() == 4  # already at the end
    assert state.back() == 3


@pytest.mark.parametrize("bad", [0, 5, -1, 2.5, "2", True])
def test_state_refuses_a_step_outside_1_to_T(trace, bad):
    state = StepperState(trace)
    state.go(2)
    with pytest.raises(ValueError, match="entre 1 e 4"):
        state.go(bad)
    assert state.t == 2


def test_error_message_follows_the_language(trace):
    set_language("en")
    with pytest.raises(ValueError, match="between 1 and 4"):
        StepperState(trace).go(9)


def test_state_rejects_what_is_not_a_trace_and_a_bad_k(trace):
    with pytest.raises(TypeError, match="StepTrace"):
        StepperState(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="k"):
        StepperState(trace, k=0)


def test_view_holds_the_values_of_step_t(trace):
    state = StepperState(trace, k=2)
    state.go(3)
    view = state.view()
    assert view.t == 3 and view.T == 4 and view.token == WORD[2]
    np.testing.assert_array_equal(view.h_prev, trace.h[2])
    np.testing.assert_array_equal(view.h, trace.h[3])
    np.testing.assert_array_equal(view.pre, trace.pre[2])
    np.testing.assert_array_equal(view.history, trace.h[1:4])
    assert [label for label, _ in view.top_k] == [VOCAB[i] for i in np.argsort(-trace.probs[2])[:2]]
    assert view.top_k[0][1] == pytest.approx(trace.probs[2].max())


def test_view_carries_extra_states():
    h = np.arange(9.0).reshape(3, 3) / 10
    trace = StepTrace(tokens=["a", "b"], h=h, extra={"c": -h})
    state = StepperState(trace)
    view = state.view()
    np.testing.assert_array_equal(view.extra["c"], -h[1])
    assert view.pre is None
    page = render_stepper(state)
    assert "rnn-stepper-extra-c" in page and "-0,30" in page


def shown_h(page: str) -> list[str]:
    """The numbers in the h_t strip of the rendered page."""
    block = re.search(r'class="rnn-stepper-h".*?</div></div>', page).group(0)
    return re.findall(r">([+-]\d,\d\d)<", block)


def expected_h(trace, step):
    return [num(v, "+.2f") for v in trace.h[step]]


def test_widget_follows_slider_and_buttons(trace):
    stepper = StepperWidget(trace, k=3)
    assert stepper.slider.value == 1 and stepper.slider.max == 4
    assert shown_h(stepper.view.value) == expected_h(trace, 1)
    assert stepper.prev_button.disabled and not stepper.next_button.disabled

    stepper.slider.value = 3
    assert stepper.state.t == 3
    page = stepper.view.value
    assert shown_h(page) == expected_h(trace, 3)
    assert 'data-t="3"' in page and "Passo t = 3 de 4" in page

    stepper.next_button.click()
    assert stepper.slider.value == 4 and shown_h(stepper.view.value) == expected_h(trace, 4)
    assert stepper.next_button.disabled
    stepper.next_button.click()                 # at the end: nothing moves
    assert stepper.state.t == 4

    stepper.prev_button.click()
    stepper.prev_button.click()
    assert stepper.slider.value == 2 and shown_h(stepper.view.value) == expected_h(trace, 2)


def test_page_highlights_the_current_token_and_shows_top_k(trace):
    stepper = StepperWidget(trace, k=2)
    stepper.go(2)
    page = stepper.view.value
    current = re.search(r'rnn-stepper-current"[^>]*>([^<]*)<', page).group(1)
    assert current == WORD[1]
    best_label, best_p = trace.top_k(2, 1)[0]
    assert num(best_p, ".4f") in page and page.count("rnn-stepper-topk-row") == 2
    assert best_label in page
    assert stepper.view.value.count("rnn-stepper-history-row") == 2  # h_1, h_2: a row each


def test_spaces_in_tokens_are_visible():
    trace = StepTrace(tokens=["a", " "], h=np.zeros((3, 2)))
    stepper = StepperWidget(trace)
    stepper.go(2)
    assert re.search(r'rnn-stepper-current"[^>]*>␣<', stepper.view.value)


def test_large_hidden_state_history_stays_compact():
    trace = StepTrace(tokens=list("abcdefghij"), h=np.zeros((11, 64)))
    stepper = StepperWidget(trace)
    stepper.go(10)
    history = stepper.view.value.split('class="rnn-stepper-history"')[1]
    assert "+0,00" not in history          # 64 units: colours only, no numbers
    assert history.count("<span style") == 6 * 64 + 6  # the last 6 steps: cells + labels


def test_go_from_code_moves_the_slider_and_refuses_bad_steps(trace):
    stepper = StepperWidget(trace)
    stepper.go(4)
    assert stepper.slider.value == 4 and stepper.t == 4
    with pytest.raises(ValueError):
        stepper.go(0)
    assert stepper.t == 4


def test_labels_and_text_form_follow_the_language(trace):
    stepper = StepperWidget(trace)
    assert repr(stepper) == "Passo a passo do estado oculto: T=4, H=3, t=1"
    assert "estado oculto h_1" in stepper.view.value
    set_language("en")
    stepper = StepperWidget(trace, k=3, title="A title")
    page = stepper.view.value
    assert "hidden state h_1" in page and "previous state h_0" in page
    assert "pre-activation a_1" in page and "the 3 most likely" in page
    assert "A title" in page
    assert stepper.next_button.tooltip == "Next step"
    bundle = stepper._repr_mimebundle_()
    assert bundle["text/plain"] == "Hidden-state stepper: T=4, H=3, t=1"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_css_classes_for_the_browser_suite(trace):
    stepper = StepperWidget(trace)
    assert "rnn-stepper" in stepper.widget._dom_classes
    assert "rnn-stepper-slider" in stepper.slider._dom_classes
    assert "rnn-stepper-prev" in stepper.prev_button._dom_classes
    assert "rnn-stepper-next" in stepper.next_button._dom_classes
    assert "rnn-stepper-view" in stepper.view._dom_classes


def test_a_title_that_is_not_text_is_refused(trace):
    with pytest.raises(TypeError, match="title deve ser um texto"):
        StepperWidget(trace, title=42)


def test_an_lstm_page_shows_its_gates_and_cell_state_in_order():
    import torch
    from torch import nn

    from helpers.models.gated import trace_layer

    torch.manual_seed(0)
    lstm = nn.LSTM(2, 3)
    trace = trace_layer(lstm, torch.randn(4, 2), list("abcd"))
    state = StepperState(trace)
    state.go(2)
    page = render_stepper(state)
    order = [page.index(f"rnn-stepper-{css}") for css in
             ("hprev", "gate-f", "gate-i", "gate-g", "gate-o", "extra-c", "h\"")]
    assert order == sorted(order)                     # f, i, g → c → o → h, as computed
    assert "porta de esquecimento f_2" in page and "estado da célula c_2" in page
    f_2 = trace.gates["f"][1]
    assert num(f_2[0], ".2f") in page and "+" + num(f_2[0], ".2f") not in page  # a gate: 0…1
    assert state.view().gates["f"].tolist() == f_2.tolist()


def test_gate_colours_go_from_white_to_green():
    from helpers.widgets.cells import gate_color

    assert gate_color(0.0) == "background:rgb(255,255,255);color:#000"
    assert gate_color(1.0) == "background:rgb(27,120,55);color:#fff"  # white ink on dark green
    assert gate_color(2.0) == gate_color(1.0) and gate_color(-1) == gate_color(0)


def test_each_unit_names_its_index_in_a_tooltip():
    from helpers.widgets.cells import value_strip

    strip = value_strip("h", np.array([0.5, -0.25, 0.0]), "x")
    assert 'title="unidade 0"' in strip and 'title="unidade 2"' in strip
    set_language("en")
    assert 'title="unit 1"' in value_strip("h", np.array([0.5, -0.25]), "x")


def test_many_units_become_squares_with_their_value_in_the_tooltip():
    """32 written values wrap onto two lines of a projector; squares keep a strip on one."""
    import re

    from helpers.widgets.cells import NUMBERED_UNITS, value_strip

    set_language("pt")
    values = np.linspace(-1, 1, NUMBERED_UNITS + 16)
    strip = value_strip("h", values, "x")
    cells = re.findall(r'<span class="rnn-stepper-unit" title="([^"]*)"[^>]*>([^<]*)</span>',
                       strip)
    assert len(cells) == len(values) and all(text == "" for _, text in cells)
    assert cells[0][0] == "unidade 0: -1,00" and cells[-1][0] == "unidade 31: +1,00"
    few = value_strip("h", values[:NUMBERED_UNITS], "x")
    assert few.count("+1,00") + few.count("-1,00") >= 1 and "unidade 0:" not in few
