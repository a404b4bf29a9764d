"""The LSTM and GRU steps in PyTorch's formulation, and a recorded pass of any PyTorch
recurrent layer (nn.RNN, nn.LSTM or nn.GRU) for the stepper.

    LSTM  i, f, o = σ(·), g = tanh(·)     c_t = f ⊙ c_{t-1} + i ⊙ g     h_t = o ⊙ tanh(c_t)
    GRU   r, z = σ(·)                      n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
                                           h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}

PyTorch stacks the gates' weights in one matrix, in the order i, f, g, o (LSTM) and r, z, n
(GRU), and adds two biases, b_ih and b_hh. Lesson 05 writes both cells in its own cells and
checks them against nn.LSTMCell and nn.GRUCell; `cell_step` is the same code, reused by
`trace_layer`, which feeds the gate stepper.
"""

from __future__ import annotations

import torch
from torch import nn

from ..core.language import register, t
from ..core.trace import StepTrace

KINDS = {nn.RNN: "rnn", nn.LSTM: "lstm", nn.GRU: "gru"}


def cell_step(cell: str, x, h, c, W_ih, W_hh, b_ih, b_hh) -> tuple:
    """One step of `cell` ("rnn", "lstm" or "gru") for one sequence: x (D,), h and c (H,).

    Returns (h_t, c_t or None, pre-activation a_t or None, {gate: values (H,)}).
    """
    H = h.shape[0]
    gi, gh = W_ih @ x + b_ih, W_hh @ h + b_hh                         # (G·H,) each
    if cell == "rnn":
        a = gi + gh                                                   # (H,)
        return torch.tanh(a), None, a, {}
    if cell == "lstm":
        i, f, g, o = (gi + gh).split(H)                               # (H,) each
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c = f * c + i * g                                             # (H,)
        return o * torch.tanh(c), c, None, {"i": i, "f": f, "g": g, "o": o}
    r = torch.sigmoid(gi[:H] + gh[:H])                                # gru: reset (H,)
    z = torch.sigmoid(gi[H:2 * H] + gh[H:2 * H])                      # update (H,)
    n = torch.tanh(gi[2 * H:] + r * gh[2 * H:])                       # candidate (H,)
    return (1 - z) * n + z * h, None, None, {"r": r, "z": z, "n": n}


@torch.no_grad()
def trace_layer(rnn: nn.Module, x: torch.Tensor, tokens: list[str],
                head: nn.Linear | None = None, labels: list[str] | None = None) -> StepTrace:
    """Run a one-layer `rnn` over one sequence x (T, D), step by step in float64, from
    h_0 = 0 (and c_0 = 0), and record h_t, the gates, c_t (LSTM) and a_t (RNN).

    `tokens` (T labels) name the inputs; with `head` (the layer from h_t to the outputs)
    and its `labels`, the trace also holds each step's output distribution ŷ_t.
    """
    kind = KINDS.get(type(rnn))
    if kind is None or rnn.num_layers != 1 or rnn.bidirectional:
        raise TypeError(t("trace_layer.kind", kind=type(rnn).__name__))
    if not (isinstance(x, torch.Tensor) and x.ndim == 2 and x.shape[1] == rnn.input_size):
        got = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
        raise ValueError(t("trace_layer.x", D=rnn.input_size, got=got))
    weights = [getattr(rnn, name).double().cpu() for name in
               ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")]
    h = torch.zeros(rnn.hidden_size, dtype=torch.float64)            # h_0 (H,)
    c = torch.zeros_like(h)                                           # c_0 (H,), LSTM only
    hs, cs, pres, gates = [h], [c], [], {}
    for x_t in x.double().cpu():                                      # (D,)
        h, c_new, a, step_gates = cell_step(kind, x_t, h, c, *weights)
        c = c if c_new is None else c_new
        hs.append(h)
        cs.append(c)
        if a is not None:
            pres.append(a)
        for name, values in step_gates.items():
            gates.setdefault(name, []).append(values)
    h_all = torch.stack(hs)                                           # (T + 1, H)
    probs = None
    if head is not None:
        logits = h_all[1:] @ head.weight.double().cpu().T + head.bias.double().cpu()
        probs = torch.softmax(logits, dim=-1).numpy()                 # (T, V)
    return StepTrace(tokens=tokens, h=h_all.numpy(), probs=probs, vocab=labels,
                     pre=torch.stack(pres).numpy() if pres else None,
                     gates={k: torch.stack(v).numpy() for k, v in gates.items()},
                     extra={"c": torch.stack(cs).numpy()} if kind == "lstm" else {})


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "trace_layer.kind": {
        "pt": "trace_layer lê uma camada nn.RNN, nn.LSTM ou nn.GRU de uma camada só, "
              "unidirecional; recebi {kind}.",
        "en": "trace_layer reads a one-layer, one-directional nn.RNN, nn.LSTM or nn.GRU; "
              "got {kind}.",
    },
    "trace_layer.x": {
        "pt": "As entradas de uma sequência devem ser um tensor (T, {D}); recebi {got}.",
        "en": "The inputs of one sequence must be a tensor (T, {D}); got {got}.",
    },
})
