import pytest
import torch
from torch import nn

from helpers.models.gated import cell_step, trace_layer

CELLS = {"rnn": (nn.RNNCell, nn.RNN), "lstm": (nn.LSTMCell, nn.LSTM), "gru": (nn.GRUCell, nn.GRU)}


@pytest.mark.parametrize("cell", CELLS)
def test_one_step_equals_pytorchs_cell(cell):
    torch.manual_seed(0)
    module = CELLS[cell][0](3, 4).double()
    x, h, c = torch.randn(3, dtype=torch.float64), torch.randn(4, dtype=torch.float64), \
        torch.randn(4, dtype=torch.float64)
    h_t, c_t, a, gates = cell_step(cell, x, h, c, module.weight_ih, module.weight_hh,
                                   module.bias_ih, module.bias_hh)
    if cell == "lstm":
        want_h, want_c = module(x[None], (h[None], c[None]))
        torch.testing.assert_close(c_t, want_c[0])
        assert set(gates) == {"i", "f", "g", "o"} and a is None
    else:
        want_h = module(x[None], h[None])
        assert c_t is None
        assert set(gates) == ({"r", "z", "n"} if cell == "gru" else set())
    torch.testing.assert_close(h_t, want_h[0])


@pytest.mark.parametrize("cell", CELLS)
def test_the_trace_follows_the_layer(cell):
    torch.manual_seed(1)
    layer, head = CELLS[cell][1](3, 5, batch_first=True), nn.Linear(5, 2)
    x = torch.randn(7, 3)
    trace = trace_layer(layer, x, list("abcdefg"), head=head, labels=["0", "1"])
    out, _ = layer(x[None])                                       # (1, 7, 5)
    torch.testing.assert_close(torch.from_numpy(trace.h[1:]).float(), out[0], atol=1e-5,
                               rtol=1e-5)
    assert trace.h.shape == (8, 5) and not trace.h[0].any()     # h_0 = 0
    assert trace.probs.shape == (7, 2)
    torch.testing.assert_close(torch.from_numpy(trace.probs.sum(1)), torch.ones(7,
                               dtype=torch.float64))
    if cell == "lstm":
        assert trace.extra["c"].shape == (8, 5) and trace.gates["f"].shape == (7, 5)
        assert ((trace.gates["f"] > 0) & (trace.gates["f"] < 1)).all()


def test_what_it_cannot_read_is_named():
    with pytest.raises(TypeError, match="nn.RNN, nn.LSTM ou nn.GRU"):
        trace_layer(nn.Linear(3, 3), torch.zeros(2, 3), ["a", "b"])
    with pytest.raises(TypeError, match="recebi LSTM"):
        trace_layer(nn.LSTM(3, 3, num_layers=2), torch.zeros(2, 3), ["a", "b"])
    with pytest.raises(ValueError, match=r"tensor \(T, 3\); recebi \(2, 4\)"):
        trace_layer(nn.GRU(3, 3), torch.zeros(2, 4), ["a", "b"])
    with pytest.raises(ValueError, match="recebi list"):
        trace_layer(nn.GRU(3, 3), [[0.0] * 3], ["a"])


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_the_steps_gradients_match_finite_differences(cell):
    """autograd through `cell_step` (what BPTT uses) against central finite differences."""
    torch.manual_seed(2)
    G, D, H = {"lstm": 4, "gru": 3}[cell], 3, 2

    def rand(*shape):
        return torch.randn(*shape, dtype=torch.float64, requires_grad=True)

    inputs = (rand(D), rand(H), rand(H), rand(G * H, D), rand(G * H, H), rand(G * H),
              rand(G * H))

    def h_and_c(x, h, c, *weights):
        h_t, c_t, _, _ = cell_step(cell, x, h, c, *weights)
        return (h_t, c_t) if c_t is not None else h_t

    assert torch.autograd.gradcheck(h_and_c, inputs, eps=1e-6, atol=1e-8)
