"""Saving and loading a model with its vocabulary: round trip, atomic write, safe loading."""

import os
import pickle

import pytest
import torch

import helpers.models.checkpoint as checkpoint
from helpers.core.language import set_language
from helpers.core.reproducibility import seed_everything
from helpers.data.vocabulary import Vocabulary
from helpers.models.char_model import CharRNN
from helpers.models.checkpoint import load_checkpoint, save_checkpoint
from helpers.models.sampling import generate

VOCAB = Vocabulary.from_text("ação, pão, você")


@pytest.fixture
def model():
    seed_everything(0)
    return CharRNN(len(VOCAB), 6, 3)


def test_round_trip_gives_the_same_model_and_vocabulary(tmp_path, model):
    path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    loaded, vocab = load_checkpoint(path)
    assert vocab == VOCAB and vocab.chars == VOCAB.chars
    assert loaded.config() == model.config()
    for (name, a), (_, b) in zip(model.state_dict().items(), loaded.state_dict().items()):
        assert torch.equal(a, b), name
    assert generate(loaded, vocab, "pão", 20, 0.8, seed=1) == generate(model, VOCAB, "pão", 20,
                                                                        0.8, seed=1)


def test_one_hot_model_round_trip_and_loading_into_a_given_model(tmp_path):
    seed_everything(0)
    original = CharRNN(len(VOCAB), 4)
    path = save_checkpoint(tmp_path / "sub" / "m.pt", original, VOCAB)
    target = CharRNN(len(VOCAB), 4)
    loaded, _ = load_checkpoint(path, model=target)
    assert loaded is target
    assert torch.equal(target.rnn.weight_hh_l0, original.rnn.weight_hh_l0)


def test_the_file_holds_only_plain_data(tmp_path, model):
    path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    payload = torch.load(path, weights_only=True)
    assert payload["format"] == checkpoint.FORMAT and payload["version"] == checkpoint.VERSION
    assert payload["vocab"] == VOCAB.chars
    assert payload["config"] == {"vocab_size": len(VOCAB), "hidden_size": 6, "embedding_dim": 3,
                                 "cell": "rnn"}


def test_write_is_atomic_a_failed_save_keeps_the_old_file(tmp_path, model, monkeypatch):
    path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    before = path.read_bytes()

    def broken_save(obj, file):
        file.write(b"half a fi")
        raise OSError("disk full")

    monkeypatch.setattr(checkpoint.torch, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(path, model, VOCAB)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.pt"]  # no temporary file left behind


def test_missing_file(tmp_path):
    with pytest.raises(ValueError, match="não encontrado"):
        load_checkpoint(tmp_path / "nothing.pt")
    set_language("en")
    with pytest.raises(ValueError, match="not found"):
        load_checkpoint(tmp_path / "nothing.pt")


def test_garbage_bytes_are_a_clear_error(tmp_path):
    path = tmp_path / "garbage.pt"
    path.write_bytes(os.urandom(64) + b"\x00\xff not a model")
    with pytest.raises(ValueError, match="não é um modelo salvo") as info:
        load_checkpoint(path)
    assert info.value.__cause__ is None and info.value.__suppress_context__


class _Payload:
    """Unpickling this would create a file: proof that code ran."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_pickle_that_runs_code_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "code-ran"
    path = tmp_path / "evil.pt"
    path.write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(ValueError, match="nada dele foi executado"):
        load_checkpoint(path)
    assert not marker.exists()
    # the same object saved through torch.save (zip format) is refused too
    torch.save({"format": checkpoint.FORMAT, "x": _Payload(marker)}, tmp_path / "evil2.pt")
    with pytest.raises(ValueError, match="nada dele foi executado"):
        load_checkpoint(tmp_path / "evil2.pt")
    assert not marker.exists()


def test_a_plain_pickle_of_some_object_is_not_a_checkpoint(tmp_path):
    path = tmp_path / "list.pt"
    torch.save([1, 2, 3], path)
    with pytest.raises(ValueError, match="não é um modelo salvo"):
        load_checkpoint(path)


def test_wrong_format_version(tmp_path, model):
    path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    payload = torch.load(path, weights_only=True)
    payload["version"] = 99
    torch.save(payload, path)
    with pytest.raises(ValueError, match="versão de formato 99"):
        load_checkpoint(path)


def test_other_hidden_size_is_a_clear_mismatch(tmp_path, model):
    path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    expected = "hidden_size = 6, mas o modelo pedido tem hidden_size = 9"
    with pytest.raises(ValueError, match=expected):
        load_checkpoint(path, model=CharRNN(len(VOCAB), 9, 3))


def test_weights_that_do_not_fit_the_stored_sizes(tmp_path, model):
    path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    payload = torch.load(path, weights_only=True)
    payload["config"]["hidden_size"] = 7  # sizes and weights disagree
    torch.save(payload, path)
    with pytest.raises(ValueError, match="não é um modelo salvo"):
        load_checkpoint(path)


def test_saving_needs_a_model_and_its_vocabulary(tmp_path, model):
    with pytest.raises(ValueError, match="mesmo tamanho V"):
        save_checkpoint(tmp_path / "m.pt", model, Vocabulary.from_text("ab"))


@pytest.mark.parametrize("hidden_size", [10**6, 0, "12", None])
def test_doctored_sizes_are_refused_before_any_model_is_built(tmp_path, model, monkeypatch,
                                                              hidden_size):
    path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    payload = torch.load(path, weights_only=True)
    payload["config"]["hidden_size"] = hidden_size  # would be a 4 TB model for 10**6
    torch.save(payload, path)

    def no_build(*args, **kwargs):
        raise AssertionError("a model was built from unchecked sizes")

    monkeypatch.setattr(checkpoint, "CharRNN", no_build)
    with pytest.raises(ValueError, match="não é um modelo salvo"):
        load_checkpoint(path)


def test_a_folder_is_not_a_model_file(tmp_path):
    with pytest.raises(ValueError, match="é uma pasta"):
        load_checkpoint(tmp_path)


def test_saved_file_has_the_usual_permissions_and_no_temporary_left(tmp_path, model):
    before = os.umask(0o022)
    try:
        path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    finally:
        os.umask(before)
    assert (path.stat().st_mode & 0o777) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]



@pytest.mark.parametrize("device", ["tpu", "cuda:7"])
def test_an_impossible_device_leaves_the_given_model_as_it_was(tmp_path, model, device,
                                                               monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    path = save_checkpoint(tmp_path / "model.pt", model, VOCAB)
    target = CharRNN(len(VOCAB), 6, 3)
    before = {k: v.clone() for k, v in target.state_dict().items()}
    with pytest.raises(ValueError, match=device.split(":")[0]):
        load_checkpoint(path, model=target, device=device)
    assert all(torch.equal(before[k], v) for k, v in target.state_dict().items())
    assert generate(target, VOCAB, "pão", 5, 0.8) .startswith("pão")  # still usable


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_gated_models_round_trip_with_their_cell(tmp_path, cell):
    seed_everything(1)
    model = CharRNN(len(VOCAB), 5, 3, cell=cell)
    path = save_checkpoint(tmp_path / f"{cell}.pt", model, VOCAB)
    loaded, vocab = load_checkpoint(path)
    assert loaded.cell == cell and loaded.config() == model.config()
    assert generate(loaded, vocab, "pão", 15, 0.8, seed=2) == generate(model, VOCAB, "pão", 15,
                                                                        0.8, seed=2)
    with pytest.raises(ValueError, match="cell"):
        load_checkpoint(path, model=CharRNN(len(VOCAB), 5, 3))  # an RNN of the same sizes


def test_a_word_vocabulary_with_special_tokens_round_trips(tmp_path):
    vocab = Vocabulary.from_tokens([["três", "mil"], ["cem"]], specials=True)
    model = CharRNN(len(vocab), 4, 3, cell="gru")
    loaded, again = load_checkpoint(save_checkpoint(tmp_path / "words.pt", model, vocab))
    assert again == vocab and again.specials and again.sep == " "
    assert again.decode(again.encode(["três", "mil"], end=True)) == "três mil"
