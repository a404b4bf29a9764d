"""helpers.scratch.gradients: Jacobian norms against autograd, clipping, truncated BPTT."""

import numpy as np
import pytest
import torch

from helpers.core.language import set_language
from helpers.scratch.gradients import (
    clip_by_norm,
    global_norm,
    gradient_reach,
    relative_error,
    spectral_radius,
    state_jacobian_norms,
    tanh_states,
    torch_step_losses,
    truncated_bptt,
    with_spectral_radius,
)
from helpers.scratch.numpy_rnn import char_rnn_loss_and_grads


def model(H=5, V=4, T=9, seed=0, scale=0.5):
    gen = np.random.default_rng(seed)
    params = {"W_xh": gen.normal(size=(H, V)) * scale, "W_hh": gen.normal(size=(H, H)) * scale,
              "W_hy": gen.normal(size=(V, H)) * scale, "b_h": gen.normal(size=H) * 0.1,
              "b_y": gen.normal(size=V) * 0.1}
    inputs, targets = gen.integers(0, V, size=T), gen.integers(0, V, size=T)
    return inputs, targets, gen.normal(size=H) * 0.5, params


# --- spectral radius -------------------------------------------------------------------

def test_spectral_radius_of_a_diagonal_and_a_rotation():
    assert spectral_radius(np.diag([0.3, -2.0, 1.0])) == pytest.approx(2.0)
    angle = 0.7
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    assert spectral_radius(3 * rotation) == pytest.approx(3.0)  # complex eigenvalues


@pytest.mark.parametrize("radius", [0.5, 1.0, 1.5])
def test_with_spectral_radius_scales_to_the_requested_radius(radius):
    W = np.random.default_rng(1).normal(size=(6, 6))
    scaled = with_spectral_radius(W, radius)
    assert spectral_radius(scaled) == pytest.approx(radius, rel=1e-12)
    np.testing.assert_allclose(scaled / W, (scaled / W)[0, 0])  # only a scaling


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf"), "1", True])
def test_bad_radius_is_refused(bad):
    with pytest.raises(ValueError, match="raio espectral"):
        with_spectral_radius(np.eye(2), bad)


def test_non_square_matrix_is_refused_in_the_active_language():
    set_language("en")
    with pytest.raises(ValueError, match=r"square \(H, H\) matrix, but has shape \(2, 3\)"):
        spectral_radius(np.ones((2, 3)))


# --- Jacobian norms against autograd -----------------------------------------------------

def autograd_norms(W_hh, U):
    """‖∂h_T/∂h_{T-d}‖₂ from torch's Jacobian of the last d steps, float64."""
    W, U = torch.from_numpy(W_hh), torch.from_numpy(U)
    T, H = U.shape
    states = [torch.zeros(H, dtype=torch.float64)]
    for u in U:
        states.append(torch.tanh(W @ states[-1] + u))
    norms = []
    for d in range(1, T + 1):
        def last_steps(h, d=d):
            for u in U[T - d:]:
                h = torch.tanh(W @ h + u)
            return h
        J = torch.autograd.functional.jacobian(last_steps, states[T - d])  # (H, H)
        norms.append(torch.linalg.matrix_norm(J, ord=2).item())
    return np.array(norms), torch.stack(states[1:]).numpy()


@pytest.mark.parametrize("radius", [0.5, 1.0, 1.5])
def test_tanh_jacobian_norms_equal_autograd(radius):
    gen = np.random.default_rng(int(radius * 10))
    W_hh = with_spectral_radius(gen.normal(size=(4, 4)), radius)
    U = gen.normal(size=(7, 4))
    expected, states = autograd_norms(W_hh, U)
    np.testing.assert_allclose(tanh_states(W_hh, U), states, rtol=0, atol=1e-14)
    np.testing.assert_allclose(state_jacobian_norms(W_hh, states), expected, rtol=1e-10)


def test_linear_regime_is_the_norm_of_matrix_powers():
    W = with_spectral_radius(np.random.default_rng(2).normal(size=(5, 5)), 1.2)
    norms = state_jacobian_norms(W, T=6)
    expected = [np.linalg.norm(np.linalg.matrix_power(W, d), 2) for d in range(1, 7)]
    np.testing.assert_allclose(norms, expected, rtol=1e-12)


@pytest.mark.parametrize("radius, grows", [(0.5, False), (1.5, True)])
def test_vanishing_and_exploding_in_the_linear_regime(radius, grows):
    W = with_spectral_radius(np.random.default_rng(3).normal(size=(16, 16)), radius)
    norms = state_jacobian_norms(W, T=40)
    assert (norms[-1] > 1e3) if grows else (norms[19] < 1e-3)
    # Gelfand: the d-th root of ‖W^d‖ tends to ρ
    assert norms[-1] ** (1 / 40) == pytest.approx(radius, rel=0.1)


def test_saturation_shrinks_the_norm_far_below_the_linear_regime():
    W = with_spectral_radius(np.random.default_rng(4).normal(size=(8, 8)), 1.5)
    states = tanh_states(W, np.random.default_rng(5).normal(size=(30, 8)))
    tanh_norms, linear = state_jacobian_norms(W, states), state_jacobian_norms(W, T=30)
    assert tanh_norms[-1] < linear[-1] * 1e-3  # saturation: 1 - h² is often near 0


def test_slopes_below_one_can_still_make_the_product_larger():
    # W² = 0, yet with slopes (1, 0.5) the two-step Jacobian is not zero
    W = np.array([[1.0, 1.0], [-1.0, -1.0]])
    states = np.array([[0.0, np.sqrt(0.5)], [0.0, np.sqrt(0.5)]])  # 1 - h² = (1, 0.5)
    assert state_jacobian_norms(W, T=2)[1] == 0
    assert state_jacobian_norms(W, states)[1] == pytest.approx(np.sqrt(0.3125 * 2))


@pytest.mark.parametrize("radius", [0.5, 1.0, 1.5])
def test_tanh_norms_obey_the_spectral_norm_bound(radius):
    W = with_spectral_radius(np.random.default_rng(6).normal(size=(8, 8)), radius)
    states = tanh_states(W, np.random.default_rng(7).normal(size=(30, 8)))
    bound = (np.linalg.norm(W, 2) * (1 - states ** 2).max()) ** np.arange(1, 31)
    assert np.all(state_jacobian_norms(W, states) <= bound * (1 + 1e-12))


def test_jacobian_norms_need_consistent_states():
    with pytest.raises(ValueError, match="H = 3"):
        state_jacobian_norms(np.eye(3), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="inteiro positivo"):
        state_jacobian_norms(np.eye(3))  # no states and no T


# --- clipping ---------------------------------------------------------------------------

def test_clipping_rescales_a_long_gradient_to_max_norm_keeping_its_direction():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    clipped, norm = clip_by_norm(grads, 1.0)
    assert norm == pytest.approx(5.0)
    assert global_norm(clipped) == pytest.approx(1.0)
    np.testing.assert_allclose(clipped["a"], [0.6, 0.0])
    np.testing.assert_allclose(clipped["b"], [[0.8]])
    np.testing.assert_array_equal(grads["a"], [3.0, 0.0])  # the input is left alone


def test_clipping_leaves_a_short_gradient_unchanged():
    grads = {"a": np.array([0.3, -0.4])}
    clipped, norm = clip_by_norm(grads, 1.0)
    assert norm == pytest.approx(0.5)
    np.testing.assert_array_equal(clipped["a"], grads["a"])


def test_clipping_agrees_with_torch_clip_grad_norm():
    gen = np.random.default_rng(6)
    grads = {"W": gen.normal(size=(3, 4)) * 10, "b": gen.normal(size=3) * 10}
    tensors = [torch.zeros(3, 4, dtype=torch.float64, requires_grad=True),
               torch.zeros(3, dtype=torch.float64, requires_grad=True)]
    tensors[0].grad = torch.tensor(grads["W"])  # copies: torch clips in place
    tensors[1].grad = torch.tensor(grads["b"])
    torch_norm = torch.nn.utils.clip_grad_norm_(tensors, 2.0)
    clipped, norm = clip_by_norm(grads, 2.0)
    assert norm == pytest.approx(torch_norm.item())
    np.testing.assert_allclose(clipped["W"], tensors[0].grad.numpy(), rtol=1e-6)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), None, "5"])
def test_clipping_needs_a_positive_max_norm(bad):
    with pytest.raises(ValueError, match="max_norm"):
        clip_by_norm({"a": np.ones(2)}, bad)


# --- truncated BPTT ---------------------------------------------------------------------

@pytest.mark.parametrize("k", [9, 10, 100])
def test_truncation_longer_than_the_sequence_is_full_bptt(k):
    inputs, targets, h0, params = model(T=9)
    full = char_rnn_loss_and_grads(inputs, targets, h0, params)
    cut = truncated_bptt(inputs, targets, h0, params, k)
    assert cut[0] == pytest.approx(full[0], rel=1e-14)
    for name in params:
        np.testing.assert_allclose(cut[1][name], full[1][name], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(cut[2], full[2], atol=1e-14)


@pytest.mark.parametrize("k", [1, 2, 4])
def test_truncated_bptt_equals_autograd_with_detach_every_k_steps(k):
    inputs, targets, h0, params = model(T=9, seed=k)
    loss, grads, h_last = truncated_bptt(inputs, targets, h0, params, k)
    weights = {n: torch.tensor(p, requires_grad=True) for n, p in params.items()}
    total = sum(torch_step_losses(inputs, targets, torch.from_numpy(h0), weights, k))
    total.backward()
    assert loss == pytest.approx(total.item(), rel=1e-12)
    for name in params:
        np.testing.assert_allclose(grads[name], weights[name].grad.numpy(), rtol=1e-9,
                                   atol=1e-12)
    full = char_rnn_loss_and_grads(inputs, targets, h0, params)
    assert loss == pytest.approx(full[0], rel=1e-12)           # same forward pass, same loss
    np.testing.assert_allclose(h_last, full[2], atol=1e-14)    # the state is carried over
    assert relative_error(grads["W_hh"], full[1]["W_hh"]) > 1e-3  # but other gradients


@pytest.mark.parametrize("k, reach", [(1, 1), (3, 3), (4, 1), (5, 4), (None, 9), (20, 9)])
def test_gradient_reach_is_the_position_in_the_last_chunk(k, reach):
    # T = 9: the chunks are cut at multiples of k; the last step is step 8 (0-based).
    inputs, targets, h0, params = model(T=9)
    assert gradient_reach(inputs, targets, h0, params, k) == reach


@pytest.mark.parametrize("bad", [0, -2, 1.5, True])
def test_truncation_needs_a_positive_integer(bad):
    inputs, targets, h0, params = model()
    with pytest.raises(ValueError, match="k deve ser um inteiro positivo"):
        truncated_bptt(inputs, targets, h0, params, bad)


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([1.0, 2.0], [1.0, 2.2]) == pytest.approx(0.2 / 2.2)
    assert relative_error([1.0, -2.0], [-1.0, 2.0]) == 2.0  # the largest possible value


@pytest.mark.parametrize("W", [np.zeros((3, 3)), np.array([[0.0, 1.0], [0.0, 0.0]])])
def test_a_matrix_of_radius_zero_cannot_be_scaled(W):
    with pytest.raises(ValueError, match="raio espectral 0"):
        with_spectral_radius(W, 1.0)
