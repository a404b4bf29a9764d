"""How gradients travel back through time: Jacobian norms, clipping and truncated BPTT.

    h_t = tanh(a_t),  a_t = W_xh x_t + W_hh h_{t-1} + b_h
    ∂h_t/∂h_{t-1} = diag(1 - h_t²) W_hh
    ∂h_T/∂h_{T-d} = diag(1 - h_T²) W_hh · … · diag(1 - h_{T-d+1}²) W_hh

Norms are spectral norms ‖·‖₂ (largest singular value). In the linear regime (no tanh)
the product is W_hh^d, whose norm behaves in the long run like ρ^d for the spectral
radius ρ of W_hh: it vanishes for ρ < 1 and explodes for ρ > 1 (over the first steps it
may still grow even when ρ < 1). The tanh factors 0 < 1 - h² ≤ 1 do not by themselves make
the product smaller (W_hh need not be symmetric, and diag(d) W products can exceed W^d);
what always holds is the bound ‖∂h_T/∂h_{T-d}‖₂ ≤ (‖W_hh‖₂ · max(1 - h²))^d. Saturation
(1 - h² near 0) usually shrinks it a lot. Taught in lesson 03, which also uses the
clipping and truncated-BPTT helpers to train a character model.
"""

from __future__ import annotations

import numpy as np
import torch

from ..core.checks import positive_int
from ..core.language import register, t
from .numpy_rnn import PARAM_NAMES, char_rnn_loss_and_grads


def _square(name: str, W) -> np.ndarray:
    W = np.asarray(W, dtype=float)
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
        raise ValueError(t("grad.square", name=name, got=tuple(W.shape)))
    return W


def spectral_radius(W) -> float:
    """ρ(W): the largest absolute value of W's eigenvalues. W: (H, H)."""
    return float(np.max(np.abs(np.linalg.eigvals(_square("W", W)))))


def with_spectral_radius(W, radius: float) -> np.ndarray:
    """A copy of W scaled so that its spectral radius is `radius`. W: (H, H)."""
    if isinstance(radius, bool) or not isinstance(radius, (int, float, np.floating)) \
            or not np.isfinite(radius) or radius <= 0:
        raise ValueError(t("grad.radius", value=radius))
    W = _square("W", W)
    current = spectral_radius(W)
    if not current > 0:  # all zeros, or nilpotent: no multiple of W has radius `radius`
        raise ValueError(t("grad.zero_radius", H=W.shape[0]))
    return W * (float(radius) / current)  # (H, H)


def tanh_states(W_hh, U, h0=None) -> np.ndarray:
    """States h_1..h_T of h_t = tanh(W_hh h_{t-1} + u_t).

    U: (T, H) inputs u_t (they stand for W_xh x_t + b_h); h0: (H,), zeros if None.
    Returns (T, H).
    """
    W_hh = _square("W_hh", W_hh)
    H = W_hh.shape[0]
    U = np.asarray(U, dtype=float)
    if U.ndim != 2 or U.shape[1] != H or U.shape[0] == 0:
        raise ValueError(t("grad.states", H=H, got=tuple(U.shape)))
    h = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)  # (H,)
    states = np.empty_like(U)                                         # (T, H)
    for step, u in enumerate(U):
        h = np.tanh(W_hh @ h + u)                                     # (H,)
        states[step] = h
    return states


def state_jacobian_norms(W_hh, states=None, T: int | None = None) -> np.ndarray:
    """‖∂h_T/∂h_{T-d}‖₂ for d = 1..T (spectral norm of the Jacobian), shape (T,).

    With `states` (T, H) = h_1..h_T of a tanh run, the Jacobian is the product of
    diag(1 - h_s²) W_hh for s = T, T-1, …, T-d+1. Without states, the linear regime
    (no tanh): the Jacobian is W_hh^d and `T` says how many distances to compute.
    """
    W_hh = _square("W_hh", W_hh)
    H = W_hh.shape[0]
    if states is None:
        T = positive_int("T", T)
        slopes = np.ones((T, H))                                     # (T, H)
    else:
        states = np.asarray(states, dtype=float)
        if states.ndim != 2 or states.shape[1] != H or states.shape[0] == 0:
            raise ValueError(t("grad.states", H=H, got=tuple(states.shape)))
        slopes = 1.0 - states ** 2                                   # (T, H): tanh'(a_s)
    norms = np.empty(len(slopes))
    J = np.eye(H)                                                    # ∂h_T/∂h_T
    for d in range(1, len(slopes) + 1):
        J = J @ (slopes[-d][:, None] * W_hh)                         # (H, H): one step back
        norms[d - 1] = np.linalg.norm(J, 2)
    return norms


def global_norm(grads: dict) -> float:
    """√(sum of every squared entry of every gradient): the norm that clipping looks at."""
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))


def clip_by_norm(grads: dict, max_norm: float) -> tuple[dict, float]:
    """Gradient clipping by norm: scale all gradients together so their global norm ≤ max_norm.

    Returns (clipped gradients, norm before clipping). The direction is kept; only the
    length shrinks, and only when it is above max_norm. The inputs are not modified.
    """
    if isinstance(max_norm, bool) or not isinstance(max_norm, (int, float, np.floating)) \
            or not max_norm > 0:
        raise ValueError(t("grad.max_norm", value=max_norm))
    norm = global_norm(grads)
    scale = max_norm / norm if norm > max_norm else 1.0
    return {name: np.asarray(g) * scale for name, g in grads.items()}, norm


def truncated_bptt(inputs, targets, h0, params, k: int):
    """Loss and gradients with truncated BPTT: backpropagate at most k steps.

    The sequence is cut into chunks of k steps; the state carries forward from chunk to
    chunk, but no gradient flows back across a cut (the state is "detached"). The loss is
    the full loss; with k ≥ T the gradients are the full BPTT gradients. Same arguments
    and results as `char_rnn_loss_and_grads`, whose backward pass it runs on each chunk.
    """
    k = positive_int("k", k)
    inputs, targets = np.asarray(inputs), np.asarray(targets)
    if len(inputs) != len(targets) or len(inputs) == 0:  # let the full version explain
        return char_rnn_loss_and_grads(inputs, targets, h0, params)
    total = 0.0
    grads = {name: np.zeros(np.shape(params[name])) for name in PARAM_NAMES}
    h = np.asarray(h0, dtype=float)
    for start in range(0, len(inputs), k):
        chunk = slice(start, start + k)
        loss, chunk_grads, h = char_rnn_loss_and_grads(inputs[chunk], targets[chunk], h,
                                                       params)
        total += loss
        for name in PARAM_NAMES:
            grads[name] += chunk_grads[name]
    return total, grads, h


def torch_step_losses(inputs, targets, h0, params, k: int | None = None, X=None) -> list:
    """The same character model in torch, for autograd: the loss of each step, a list of T.

    params: dict of tensors (float64, possibly requires_grad); h0: (H,) tensor. With k,
    the state is detached every k steps (truncated BPTT). X: optional (T, V) one-hot
    inputs to use instead of `inputs` (so that their gradient can be read). Each loss is
    the cross-entropy (natural log) of one step, a 0-d tensor.
    """
    V = params["W_xh"].shape[1]
    if k is not None:
        k = positive_int("k", k)
    if X is None:
        X = torch.nn.functional.one_hot(torch.as_tensor(np.asarray(inputs)), V).double()
    h, losses = h0, []
    for step in range(len(X)):
        if k is not None and step > 0 and step % k == 0:
            h = h.detach()                                       # cut: no gradient past here
        h = torch.tanh(params["W_xh"] @ X[step] + params["W_hh"] @ h + params["b_h"])  # (H,)
        logits = params["W_hy"] @ h + params["b_y"]                                     # (V,)
        losses.append(-torch.log_softmax(logits, dim=0)[int(targets[step])])
    return losses


def gradient_reach(inputs, targets, h0, params, k: int | None = None) -> int:
    """How many inputs, counting back from the last, the last step's loss sends gradient to.

    Measured with autograd: the gradient of the last step's loss with respect to the
    one-hot inputs x_t, with the state detached every k steps (None: full BPTT).
    """
    V = np.shape(params["W_xh"])[1]
    weights = {name: torch.as_tensor(np.asarray(p, dtype=float)) for name, p in params.items()}
    X = torch.nn.functional.one_hot(torch.as_tensor(np.asarray(inputs)), V).double()
    X.requires_grad_(True)                                                  # (T, V)
    h0 = torch.as_tensor(np.asarray(h0, dtype=float))                       # (H,)
    last = torch_step_losses(inputs, targets, h0, weights, k, X=X)[-1]
    (grad_X,) = torch.autograd.grad(last, X)                                # (T, V)
    reached = np.flatnonzero(grad_X.abs().sum(dim=1).numpy() > 0)           # steps reached
    return int(len(X) - reached.min()) if reached.size else 0


def relative_error(a, b) -> float:
    """max |a - b| / max(|a|, |b|, tiny): how far two gradients are, relative to their size.

    0 means equal; values near 1 or above mean the difference is as large as the
    gradients themselves. The largest possible value is 2 (a = -b).
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-300)
    return float(np.max(np.abs(a - b)) / scale)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "grad.square": {
        "pt": "{name} deve ser uma matriz quadrada (H, H), mas tem forma {got}.",
        "en": "{name} must be a square (H, H) matrix, but has shape {got}.",
    },
    "grad.states": {
        "pt": "states deve ter forma (T, H) com T ≥ 1 e H = {H}, mas tem forma {got}.",
        "en": "states must have shape (T, H) with T ≥ 1 and H = {H}, but has shape {got}.",
    },
    "grad.zero_radius": {
        "pt": "W tem raio espectral 0 (por exemplo, só zeros): nenhum múltiplo dela tem outro "
              "raio espectral. Use uma matriz {H}×{H} com algum autovalor diferente de 0.",
        "en": "W has spectral radius 0 (all zeros, say): no multiple of it has another "
              "spectral radius. Use an {H}×{H} matrix with some non-zero eigenvalue.",
    },
    "grad.radius": {
        "pt": "O raio espectral deve ser um número positivo e finito, não {value!r}.",
        "en": "The spectral radius must be a positive, finite number, not {value!r}.",
    },
    "grad.max_norm": {
        "pt": "max_norm deve ser um número positivo, não {value!r}.",
        "en": "max_norm must be a positive number, not {value!r}.",
    },
})
