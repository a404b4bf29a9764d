"""numpy_rnn against torch.nn.RNN and autograd (float64), and against finite differences."""

import numpy as np
import pytest
import torch

from helpers.scratch.numpy_rnn import char_rnn_loss_and_grads, rnn_forward, rnn_step

SHAPES = [(1, 1, 1, 1), (5, 3, 4, 6), (7, 2, 10, 3), (3, 4, 2, 16)]  # (T, B, D, H)


def torch_rnn(D, H, seed):
    torch.manual_seed(seed)
    return torch.nn.RNN(D, H, nonlinearity="tanh", dtype=torch.float64)


def weights(rnn):
    return (rnn.weight_ih_l0.detach().numpy(), rnn.weight_hh_l0.detach().numpy(),
            (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().numpy())


@pytest.mark.parametrize("T, B, D, H", SHAPES)
def test_rnn_forward_equals_torch_rnn(T, B, D, H):
    rnn = torch_rnn(D, H, seed=T * 100 + H)
    gen = np.random.default_rng(T + B + D + H)
    X, h0 = gen.normal(size=(T, B, D)), gen.normal(size=(B, H))
    expected, h_last = rnn(torch.from_numpy(X), torch.from_numpy(h0)[None])
    states = rnn_forward(X, h0, *weights(rnn))
    assert states.shape == (T, B, H)
    np.testing.assert_allclose(states, expected.detach().numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(states[-1], h_last[0].detach().numpy(), rtol=0, atol=1e-12)


@pytest.mark.parametrize("T, B, D, H", SHAPES)
def test_rnn_step_equals_torch_rnn_cell(T, B, D, H):
    torch.manual_seed(H)
    cell = torch.nn.RNNCell(D, H, dtype=torch.float64)
    gen = np.random.default_rng(H)
    x, h = gen.normal(size=(B, D)), gen.normal(size=(B, H))
    expected = cell(torch.from_numpy(x), torch.from_numpy(h)).detach().numpy()
    b_h = (cell.bias_ih + cell.bias_hh).detach().numpy()
    got = rnn_step(x, h, cell.weight_ih.detach().numpy(), cell.weight_hh.detach().numpy(), b_h)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


def test_elementwise_product_bug_would_be_caught():
    """Using * instead of @ for W_hh h gives other numbers (the lesson 01 'common bug')."""
    gen = np.random.default_rng(0)
    W_xh, W_hh, b_h = gen.normal(size=(3, 2)), gen.normal(size=(3, 3)), gen.normal(size=3)
    x, h = gen.normal(size=(1, 2)), gen.normal(size=(1, 3))
    wrong = np.tanh(x @ W_xh.T + (W_hh * h).sum(axis=0) + b_h)
    assert not np.allclose(wrong, rnn_step(x, h, W_xh, W_hh, b_h))


@pytest.mark.parametrize("call, message", [
    (lambda: rnn_step(np.ones((2, 3)), np.ones((2, 4)), np.ones((4, 5)), np.ones((4, 4)),
                      np.ones(4)), r"x .*\(\?, 5\).*\(2, 3\)"),
    (lambda: rnn_step(np.ones((2, 5)), np.ones((3, 4)), np.ones((4, 5)), np.ones((4, 4)),
                      np.ones(4)), r"h_prev .*\(2, 4\)"),
    (lambda: rnn_step(np.ones((2, 5)), np.ones((2, 4)), np.ones((4, 5)), np.ones((4, 3)),
                      np.ones(4)), r"W_hh .*\(4, 4\)"),
    (lambda: rnn_forward(np.ones((2, 5)), np.ones((2, 4)), np.ones((4, 5)), np.ones((4, 4)),
                         np.ones(4)), r"X .*\(\?, \?, 5\)"),
    (lambda: rnn_forward(np.ones((3, 2, 5)), np.ones(4), np.ones((4, 5)), np.ones((4, 4)),
                         np.ones(4)), r"h0 .*\(2, 4\)"),
])
def test_bad_shapes_name_the_expected_shape(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def random_params(V, H, seed, scale=0.5):
    gen = np.random.default_rng(seed)
    return {"W_xh": gen.normal(0, scale, (H, V)), "W_hh": gen.normal(0, scale, (H, H)),
            "W_hy": gen.normal(0, scale, (V, H)), "b_h": gen.normal(0, scale, H),
            "b_y": gen.normal(0, scale, V)}


@pytest.mark.parametrize("T, V, H", [(1, 2, 1), (4, 5, 3), (9, 7, 8), (15, 3, 5)])
def test_char_rnn_grads_equal_autograd(T, V, H):
    params = random_params(V, H, seed=T * V * H)
    gen = np.random.default_rng(T)
    inputs, targets = gen.integers(0, V, T), gen.integers(0, V, T)
    h0 = gen.normal(size=H)
    loss, grads, h_last = char_rnn_loss_and_grads(inputs, targets, h0, params)

    tp = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    h = torch.tensor(h0)
    total = torch.zeros((), dtype=torch.float64)
    for x_id, y_id in zip(inputs, targets):
        x = torch.nn.functional.one_hot(torch.tensor(int(x_id)), V).double()
        h = torch.tanh(tp["W_xh"] @ x + tp["W_hh"] @ h + tp["b_h"])
        logits = tp["W_hy"] @ h + tp["b_y"]
        total = total + torch.nn.functional.cross_entropy(logits[None], torch.tensor([int(y_id)]))
    total.backward()
    assert loss == pytest.approx(total.item(), rel=1e-12)
    np.testing.assert_allclose(h_last, h.detach().numpy(), atol=1e-12, rtol=0)
    for name in params:
        assert grads[name].shape == params[name].shape
        np.testing.assert_allclose(grads[name], tp[name].grad.numpy(), rtol=1e-9, atol=1e-12)


def test_char_rnn_grads_equal_finite_differences():
    V, H = 4, 3
    params = random_params(V, H, seed=1)
    inputs, targets, h0 = np.array([0, 1, 2, 3, 2, 1]), np.array([1, 2, 3, 2, 1, 0]), np.zeros(H)
    _, grads, _ = char_rnn_loss_and_grads(inputs, targets, h0, params)
    eps = 1e-6
    for name, value in params.items():
        for index in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][index] += eps
            minus[name][index] -= eps
            numeric = (char_rnn_loss_and_grads(inputs, targets, h0, plus)[0]
                       - char_rnn_loss_and_grads(inputs, targets, h0, minus)[0]) / (2 * eps)
            analytic = grads[name][index]
            assert abs(numeric - analytic) <= 1e-7 * max(1.0, abs(numeric) + abs(analytic)), \
                (name, index)


@pytest.mark.parametrize("inputs, targets, error, message", [
    ([0, 1, 5], [1, 2, 3], ValueError, "inputs.*entre 0 e 3"),
    ([0, 1, 2], [1, -1, 3], ValueError, "targets"),
    ([0.5, 1, 2], [1, 2, 3], TypeError, "inputs.*ids inteiros"),
    ([0, 1], [1, 2, 3], ValueError, "T"),
    ([], [], ValueError, "T"),
])
def test_invalid_ids_are_clear_errors(inputs, targets, error, message):
    params = random_params(4, 3, seed=0)
    with pytest.raises(error, match=message):
        char_rnn_loss_and_grads(np.array(inputs), np.array(targets), np.zeros(3), params)


def test_bad_param_shapes_and_missing_params():
    params = random_params(4, 3, seed=0)
    params["W_hy"] = params["W_hy"].T
    with pytest.raises(ValueError, match=r"W_hy .*\(4, 3\)"):
        char_rnn_loss_and_grads([0], [1], np.zeros(3), params)
    with pytest.raises(ValueError, match="W_hh"):
        char_rnn_loss_and_grads([0], [1], np.zeros(3), {"W_xh": np.ones((3, 4))})
