"""Lesson 07's translator: encoder-decoder shapes, batches, training, greedy and beam decoding."""

import math

import pytest
import torch
from torch import nn

from helpers.core.language import set_language
from helpers.data.number_words import pairs
from helpers.data.vocabulary import Vocabulary
from helpers.models.beam import beam_search
from helpers.models.translator import (
    Translator,
    exact_match,
    make_batch,
    train_translator,
    translate,
)

NUMBERS = list(range(0, 60)) + [100, 101, 342, 1000, 1234, 21000, 342007]
PAIRS = pairs(NUMBERS)
SOURCE_VOCAB = Vocabulary.from_tokens([s for s, _ in PAIRS], specials=True)
TARGET_VOCAB = Vocabulary.from_tokens([g for _, g in PAIRS], specials=True)
SOURCE, PREVIOUS, FOLLOWING = make_batch(SOURCE_VOCAB, TARGET_VOCAB, PAIRS)
LENGTHS = (SOURCE != 0).sum(dim=1)


def _model(attention=True, seed=0):
    torch.manual_seed(seed)
    return Translator(len(SOURCE_VOCAB), len(TARGET_VOCAB), hidden_size=16, embedding_dim=8,
                      attention=attention)


def _train(model, steps=40, seed=1):
    return train_translator(model, SOURCE, PREVIOUS, FOLLOWING, steps, batch_size=16, lr=1e-2,
                            seed=seed)


def _loss(model):
    with torch.no_grad():
        scores, _ = model(SOURCE, PREVIOUS)
        return nn.functional.cross_entropy(scores.flatten(0, 1), FOLLOWING.flatten(),
                                           ignore_index=0).item()


@pytest.fixture(scope="module")
def trained():
    """Both kinds of model after a short training (enough for some exact translations)."""
    models = {}
    for attention in (True, False):
        models[attention] = _model(attention)
        _train(models[attention], steps=120)
    return models


def _log_probability(model, source, ids, end_id=2):
    """Each row's log-probability, by teacher forcing the row's words (up to and with
    end_id) through the model: the sum of log_softmax of the chosen words."""
    previous = torch.cat([torch.ones(len(ids), 1, dtype=torch.long), ids[:, :-1]], dim=1)
    ended = (ids == end_id).long()
    counted = (ended.cumsum(dim=1) - ended) == 0             # words up to and with </s>
    with torch.no_grad():
        scores, _ = model(source, previous)                   # the decoder is causal
    chosen = torch.log_softmax(scores, dim=-1).gather(2, ids[:, :, None])[:, :, 0]
    return (chosen * counted).sum(dim=1)


# ---- the model ----

def test_forward_shapes_with_attention():
    model = _model(attention=True)
    scores, weights = model(SOURCE, PREVIOUS)
    B, S = SOURCE.shape
    T = PREVIOUS.shape[1]
    assert scores.shape == (B, T, len(TARGET_VOCAB))
    assert weights.shape == (B, T, S)
    assert torch.allclose(weights.sum(dim=-1), torch.ones(B, T), atol=1e-6)
    assert (weights.masked_select((SOURCE == 0)[:, None, :].expand(B, T, S)) == 0).all()
    assert model.combine is not None


def test_forward_shapes_without_attention():
    model = _model(attention=False)
    scores, weights = model(SOURCE, PREVIOUS)
    assert scores.shape == (*PREVIOUS.shape, len(TARGET_VOCAB))
    assert weights is None and model.combine is None


def test_encode_state_is_the_encoder_state_after_each_sentences_last_word():
    model = _model()
    states, h_S, mask = model.encode(SOURCE)
    assert states.shape == (*SOURCE.shape, 16) and h_S.shape == (1, len(SOURCE), 16)
    assert torch.equal(mask, SOURCE != 0)
    assert len(set(LENGTHS.tolist())) > 2                      # sentences of many lengths
    for b in range(0, len(SOURCE), 6):
        n = int(LENGTHS[b])
        with torch.no_grad():
            _, alone = model.encoder(model.source_embedding(SOURCE[b:b + 1, :n]))
        assert torch.allclose(h_S[0, b], alone[0, 0], atol=1e-6)
        assert torch.equal(h_S[0, b], states[b, n - 1])


@pytest.mark.parametrize("attention", [True, False])
def test_more_padding_changes_neither_h_S_nor_the_scores(attention):
    model = _model(attention)
    padded = torch.cat([SOURCE, torch.zeros(len(SOURCE), 4, dtype=torch.long)], dim=1)
    _, h_S, _ = model.encode(SOURCE)
    _, h_S_padded, _ = model.encode(padded)
    assert torch.allclose(h_S, h_S_padded, atol=1e-6)
    with torch.no_grad():
        scores, weights = model(SOURCE, PREVIOUS)
        scores_padded, weights_padded = model(padded, PREVIOUS)
    assert torch.allclose(scores, scores_padded, atol=1e-5)
    if attention:
        assert torch.allclose(weights, weights_padded[:, :, :SOURCE.shape[1]], atol=1e-6)
        assert (weights_padded[:, :, SOURCE.shape[1]:] == 0).all()


# ---- batches ----

def test_make_batch_by_hand():
    batch = [(["vinte", "e", "um"], ["twenty", "-", "one"]), (["dez"], ["ten"])]
    source, previous, following = make_batch(SOURCE_VOCAB, TARGET_VOCAB, batch)
    s, g = SOURCE_VOCAB.index, TARGET_VOCAB.index
    assert source.tolist() == [[s["vinte"], s["e"], s["um"]], [s["dez"], 0, 0]]
    assert previous.tolist() == [[1, g["twenty"], g["-"], g["one"]], [1, g["ten"], 0, 0]]
    assert following.tolist() == [[g["twenty"], g["-"], g["one"], 2], [g["ten"], 2, 0, 0]]


def test_make_batch_starts_with_s_ends_with_end_at_each_length_and_pads_with_zero():
    assert SOURCE.shape[0] == PREVIOUS.shape[0] == FOLLOWING.shape[0] == len(PAIRS)
    assert PREVIOUS.shape == FOLLOWING.shape
    assert (PREVIOUS[:, 0] == 1).all()
    for b, (source, target) in enumerate(PAIRS):
        n = len(target)
        assert SOURCE[b, :len(source)].tolist() == SOURCE_VOCAB.encode(source).tolist()
        assert (SOURCE[b, len(source):] == 0).all()
        assert FOLLOWING[b, n] == 2 and (FOLLOWING[b, n + 1:] == 0).all()
        assert (FOLLOWING[b, :n] > 2).all() and (PREVIOUS[b, 1:n + 1] > 2).all()
        assert torch.equal(PREVIOUS[b, 1:n + 1], FOLLOWING[b, :n])  # shifted by one
        assert (PREVIOUS[b, n + 1:] == 0).all()


# ---- training ----

@pytest.mark.parametrize("attention", [True, False])
def test_training_lowers_the_loss(attention):
    model = _model(attention)
    before = _loss(model)
    losses = _train(model, steps=60)
    assert len(losses) == 60 and all(math.isfinite(v) for v in losses)
    assert _loss(model) < before - 1.0
    assert sum(losses[-5:]) / 5 < losses[0] - 1.0


def test_training_is_repeatable_for_the_same_seeds_and_changes_with_the_seed():
    a = _train(_model(seed=0), steps=15, seed=3)
    b = _train(_model(seed=0), steps=15, seed=3)
    assert a == b
    assert _train(_model(seed=0), steps=15, seed=4) != a      # other batches
    assert _train(_model(seed=5), steps=15, seed=3) != a      # other starting weights


def test_training_one_step_is_the_cross_entropy_of_one_batch():
    model = _model()
    losses = train_translator(model, SOURCE, PREVIOUS, FOLLOWING, 1, batch_size=1000, lr=1e-2)
    assert losses[0] == pytest.approx(_loss(_model()), abs=1e-5)  # every row, padding skipped


def test_training_calls_back_after_every_step():
    calls = []
    losses = train_translator(_model(), SOURCE, PREVIOUS, FOLLOWING, 5, batch_size=8,
                              callback=lambda step, loss: calls.append((step, loss)))
    assert calls == list(enumerate(losses, start=1))


@pytest.mark.parametrize("argument, match", [
    (dict(steps=0), "steps deve ser um inteiro positivo"),
    (dict(steps=True), "steps deve ser um inteiro positivo"),
    (dict(batch_size=0), "batch_size deve ser um inteiro positivo"),
    (dict(lr=-1), "lr deve ser um número positivo"),
    (dict(lr=float("nan")), "lr deve ser um número positivo"),
    (dict(clip=0), "clip deve ser um número positivo"),
])
def test_bad_training_settings_are_clear_errors(argument, match):
    settings = dict(steps=3, batch_size=8, lr=1e-2, clip=1.0) | argument
    with pytest.raises(ValueError, match=match):
        train_translator(_model(), SOURCE, PREVIOUS, FOLLOWING, **settings)


def test_rows_that_do_not_match_are_a_clear_error_in_both_languages():
    with pytest.raises(ValueError, match="mesmo número de frases"):
        train_translator(_model(), SOURCE[:-1], PREVIOUS, FOLLOWING, 3)
    with pytest.raises(ValueError, match="mesmo número de frases"):
        train_translator(_model(), SOURCE, PREVIOUS, FOLLOWING[:5], 3)
    set_language("en")
    with pytest.raises(ValueError, match="same number of sentences"):
        train_translator(_model(), SOURCE, PREVIOUS[:2], FOLLOWING, 3)


def test_source_ids_outside_the_vocabulary_are_a_clear_error():
    bad = SOURCE.clone()
    bad[0, 0] = len(SOURCE_VOCAB)
    with pytest.raises(ValueError, match="source: os ids devem ser inteiros entre 0 e"):
        train_translator(_model(), bad, PREVIOUS, FOLLOWING, 3)


# ---- greedy decoding ----

@pytest.mark.parametrize("attention", [True, False])
def test_translate_gives_ids_with_zero_after_the_end_and_weights_that_sum_to_one(attention,
                                                                                 trained):
    model = trained[attention]
    ids, weights = translate(model, SOURCE, max_len=12)
    B = len(SOURCE)
    assert ids.shape[0] == B and 1 <= ids.shape[1] <= 12 and ids.dtype == torch.long
    for row in ids.tolist():
        if 2 in row:
            assert all(w == 0 for w in row[row.index(2) + 1:])
        assert 0 not in row[:row.index(2) if 2 in row else len(row)]
    assert (ids == 2).any(dim=1).all()                         # trained: every row ends
    if attention:
        assert weights.shape == (B, ids.shape[1], SOURCE.shape[1])
        assert torch.allclose(weights.sum(dim=-1), torch.ones(B, ids.shape[1]), atol=1e-6)
        assert (weights.masked_select((SOURCE == 0)[:, None, :].expand_as(weights)) == 0).all()
    else:
        assert weights is None


def test_translate_is_the_argmax_of_the_teacher_forced_scores_of_its_own_output(trained):
    model = trained[True]
    ids, _ = translate(model, SOURCE, max_len=12)
    previous = torch.cat([torch.ones(len(ids), 1, dtype=torch.long), ids[:, :-1]], dim=1)
    with torch.no_grad():
        scores, _ = model(SOURCE, previous)
    chosen = scores.argmax(dim=-1)
    written = ids != 0
    assert torch.equal(chosen[written], ids[written])


def test_translate_stops_at_max_len_and_learns_some_exact_translations(trained):
    ids, _ = translate(_model(), SOURCE, max_len=3)
    assert ids.shape[1] <= 3
    ids, _ = translate(trained[True], SOURCE, max_len=12)
    right = exact_match(TARGET_VOCAB, ids, [g for _, g in PAIRS])
    assert sum(right) >= 10                                     # far above chance (0)


@pytest.mark.parametrize("training", [True, False])
def test_decoding_leaves_the_mode_as_it_was(training):
    model = _model()
    model.train(training)
    translate(model, SOURCE[:4], max_len=5)
    assert model.training is training
    beam_search(model, SOURCE[:4], k=3, max_len=5)
    assert model.training is training


def test_exact_match_counts_by_hand():
    vocab = Vocabulary.from_tokens([["one", "hundred"], ["twenty", "-", "one"]], specials=True)
    e = vocab.index
    ids = torch.tensor([
        [e["one"], e["hundred"], 2, 0],                       # right
        [e["twenty"], e["-"], e["one"], 2],                   # right, ends at the last place
        [e["twenty"], e["-"], 2, e["one"]],                   # stops early: wrong
        [e["one"], e["hundred"], e["one"], 2],                # one word too many
        [e["one"], e["hundred"], 0, 0],                       # no end, but the same words
    ])
    targets = [["one", "hundred"], ["twenty", "-", "one"], ["twenty", "-", "one"],
               ["one", "hundred"], ["one", "hundred"]]
    assert exact_match(vocab, ids, targets) == [True, True, False, False, True]
    assert exact_match(vocab, ids[:1], [("one", "hundred")]) == [True]


# ---- beam search ----

@pytest.mark.parametrize("attention", [True, False])
@pytest.mark.parametrize("train", [False, True])
def test_beam_of_one_is_greedy_decoding(attention, train, trained):
    model = trained[attention] if train else _model(attention)
    greedy, _ = translate(model, SOURCE, max_len=12)
    ids, score = beam_search(model, SOURCE, k=1, max_len=12)
    assert torch.equal(ids, greedy)
    assert torch.allclose(score, _log_probability(model, SOURCE, greedy), atol=1e-4)


@pytest.mark.parametrize("attention", [True, False])
@pytest.mark.parametrize("train", [False, True])
def test_beam_of_four_scores_its_translation_and_beats_greedy(attention, train, trained):
    model = trained[attention] if train else _model(attention)
    greedy, _ = translate(model, SOURCE, max_len=12)
    ids, score = beam_search(model, SOURCE, k=4, max_len=12)
    assert ids.shape[0] == len(SOURCE) and ids.shape[1] <= 12 and score.shape == (len(SOURCE),)
    for row in ids.tolist():
        if 2 in row:
            assert all(w == 0 for w in row[row.index(2) + 1:])
    ours = _log_probability(model, SOURCE, ids)
    assert torch.allclose(score, ours, atol=1e-4)
    assert (ours >= _log_probability(model, SOURCE, greedy) - 1e-4).all()


class _Scripted(nn.Module):
    """A stand-in translator whose next-word probabilities depend only on the last word:
    ids 0 <pad>, 1 <s>, 2 </s>, 3 "a", 4 "b"."""

    attention = False

    def __init__(self, table):
        super().__init__()
        self.table = nn.Parameter(torch.tensor(table).log(), requires_grad=False)

    def encode(self, source):
        B = source.shape[0]
        return torch.zeros(B, source.shape[1], 1), torch.zeros(1, B, 1), source != 0

    def decode(self, previous, states, mask, h):
        return self.table[previous[:, -1]][:, None, :], h, None


TINY = 1e-6


def test_beam_finds_the_likelier_translation_that_greedy_misses():
    model = _Scripted([[TINY, TINY, 1.0, TINY, TINY],            # after <pad>: </s>
                       [TINY, TINY, TINY, 0.6, 0.4],             # after <s>: a .6, b .4
                       [TINY, TINY, 1.0, TINY, TINY],            # after </s>
                       [TINY, TINY, 0.2, 0.5, 0.3],              # after a: a .5 (never ends)
                       [TINY, TINY, 0.9, 0.05, 0.05]])           # after b: </s> .9
    source = torch.ones(2, 3, dtype=torch.long)
    greedy, _ = translate(model, source, max_len=5)
    assert greedy.tolist() == [[3, 3, 3, 3, 3]] * 2
    ids, score = beam_search(model, source, k=1, max_len=5)
    assert ids.tolist() == [[3, 3, 3, 3, 3]] * 2
    assert score.tolist() == pytest.approx([math.log(0.6 * 0.5 ** 4)] * 2, abs=1e-4)
    ids, score = beam_search(model, source, k=2, max_len=5)
    assert ids.tolist() == [[4, 2, 0, 0, 0]] * 2
    assert score.tolist() == pytest.approx([math.log(0.4 * 0.9)] * 2, abs=1e-4)


def test_beam_prefers_a_finished_translation_to_a_likelier_unfinished_one():
    model = _Scripted([[TINY, TINY, 1.0, TINY, TINY],
                       [TINY, TINY, TINY, 0.6, 0.4],             # after <s>: a .6, b .4
                       [TINY, TINY, 1.0, TINY, TINY],
                       [TINY, TINY, 0.05, 0.9, 0.05],            # after a: a .9
                       [TINY, TINY, 0.5, 0.25, 0.25]])           # after b: </s> .5
    ids, score = beam_search(model, torch.ones(1, 2, dtype=torch.long), k=2, max_len=2)
    assert ids.tolist() == [[4, 2]]                              # not "a a" (.54, no end)
    assert score.item() == pytest.approx(math.log(0.2), abs=1e-4)


@pytest.mark.parametrize("argument, match", [
    (dict(k=0), "k deve ser um inteiro positivo"),
    (dict(k=-2), "k deve ser um inteiro positivo"),
    (dict(k=2.0), "k deve ser um inteiro positivo"),
    (dict(max_len=0), "max_len deve ser um inteiro positivo"),
])
def test_bad_beam_settings_are_clear_errors(argument, match):
    with pytest.raises(ValueError, match=match):
        beam_search(_model(), SOURCE[:2], **argument)
