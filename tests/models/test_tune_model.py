"""Tunes from a blank state: windows, state resets, the training loop, the loss, composing."""

import pytest
import torch

from helpers.core.language import set_language
from helpers.core.reproducibility import seed_everything
from helpers.models.char_model import CharRNN
from helpers.models.composing import check_start, compose
from helpers.models.tune_model import (
    END,
    IGNORE,
    START,
    encode_tunes,
    reset_state,
    train_tune_model,
    tune_loss,
    tune_vocabulary,
    tune_windows,
)

TUNES = ["M:6/8\nK:G\nGAB cde|\n", "M:2/4\nK:D\nDF|A2|\n", "M:3/4\nK:Am\nA2 c2 e2|a6|]\n",
         "M:4/4\nK:C\nCDEF GABc|\n"]
VOCAB = tune_vocabulary(TUNES)
IDS = encode_tunes(TUNES, VOCAB)


def test_vocabulary_has_the_markers_and_refuses_them_inside_tunes():
    assert START in VOCAB.index and END in VOCAB.index
    assert VOCAB.decode(IDS[0]) == START + TUNES[0] + END
    with pytest.raises(ValueError, match="marcam o começo"):
        tune_vocabulary(["K:G\nG$A|"])


def test_every_tune_starts_a_window_with_the_state_reset_and_nothing_is_lost():
    x, y, fresh = tune_windows(IDS, batch_size=2, seq_len=8, end_id=VOCAB.index[END],
                               generator=torch.Generator().manual_seed(0))
    B, W, T = x.shape
    assert (B, T) == (2, 8) and fresh.shape == (B, W)
    starts = x.reshape(B, W, T)[..., 0][fresh]              # the first input of fresh windows
    assert (starts == VOCAB.index[START]).sum() == len(TUNES)  # every tune starts one
    kept = y[y != IGNORE]
    assert kept.numel() == sum(len(ids) - 1 for ids in IDS)    # every target is kept once
    assert (kept == VOCAB.index[END]).sum() == len(TUNES)
    flat_x, flat_y = x.reshape(B, -1), y.reshape(B, -1)
    inside = flat_y != IGNORE
    assert torch.equal(flat_x[:, 1:][inside[:, 1:] & inside[:, :-1]],
                       flat_y[:, :-1][inside[:, 1:] & inside[:, :-1]])  # y is x shifted


def test_reset_state_zeroes_only_fresh_rows_for_a_tensor_and_for_lstm_pairs():
    h = torch.ones(1, 3, 2)
    fresh = torch.tensor([True, False, True])
    assert reset_state(h, fresh)[0, :, 0].tolist() == [0.0, 1.0, 0.0]
    h2, c2 = reset_state((h, 2 * h), fresh)
    assert c2[0, :, 0].tolist() == [0.0, 2.0, 0.0] and h2[0, 1, 0] == 1
    assert reset_state(None, fresh) is None


def _model(seed=0, cell="lstm"):
    seed_everything(seed)
    return CharRNN(len(VOCAB), 16, 8, cell=cell)


def test_training_is_repeatable_and_lowers_the_loss():
    a = train_tune_model(_model(), IDS, 40, batch_size=2, seq_len=8, lr=1e-2, seed=3)
    b = train_tune_model(_model(), IDS, 40, batch_size=2, seq_len=8, lr=1e-2, seed=3)
    assert a == b and len(a) == 40
    model = _model()
    before = tune_loss(model, IDS)
    train_tune_model(model, IDS, 60, batch_size=2, seq_len=8, lr=1e-2)
    assert tune_loss(model, IDS) < before - 0.5
    assert model.training  # tune_loss left the mode as it was


def test_training_one_step_equals_a_step_written_out():
    ours = _model()
    losses = train_tune_model(ours, IDS, 1, batch_size=4, seq_len=64, lr=1e-2, seed=0)
    x, y, fresh = tune_windows(IDS, 4, 64, VOCAB.index[END], torch.Generator().manual_seed(0))
    theirs = _model()
    logits, _ = theirs(x[:, 0])
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(VOCAB)),
                                             y[:, 0].reshape(-1), ignore_index=IGNORE)
    assert losses[0] == pytest.approx(loss.item(), abs=1e-6)


def test_tune_loss_is_the_mean_over_targets_from_a_blank_state():
    model = _model().eval()
    total = count = 0
    for ids in IDS:
        logits, _ = model(ids[None, :-1])
        total += torch.nn.functional.cross_entropy(logits[0], ids[1:], reduction="sum").item()
        count += len(ids) - 1
    assert tune_loss(model, IDS, batch_size=3, seq_len=5) == pytest.approx(total / count,
                                                                            rel=1e-5)


def test_compose_is_seeded_starts_as_asked_and_never_draws_the_start_marker():
    model = _model()
    tunes = compose(model, VOCAB, 5, start="M:6/8\n", temperature=1.5, max_len=30, seed=2)
    assert tunes == compose(model, VOCAB, 5, start="M:6/8\n", temperature=1.5, max_len=30,
                            seed=2)
    assert all(tune.startswith("M:6/8\n") and START not in tune and END not in tune
               for tune in tunes)
    assert all(len(tune) <= len("M:6/8\n") + 30 for tune in tunes)


def test_compose_stops_at_the_end_marker():
    model = _model()
    with torch.no_grad():
        model.head.bias[VOCAB.index[END]] = 50.0  # END is certain
    assert compose(model, VOCAB, 2, start="K:G\n", seed=0) == ["K:G\n", "K:G\n"]


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_bad_starts_and_settings_are_clear_errors(lang):
    set_language(lang)
    model = _model()
    with pytest.raises(ValueError, match="'ç'|'🎵'"):
        compose(model, VOCAB, start="K:G\nçá🎵")
    with pytest.raises(ValueError, match="'@'"):
        check_start(VOCAB, "@K:G")
    with pytest.raises(TypeError, match="str"):
        check_start(VOCAB, 3)
    with pytest.raises(ValueError, match="temperature=0.7"):
        compose(model, VOCAB, temperature=None)
    with pytest.raises(ValueError):
        compose(model, VOCAB, temperature=0)
    with pytest.raises(ValueError):
        train_tune_model(model, [], 3)
    word = {"pt": "não conhece", "en": "does not know"}[lang]
    with pytest.raises(ValueError, match=word):
        check_start(VOCAB, "K:G\nQ")
