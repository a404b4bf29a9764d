"""The recurrent cell in plain NumPy: one step, a whole sequence, and BPTT by hand.

    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)

The weight layout is torch.nn.RNN's: W_xh is `weight_ih_l0` (H, D), W_hh is
`weight_hh_l0` (H, H) and b_h is `bias_ih_l0 + bias_hh_l0`, so weights copy across with
no transpose. Row vectors are batched as (B, D), hence the `x @ W_xh.T` below.
Taught in lessons 01 (the cell), 02 (unrolling) and 03 (training and BPTT).
"""

from __future__ import annotations

import numpy as np

from ..core.checks import check_shape, ids_tensor
from ..core.language import register, t
from ..core.trace import StepTrace


def rnn_step(x, h_prev, W_xh, W_hh, b_h) -> np.ndarray:
    """One step of the cell. x (B, D), h_prev (B, H) -> h (B, H)."""
    W_xh = check_shape("W_xh", W_xh, (None, None))
    H, D = W_xh.shape
    W_hh = check_shape("W_hh", W_hh, (H, H))
    b_h = check_shape("b_h", b_h, (H,))
    x = check_shape("x", x, (None, D))
    h_prev = check_shape("h_prev", h_prev, (x.shape[0], H))
    return np.tanh(x @ W_xh.T + h_prev @ W_hh.T + b_h)  # (B, H)


def rnn_forward(X, h0, W_xh, W_hh, b_h) -> np.ndarray:
    """The cell unrolled over a sequence. X (T, B, D), h0 (B, H) -> all states (T, B, H)."""
    W_xh = check_shape("W_xh", W_xh, (None, None))
    H, D = W_xh.shape
    X = check_shape("X", X, (None, None, D))
    T, B, _ = X.shape
    h = check_shape("h0", h0, (B, H))
    states = np.empty((T, B, H), dtype=np.result_type(X, h, W_xh))
    for step in range(T):
        h = rnn_step(X[step], h, W_xh, W_hh, b_h)  # (B, H): the same weights at every step
        states[step] = h
    return states


PARAM_NAMES = ("W_xh", "W_hh", "W_hy", "b_h", "b_y")


def _check_ids(name: str, ids, V: int) -> np.ndarray:
    """A 1-D sequence of ids in 0 … V - 1 (checked in `helpers.core.checks`) as NumPy."""
    if np.size(ids) == 0:
        return np.zeros(0, dtype=int)  # the length check of the caller explains the problem
    array = ids_tensor(name, ids, V).numpy()
    if array.ndim != 1:
        raise ValueError(t("shape.bad", name=name, expected="(T,)", got=array.shape))
    return array


def char_rnn_loss_and_grads(inputs, targets, h0, params):
    """Loss, gradients (BPTT by hand) and last state of a character RNN on one sequence.

    inputs, targets: T integer token ids; h0: (H,); params: W_xh (H, V), W_hh (H, H),
    W_hy (V, H), b_h (H,), b_y (V,). The loss is the sum over t of the cross-entropy of
    softmax(W_hy h_t + b_y) against targets[t] (natural log). Returns
    (loss, grads, h_last) with grads shaped like params and h_last = h_T, shape (H,).
    """
    missing = [name for name in PARAM_NAMES if name not in params]
    if missing:
        raise ValueError(t("params.missing", missing=", ".join(missing)))
    W_xh = check_shape("W_xh", params["W_xh"], (None, None))
    H, V = W_xh.shape
    W_hh = check_shape("W_hh", params["W_hh"], (H, H))
    W_hy = check_shape("W_hy", params["W_hy"], (V, H))
    b_h = check_shape("b_h", params["b_h"], (H,))
    b_y = check_shape("b_y", params["b_y"], (V,))
    h0 = check_shape("h0", h0, (H,))
    inputs, targets = _check_ids("inputs", inputs, V), _check_ids("targets", targets, V)
    if len(inputs) != len(targets) or len(inputs) == 0:
        raise ValueError(t("ids.length", n_in=len(inputs), n_out=len(targets)))

    # Forward: keep every h_t and p_t for the backward pass.
    T = len(inputs)
    hs = {-1: h0}
    ps = {}
    loss = 0.0
    for step in range(T):
        x = np.zeros(V)
        x[inputs[step]] = 1.0                                             # one-hot (V,)
        hs[step] = np.tanh(W_xh @ x + W_hh @ hs[step - 1] + b_h)          # (H,)
        y = W_hy @ hs[step] + b_y                                         # (V,) logits
        y = y - y.max()                                                   # stable softmax
        ps[step] = np.exp(y) / np.exp(y).sum()                            # (V,)
        loss += -np.log(ps[step][targets[step]])

    # Backward through time: from the last step to the first.
    grads = {name: np.zeros_like(np.asarray(params[name], dtype=float)) for name in PARAM_NAMES}
    dh_next = np.zeros(H)                       # gradient flowing into h_t from step t+1
    for step in reversed(range(T)):
        dy = ps[step].copy()
        dy[targets[step]] -= 1.0                # dL/dlogits for softmax + cross-entropy (V,)
        grads["W_hy"] += np.outer(dy, hs[step])
        grads["b_y"] += dy
        dh = W_hy.T @ dy + dh_next              # (H,): from the output and from the future
        da = (1.0 - hs[step] ** 2) * dh         # (H,): through tanh
        grads["b_h"] += da
        grads["W_xh"][:, inputs[step]] += da    # x is one-hot: only one column gets gradient
        grads["W_hh"] += np.outer(da, hs[step - 1])
        dh_next = W_hh.T @ da
    return float(loss), grads, hs[T - 1]


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, shifted by the maximum for numerical stability."""
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def trace_numpy_rnn(tokens, X, h0, W_xh, W_hh, b_h, W_hy=None, b_y=None,
                    vocab=None) -> StepTrace:
    """Run the NumPy cell over ONE sequence and record every step.

    tokens: T labels of the inputs; X (T, D); h0 (H,); W_xh (H, D), W_hh (H, H), b_h (H,);
    optional output layer W_hy (V, H), b_y (V,) (zeros when left out) with `vocab`, V
    labels (default "0" … "V-1"). probs[t-1] = softmax(W_hy h_t + b_y).
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(t("trace.X", got=tuple(X.shape)))
    T = X.shape[0]
    tokens = list(tokens)
    if len(tokens) != T:
        raise ValueError(t("trace.tokens", n=len(tokens), T=T))
    h0 = np.asarray(h0, dtype=float)
    if h0.ndim != 1:
        raise ValueError(t("shape.bad", name="h0", expected="(H,)", got=tuple(h0.shape)))
    h = h0[None, :]                                              # (1, H)
    states, pres = [h0], []
    for step in range(T):
        x = X[step][None, :]                                     # (1, D)
        h_next = rnn_step(x, h, W_xh, W_hh, b_h)                 # (1, H), checks every shape
        pre = x @ np.asarray(W_xh).T + h @ np.asarray(W_hh).T + np.asarray(b_h)  # (1, H)
        states.append(h_next[0])
        pres.append(pre[0])
        h = h_next
    hs = np.stack(states)                                        # (T + 1, H)
    probs = None
    if W_hy is not None:
        W_hy = np.asarray(W_hy, dtype=float)
        H = hs.shape[1]
        if W_hy.ndim != 2 or W_hy.shape[1] != H:
            raise ValueError(t("shape.bad", name="W_hy", expected=f"(V, {H})",
                               got=tuple(W_hy.shape)))
        V = W_hy.shape[0]
        b_y = np.zeros(V) if b_y is None else np.asarray(b_y, dtype=float)
        if b_y.shape != (V,):
            raise ValueError(t("shape.bad", name="b_y", expected=f"({V},)", got=b_y.shape))
        vocab = [str(i) for i in range(V)] if vocab is None else list(vocab)
        if len(vocab) != V:
            raise ValueError(t("trace.vocab", n=len(vocab), V=V))
        probs = softmax(hs[1:] @ W_hy.T + b_y)                   # (T, V)
    return StepTrace(tokens=tokens, h=hs, pre=np.stack(pres), probs=probs,
                     vocab=vocab if probs is not None else None)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "ids.length": {
        "pt": "inputs e targets devem ter o mesmo comprimento T ≥ 1, mas têm {n_in} e {n_out}.",
        "en": "inputs and targets must have the same length T ≥ 1, but have {n_in} and {n_out}.",
    },
    "params.missing": {
        "pt": "Faltam parâmetros: {missing}. O dicionário precisa de W_xh, W_hh, W_hy, b_h, b_y.",
        "en": "Missing parameters: {missing}. The dict needs W_xh, W_hh, W_hy, b_h, b_y.",
    },
    "trace.X": {
        "pt": "X deve ter forma (T, D) com T ≥ 1, mas tem forma {got}.",
        "en": "X should have shape (T, D) with T ≥ 1, but has shape {got}.",
    },
    "trace.tokens": {
        "pt": "Há {n} rótulos em tokens, mas X tem T = {T} passos.",
        "en": "tokens has {n} labels, but X has T = {T} steps.",
    },
    "trace.vocab": {
        "pt": "vocab tem {n} rótulos, mas W_hy produz V = {V} saídas.",
        "en": "vocab has {n} labels, but W_hy produces V = {V} outputs.",
    },
})
