"""The character dictionary: round trips (accents included), one-hot, padding, clear errors."""

import numpy as np
import pytest
import torch

from helpers.core.language import set_language
from helpers.data.vocabulary import Vocabulary, pad

ACCENTS = "ação, pão, você"


def test_from_text_sorts_so_the_numbering_depends_only_on_the_text():
    a = Vocabulary.from_text("banana")
    b = Vocabulary.from_text("nabana")
    assert a.chars == ["a", "b", "n"] == b.chars
    assert a == b


@pytest.mark.parametrize("text", [ACCENTS, "oi como voce esta", "Ç\nã é — fim."])
def test_encode_decode_round_trip_keeps_accents(text):
    vocab = Vocabulary.from_text(text)
    ids = vocab.encode(text)
    assert ids.dtype == torch.long and ids.shape == (len(text),)
    assert vocab.decode(ids) == text
    assert vocab.decode(ids.tolist()) == text


def test_accented_letters_are_characters_of_their_own():
    vocab = Vocabulary.from_text(ACCENTS)
    for ch in "çãê":
        assert ch in vocab
    assert "a" in vocab and "ã" in vocab and vocab.index["a"] != vocab.index["ã"]
    assert len(vocab) == len(set(ACCENTS))


def test_given_order_is_kept():
    vocab = Vocabulary(["z", "a", " "])
    assert vocab.encode("a z").tolist() == [1, 2, 0]


def test_one_hot_has_a_single_one_at_the_id():
    vocab = Vocabulary.from_text("abc")
    x = vocab.one_hot(vocab.encode("cab"))
    assert x.shape == (3, 3)
    assert x.sum(dim=1).tolist() == [1.0, 1.0, 1.0]
    assert x.argmax(dim=1).tolist() == [2, 0, 1]
    assert vocab.one_hot(torch.tensor([[0, 1]])).shape == (1, 2, 3)


def test_unknown_characters_are_named_in_the_error():
    vocab = Vocabulary.from_text("abc")
    with pytest.raises(ValueError, match="Fora do vocabulário: 'x' 'ç'"):
        vocab.encode("axçx")
    set_language("en")
    with pytest.raises(ValueError, match="Not in the vocabulary"):
        vocab.encode("z")


def test_a_large_vocabulary_lists_only_the_first_known_characters():
    vocab = Vocabulary.from_text("abcdefghijklmnopqrstuvwxyz")
    with pytest.raises(ValueError) as error:
        vocab.encode("🙂")
    message = str(error.value)
    assert "'t'" in message and "'u'" not in message  # the first 20 of 26
    assert "vocab.chars" in message
    small = Vocabulary.from_text("abc")
    with pytest.raises(ValueError) as error:
        small.encode("🙂")
    assert "vocab.chars" not in str(error.value) and "'c'" in str(error.value)


def test_empty_or_non_text_input_is_refused():
    vocab = Vocabulary.from_text("abc")
    with pytest.raises(ValueError, match="vazio"):
        vocab.encode("")
    with pytest.raises(TypeError, match="Esperava um texto"):
        vocab.encode(42)
    with pytest.raises(TypeError, match="Esperava um texto"):
        vocab.encode([0, 1])           # ids are decoded, not encoded
    assert vocab.encode(["a", "c"]).tolist() == vocab.encode("ac").tolist()  # tokens
    with pytest.raises(ValueError, match="vazio"):
        Vocabulary.from_text("")


def test_bad_vocabularies_and_ids_are_refused():
    with pytest.raises(ValueError, match="distintos"):
        Vocabulary(["a", "a"])
    with pytest.raises(ValueError, match="distintos e não vazios"):
        Vocabulary(["a", ""])
    vocab = Vocabulary.from_text("abc")
    with pytest.raises(ValueError, match="entre 0 e 2"):
        vocab.decode([0, 3])
    with pytest.raises(TypeError, match="ids inteiros"):
        vocab.decode(torch.tensor([0.5]))


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_text_where_ids_go_says_how_to_get_ids(lang):
    set_language(lang)
    vocab = Vocabulary.from_text("tenha um bom dia")
    with pytest.raises(TypeError, match=r"vocab\.encode\('tenha'\)"):
        vocab.decode("tenha")
    with pytest.raises(TypeError, match="encode"):
        vocab.one_hot(["t", "e"])
    assert vocab.decode(np.array([0, 1])) == vocab.decode(torch.tensor([0, 1]))  # NumPy is fine


def test_pad_fills_on_the_right_to_the_longest():
    padded = pad(["oi", "tenha", "eu"])
    assert padded == ["oi   ", "tenha", "eu   "]
    assert pad(["ab"], length=4, fill="_") == ["ab__"]
    with pytest.raises(ValueError, match="mais que o comprimento"):
        pad(["abcdef"], length=3)
    with pytest.raises(ValueError):
        pad([])
    with pytest.raises(TypeError, match="lista de frases"):
        pad("a sentence", 20)   # one sentence, not a list: each character would be padded


def test_a_vocabulary_of_words_with_special_tokens():
    sentences = [["três", "mil", "e", "sete"], ["mil", "e", "cem"]]
    vocab = Vocabulary.from_tokens(sentences, specials=True)
    assert vocab.tokens[:3] == ["<pad>", "<s>", "</s>"]
    assert (vocab.pad_id, vocab.start_id, vocab.end_id) == (0, 1, 2)
    assert vocab.tokens[3:] == sorted({"três", "mil", "e", "sete", "cem"})
    ids = vocab.encode(sentences[0], start=True, end=True)
    assert ids[0] == vocab.start_id and ids[-1] == vocab.end_id and len(ids) == 6
    assert vocab.decode(ids) == "três mil e sete"           # specials hidden, words spaced
    assert vocab.decode([*vocab.encode(["mil"]).tolist(), vocab.end_id, 5]) == "mil"
    batch = vocab.pad_batch([ids, vocab.encode(sentences[1], end=True)])
    assert batch.shape == (2, 6) and batch[1, -2:].tolist() == [0, 0]
    with pytest.raises(ValueError, match="Fora do vocabulário: 'quatro'"):
        vocab.encode(["quatro", "mil"])


def test_tokens_can_be_music_symbols_and_specials_must_be_asked_for():
    vocab = Vocabulary(["C", "^F", "c'", "|", "z2"])
    assert vocab.decode(vocab.encode(["^F", "c'", "|"])) == "^Fc'|"
    with pytest.raises(ValueError, match="specials=True"):
        vocab.encode(["C"], start=True)
    with pytest.raises(ValueError, match="specials=True"):
        vocab.pad_batch([vocab.encode(["C"])])
    with pytest.raises(TypeError, match=r"'três mil'\.split\(\)"):
        Vocabulary.from_tokens(["três mil", "cem"])
