"""Dot attention: shapes, weights that sum to 1, the padding mask, the context and its checks."""

import math

import pytest
import torch

from helpers.core.language import set_language
from helpers.models.attention import dot_attention


def _inputs(B=3, T=4, S=5, H=6, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(B, T, H, generator=g), torch.randn(B, S, H, generator=g)


MASK = torch.tensor([[True, True, True, True, True],
                     [True, True, True, False, False],
                     [True, False, False, False, False]])


def test_shapes_of_context_and_weights():
    queries, keys = _inputs(B=2, T=3, S=7, H=4)
    context, weights = dot_attention(queries, keys)
    assert context.shape == (2, 3, 4) and weights.shape == (2, 3, 7)


def test_each_row_of_weights_sums_to_one_and_is_a_softmax_of_dot_products():
    queries, keys = _inputs()
    _, weights = dot_attention(queries, keys)
    assert torch.allclose(weights.sum(dim=-1), torch.ones(3, 4))
    assert (weights > 0).all()
    expected = torch.softmax(torch.einsum("bth,bsh->bts", queries, keys), dim=-1)
    assert torch.allclose(weights, expected, atol=1e-6)


def test_context_is_the_weighted_sum_of_the_keys():
    queries, keys = _inputs()
    context, weights = dot_attention(queries, keys, MASK)
    assert torch.allclose(context, torch.bmm(weights, keys), atol=1e-6)
    b, t = 1, 2
    by_hand = sum(weights[b, t, s] * keys[b, s] for s in range(keys.shape[1]))
    assert torch.allclose(context[b, t], by_hand, atol=1e-6)


def test_a_tiny_example_by_hand():
    queries = torch.tensor([[[1.0, 0.0]]])                       # (1, 1, 2)
    keys = torch.tensor([[[math.log(2), 5.0], [0.0, -1.0]]])     # scores ln 2 and 0
    context, weights = dot_attention(queries, keys)
    assert torch.allclose(weights, torch.tensor([[[2 / 3, 1 / 3]]]))
    assert torch.allclose(context, torch.tensor([[[2 / 3 * math.log(2), 3.0]]]))
    queries = torch.tensor([[[1.0], [0.0]]])                     # H = 1, two queries
    keys = torch.tensor([[[0.0], [math.log(3)]]])
    context, weights = dot_attention(queries, keys)
    assert torch.allclose(weights, torch.tensor([[[0.25, 0.75], [0.5, 0.5]]]))
    assert torch.allclose(context[0, :, 0], torch.tensor([0.75, 0.5]) * math.log(3))


def test_padding_gets_weight_exactly_zero_and_the_rest_sums_to_one():
    queries, keys = _inputs()
    _, weights = dot_attention(queries, keys, MASK)
    assert (weights.masked_select(~MASK[:, None, :].expand_as(weights)) == 0).all()
    assert (weights.masked_select(MASK[:, None, :].expand_as(weights)) > 0).all()
    assert torch.allclose(weights.sum(dim=-1), torch.ones(3, 4))
    assert torch.equal(weights[2, :, 0], torch.ones(4))        # one real word takes it all


def test_what_the_keys_hold_at_padding_does_not_change_the_context():
    queries, keys = _inputs()
    context, weights = dot_attention(queries, keys, MASK)
    changed = keys.clone()
    changed[~MASK] = 1000.0 * torch.randn(int((~MASK).sum()), keys.shape[2])
    context2, weights2 = dot_attention(queries, changed, MASK)
    assert torch.allclose(context, context2, atol=1e-6)
    assert torch.allclose(weights, weights2, atol=1e-6)


def test_masked_weights_are_the_softmax_over_the_real_positions_only():
    queries, keys = _inputs()
    context, weights = dot_attention(queries, keys, MASK)
    real = int(MASK[1].sum())
    alone, alone_weights = dot_attention(queries[1:2], keys[1:2, :real])
    assert torch.allclose(weights[1:2, :, :real], alone_weights, atol=1e-6)
    assert torch.allclose(context[1:2], alone, atol=1e-6)


def test_equal_keys_give_uniform_weights_over_the_real_positions():
    queries, _ = _inputs()
    key = torch.tensor([0.5, -1.0, 2.0, 0.0, 1.0, 3.0])
    context, weights = dot_attention(queries, key.expand(3, 5, 6), MASK)
    real = MASK.sum(dim=1).float()                             # 5, 3, 1 real words
    expected = (MASK.float() / real[:, None])[:, None, :].expand(3, 4, 5)
    assert torch.allclose(weights, expected, atol=1e-6)
    assert torch.allclose(context, key.expand(3, 4, 6), atol=1e-6)  # the average of equals


def test_gradients_reach_queries_and_keys_without_nan_and_none_reach_padding_keys():
    queries, keys = _inputs()
    queries.requires_grad_(True)
    keys.requires_grad_(True)
    context, weights = dot_attention(queries, keys, MASK)
    (context.pow(2).sum() + weights[:, :, 0].sum()).backward()
    assert torch.isfinite(queries.grad).all() and torch.isfinite(keys.grad).all()
    assert queries.grad.abs().sum() > 0
    assert keys.grad[MASK].abs().sum() > 0
    assert (keys.grad[~MASK] == 0).all()
    assert (queries.grad[2] == 0).all()                        # one real word: nothing to move


@pytest.mark.parametrize("queries, keys", [
    (torch.zeros(2, 3, 4), torch.zeros(3, 5, 4)),              # B differs
    (torch.zeros(2, 3, 4), torch.zeros(2, 5, 6)),              # H differs
    (torch.zeros(3, 4), torch.zeros(2, 5, 4)),                 # 2-D queries
    (torch.zeros(2, 3, 4), torch.zeros(5, 4)),                 # 2-D keys
    (torch.zeros(1, 2, 3, 4), torch.zeros(1, 2, 3, 4)),        # 4-D
])
def test_wrong_shapes_are_clear_errors(queries, keys):
    with pytest.raises(ValueError, match=r"A atenção espera consultas \(B, T, H\)"):
        dot_attention(queries, keys)


def test_shape_error_names_what_came_in_both_languages():
    with pytest.raises(ValueError, match=r"recebi \(2, 3, 4\) e \(2, 5, 6\)"):
        dot_attention(torch.zeros(2, 3, 4), torch.zeros(2, 5, 6))
    set_language("en")
    with pytest.raises(ValueError, match=r"got \(2, 3, 4\) and \(2, 5, 6\)"):
        dot_attention(torch.zeros(2, 3, 4), torch.zeros(2, 5, 6))


@pytest.mark.parametrize("mask", [
    torch.ones(3, 4, dtype=torch.bool),                        # S too short
    torch.ones(2, 5, dtype=torch.bool),                        # B too short
    torch.ones(3, 5, 1, dtype=torch.bool),                     # 3-D
    torch.tensor([[True] * 5, [False] * 5, [True] * 5]),       # a row with no real word
])
def test_a_wrong_mask_is_a_clear_error(mask):
    queries, keys = _inputs()
    with pytest.raises(ValueError, match="A máscara deve ter a forma \\(3, 5\\)"):
        dot_attention(queries, keys, mask)
