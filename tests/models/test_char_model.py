"""The character model and its training loops: shapes, batching, state carry, clipping."""

import math

import numpy as np
import pytest
import torch

import helpers.models.training as training
from helpers.core.language import set_language
from helpers.core.reproducibility import seed_everything
from helpers.core.threads import cpu_threads
from helpers.data.vocabulary import Vocabulary
from helpers.models.char_model import CharRNN, detach_state, trace_char_model
from helpers.models.sampling import greedy_complete
from helpers.models.training import (
    bits_per_char,
    chunk_batches,
    sentence_pairs,
    train_char_model,
    train_full_batch,
)

SENTENCES = ["oi como voce esta", "eu estou bem", "tenha um bom dia"]


@pytest.mark.parametrize("embedding_dim, D", [(None, 7), (5, 5)])
def test_forward_shapes(embedding_dim, D):
    model = CharRNN(7, 4, embedding_dim)
    ids = torch.randint(0, 7, (3, 6))
    assert model.inputs(ids).shape == (3, 6, D)
    logits, h = model(ids)
    assert logits.shape == (3, 6, 7) and h.shape == (1, 3, 4)
    logits2, _ = model(ids[:, :1], h)  # the state can be passed back in
    assert logits2.shape == (3, 1, 7)


def test_one_hot_inputs_are_one_hot():
    x = CharRNN(5, 3).inputs(torch.tensor([[4, 0]]))
    assert x.tolist() == [[[0, 0, 0, 0, 1], [1, 0, 0, 0, 0]]]


@pytest.mark.parametrize("bad, error, match", [
    (torch.tensor([1, 2]), ValueError, r"forma \(B, T\).*ids\[None\]"),
    (torch.tensor([[0, 9]]), ValueError, "entre 0 e 4.*9"),
    (torch.tensor([[0.0, 1.0]]), TypeError, "ids inteiros"),
    ("oi", TypeError, r"vocab\.encode\('oi'\)"),
])
def test_bad_ids_are_a_clear_error(bad, error, match):
    with pytest.raises(error, match=match):
        CharRNN(5, 3)(bad)


def test_ids_as_a_list_or_numpy_array_work_like_a_tensor():
    torch.manual_seed(0)
    model = CharRNN(5, 3)
    logits, _ = model(torch.tensor([[0, 1, 4]]))
    assert torch.equal(model([[0, 1, 4]])[0], logits)
    assert torch.equal(model(np.array([[0, 1, 4]]))[0], logits)


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_a_wrong_h0_names_the_shape_it_needs(lang):
    set_language(lang)
    model = CharRNN(5, 3)
    ids = torch.zeros(2, 4, dtype=torch.long)
    with pytest.raises(ValueError, match=r"h0.*\(1, 2, 3\).*\(1, 1, 3\)"):
        model(ids, torch.zeros(1, 1, 3))
    with pytest.raises(ValueError, match=r"h0.*\(1, 2, 3\).*list"):
        model(ids, [0.0, 0.0, 0.0])
    lstm = CharRNN(5, 3, cell="lstm")
    with pytest.raises(ValueError, match=r"\(h0, c0\).*\(1, 2, 3\)"):
        lstm(ids, torch.zeros(1, 2, 3))                  # h alone: an LSTM needs (h, c)
    lstm(ids, (torch.zeros(1, 2, 3), torch.zeros(1, 2, 3)))


def test_bad_sizes_are_a_clear_error():
    with pytest.raises(ValueError, match="hidden_size deve ser um inteiro positivo"):
        CharRNN(5, 0)


def test_sentence_pairs_pad_and_shift_by_one():
    vocab = Vocabulary.from_text(SENTENCES)
    inputs, targets = sentence_pairs(vocab, SENTENCES)
    assert inputs.shape == targets.shape == (3, 16)
    assert vocab.decode(inputs[1]) == "eu estou bem    "
    assert vocab.decode(targets[1]) == "u estou bem     "
    assert torch.equal(inputs[:, 1:], targets[:, :-1])


def test_chunk_batches_shapes_and_targets_shifted_by_one():
    ids = torch.arange(103)
    batches = chunk_batches(ids, batch_size=4, seq_len=5)
    # 4 streams of (103 - 1) // 4 = 25 characters -> 5 chunks of 5.
    assert len(batches) == 5
    for x, y in batches:
        assert x.shape == y.shape == (4, 5)
        assert torch.equal(y, x + 1)  # with ids = arange, "next character" is +1


def test_chunk_batches_rows_continue_from_batch_to_batch():
    ids = torch.arange(1000) % 97
    batches = chunk_batches(ids, batch_size=3, seq_len=8)
    for (x0, y0), (x1, _) in zip(batches, batches[1:]):
        # row b of the next batch starts with the character that followed row b.
        assert torch.equal(x1[:, 0], y0[:, -1])
        assert torch.equal(x1[:, 0], (x0[:, -1] + 1) % 97)


def test_too_short_text_for_one_batch():
    with pytest.raises(ValueError, match="curto demais para um lote: 20 caracteres"):
        chunk_batches(torch.arange(20), batch_size=4, seq_len=5)


def _text_ids():
    vocab = Vocabulary.from_text("abcd ")
    return vocab.encode("abc dab cd " * 60)


def test_training_carries_the_state_detached_and_resets_each_epoch(monkeypatch):
    seed_everything(0)
    model = CharRNN(5, 6, 3)
    seen = []
    forward = model.forward

    def spy(ids, h0=None):
        seen.append(None if h0 is None else h0.clone())
        logits, h = forward(ids, h0)
        outputs.append(h.detach().clone())
        assert h0 is None or not h0.requires_grad  # detached: truncated BPTT
        return logits, h

    outputs = []
    monkeypatch.setattr(model, "forward", spy)
    n = len(chunk_batches(_text_ids(), 4, 10))
    train_char_model(model, _text_ids(), batch_size=4, seq_len=10, epochs=2, progress=False)
    assert len(seen) == 2 * n
    assert seen[0] is None and seen[n] is None  # h_0 = 0 at the start of each epoch
    for step in list(range(1, n)) + list(range(n + 1, 2 * n)):
        assert torch.equal(seen[step], outputs[step - 1])  # the previous chunk's last state


def test_training_clips_the_gradient(monkeypatch):
    norms = []
    real = torch.nn.utils.clip_grad_norm_

    def spy(parameters, max_norm):
        parameters = list(parameters)
        total = real(parameters, max_norm)
        norms.append((max_norm, math.sqrt(sum(p.grad.pow(2).sum().item() for p in parameters))))
        return total

    monkeypatch.setattr(training.nn.utils, "clip_grad_norm_", spy)
    seed_everything(0)
    losses = train_char_model(CharRNN(5, 6, 3), _text_ids(), batch_size=4, seq_len=10, lr=0.05,
                              clip=0.1, progress=False)
    assert norms and all(clip == 0.1 and norm <= 0.1 + 1e-6 for clip, norm in norms)
    assert 0 < losses.clipped <= len(losses)  # a tiny clip bites on some steps


def test_a_huge_clip_never_counts_a_step():
    seed_everything(0)
    losses = train_char_model(CharRNN(5, 6, 3), _text_ids(), batch_size=4, seq_len=10,
                              clip=1e9)
    assert losses.clipped == 0


@pytest.mark.parametrize("option", [{"lr": 0}, {"lr": -1.0}, {"clip": 0}, {"clip": float("nan")},
                                    {"lr": "fast"}, {"epochs": 0}])
def test_training_rejects_bad_options(option):
    with pytest.raises(ValueError):
        train_char_model(CharRNN(5, 6, 3), _text_ids(), batch_size=4, seq_len=10, **option)


def test_training_options_error_is_in_the_active_language():
    with pytest.raises(ValueError, match="número positivo"):
        train_full_batch(CharRNN(5, 3), torch.zeros(1, 2, dtype=torch.long),
                         torch.zeros(1, 2, dtype=torch.long), lr=0)


def test_seeded_training_is_repeatable_and_learns():
    runs = []
    for _ in range(2):
        seed_everything(3)
        model = CharRNN(5, 16, 4)
        runs.append(train_char_model(model, _text_ids(), batch_size=4, seq_len=10, epochs=4,
                                     lr=0.02, progress=False))
    assert runs[0] == runs[1]
    assert runs[0][-1] < 0.5 * runs[0][0]


def test_callback_sees_every_step():
    calls = []
    seed_everything(0)
    losses = train_char_model(CharRNN(5, 6, 3), _text_ids(), batch_size=4, seq_len=10,
                              epochs=2, progress=False, callback=lambda s, v: calls.append((s, v)))
    assert calls == list(enumerate(losses, start=1))


@pytest.mark.parametrize("n", [0, -2, 1.5, True])
def test_cpu_threads_rejects_bad_counts(n):
    with pytest.raises(ValueError):
        with cpu_threads(n):
            pass


def test_cpu_threads_restores_the_setting():
    before = torch.get_num_threads()
    with cpu_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
    with cpu_threads(None):
        assert torch.get_num_threads() == before


def test_bits_per_char_of_a_uniform_model_is_log2_V():
    model = CharRNN(8, 4, 3)
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.zero_()
    assert bits_per_char(model, torch.arange(8).repeat(5)) == pytest.approx(3.0)


@pytest.mark.parametrize("ids", [[], [3]])
def test_bits_per_char_needs_two_ids(ids):
    with pytest.raises(ValueError, match="2"):
        bits_per_char(CharRNN(8, 4, 3), torch.tensor(ids, dtype=torch.long))


@pytest.mark.parametrize("training", [True, False])
def test_bits_per_char_keeps_the_mode(training):
    model = CharRNN(8, 4, 3).train(training)
    bits_per_char(model, torch.arange(8))
    assert model.training is training


def test_stop_below_stops_at_the_first_epoch_under_the_target():
    vocab = Vocabulary.from_text(SENTENCES)
    seed_everything(0)
    model = CharRNN(len(vocab), 12)
    losses = train_full_batch(model, *sentence_pairs(vocab, SENTENCES), epochs=1000,
                              stop_below=0.05)
    assert len(losses) < 1000 and losses[-1] < 0.05 <= min(losses[:-1])
    with pytest.raises(ValueError):
        train_full_batch(model, *sentence_pairs(vocab, SENTENCES), stop_below=0)


def test_part_a_settings_learn_the_three_sentences():
    vocab = Vocabulary.from_text(SENTENCES)
    seed_everything(0)
    model = CharRNN(len(vocab), 12)
    losses = train_full_batch(model, *sentence_pairs(vocab, SENTENCES), epochs=200, lr=0.01)
    assert len(losses) == 200 and losses[-1] < 0.2 < losses[0]
    for sentence in SENTENCES:
        assert greedy_complete(model, vocab, sentence.split()[0]).rstrip() == sentence


@pytest.mark.parametrize("embedding_dim", [None, 4])
def test_trace_matches_the_model(embedding_dim):
    vocab = Vocabulary.from_text("tenha um bom dia")
    seed_everything(1)
    model = CharRNN(len(vocab), 5, embedding_dim)
    trace = trace_char_model(model, vocab, "tenha um")
    assert trace.T == 8 and trace.h.shape == (9, 5) and trace.pre.shape == (8, 5)
    assert trace.tokens[5] == "␣" and "␣" in trace.vocab
    assert (trace.h[0] == 0).all()
    logits, _ = model(vocab.encode("tenha um")[None])
    hs, _ = model.rnn(model.inputs(vocab.encode("tenha um")[None]))
    assert torch.allclose(torch.tensor(trace.h[1:]), hs[0].double(), atol=1e-6)
    assert torch.allclose(torch.tensor(trace.probs), torch.softmax(logits[0], -1).double(),
                          atol=1e-6)
    assert trace.top_k(1, k=1)[0][1] == pytest.approx(trace.probs[0].max())
    assert abs(trace.probs.sum(axis=1) - 1).max() < 1e-9


def test_trace_rejects_a_vocabulary_of_another_size():
    model = CharRNN(5, 3)
    set_language("en")
    with pytest.raises(ValueError, match="vocabulary has 3 characters"):
        trace_char_model(model, Vocabulary("abc"), "ab")


def test_training_refuses_text_mismatched_targets_and_ids_beyond_V():
    model = CharRNN(4, 3)
    with pytest.raises(TypeError, match=r"vocab\.encode\('oi "):
        training.train_char_model(model, "oi tudo bem")
    inputs = torch.zeros(2, 5, dtype=torch.long)
    with pytest.raises(ValueError, match=r"mesma forma \(N, T\).*\(2, 5\).*\(2, 4\)"):
        training.train_full_batch(model, inputs, torch.zeros(2, 4, dtype=torch.long))
    with pytest.raises(ValueError, match="targets.*entre 0 e 3.*7"):
        training.train_full_batch(model, inputs, torch.full((2, 5), 7))
    with pytest.raises(ValueError, match="ids.*entre 0 e 3"):
        training.bits_per_char(model, [0, 1, 9])


@pytest.mark.parametrize("cell, gates", [("lstm", {"i", "f", "g", "o"}),
                                         ("gru", {"r", "z", "n"}), ("rnn", set())])
def test_the_trace_of_every_cell_equals_the_models_own_pass(cell, gates):
    torch.manual_seed(3)
    vocab = Vocabulary.from_text("tenha um bom dia")
    model = CharRNN(len(vocab), 6, embedding_dim=4, cell=cell).double()
    trace = trace_char_model(model, vocab, "bom dia")
    with torch.no_grad():
        logits, state = model(vocab.encode("bom dia")[None])
    h_T = state[0] if cell == "lstm" else state
    assert np.allclose(trace.h[-1], h_T[0, 0].numpy(), atol=1e-12)
    assert np.allclose(trace.probs, torch.softmax(logits[0], -1).numpy(), atol=1e-12)
    assert set(trace.gates) == gates
    if cell == "lstm":
        assert np.allclose(trace.extra["c"][-1], state[1][0, 0].numpy(), atol=1e-12)
        assert np.all((trace.gates["f"] > 0) & (trace.gates["f"] < 1))  # sigmoid gates
    else:
        assert "c" not in trace.extra
    assert (trace.pre is not None) == (cell == "rnn")


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_gated_cells_train_with_their_state_carried_and_detached(cell):
    seed_everything(0)
    vocab = Vocabulary.from_text("abcab " * 40)
    model = CharRNN(len(vocab), 8, embedding_dim=4, cell=cell)
    ids = vocab.encode("abcab " * 40)
    before = training.bits_per_char(model, ids)
    losses = training.train_char_model(model, ids, batch_size=4, seq_len=10, epochs=15,
                                            lr=0.02)
    assert training.bits_per_char(model, ids) < before - 0.5
    assert losses[-1] < losses[0]


def test_detach_state_cuts_a_tensor_or_each_part_of_a_pair():
    h = torch.ones(1, 2, 3, requires_grad=True) * 2
    assert not detach_state(h).requires_grad
    pair = detach_state((h, h * 3))
    assert isinstance(pair, tuple) and not any(p.requires_grad for p in pair)


def test_an_unknown_cell_is_refused():
    with pytest.raises(ValueError, match="cell deve ser um destes: rnn, lstm, gru"):
        CharRNN(5, 3, cell="transformer")
