"""The translator widget, driven without a browser: phrase or number → translation, map, verdict."""

import pytest
import torch

from helpers.core.language import set_language
from helpers.data.number_words import pairs, words
from helpers.data.vocabulary import Vocabulary
from helpers.models.translator import Translator, make_batch, train_translator
from helpers.widgets.translator import TranslatorState, render, translator

NUMBERS = list(range(0, 100)) + [100, 101, 342, 1000, 1234, 21000, 342007]
PAIRS = pairs(NUMBERS)
SOURCE = Vocabulary.from_tokens([pt for pt, _ in PAIRS], specials=True)
TARGET = Vocabulary.from_tokens([en for _, en in PAIRS], specials=True)


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    model = Translator(len(SOURCE), len(TARGET), hidden_size=32, embedding_dim=16)
    train_translator(model, *make_batch(SOURCE, TARGET, PAIRS), 300, batch_size=32, lr=1e-2)
    return model


def test_a_known_phrase_is_translated_with_a_map_and_num2words_verdict(model):
    state = TranslatorState(model, SOURCE, TARGET, "quarenta e dois")
    result = state.run()
    assert result.ok and result.number == 42 and result.expected == ["forty", "-", "two"]
    assert result.matches == (result.words == result.expected)
    assert result.weights.shape == (len(result.words), 3)
    assert abs(result.weights.sum(axis=1) - 1).max() < 1e-5
    text, svg = render(state)
    assert "42 →" in text and svg.startswith("<svg") and "quarenta" in svg
    assert state.describe().startswith("Tradutor ('quarenta e dois' → ")


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_an_unknown_word_is_a_message_naming_it_in_the_readers_language(model, lang):
    set_language(lang)
    widget = translator(model, SOURCE, TARGET, "quarenta e dois")
    widget.phrase.value = "um milhão"
    assert not widget.state.result.ok and "'milhão'" in widget.text.value
    assert {"pt": "não conhece", "en": "does not know"}[lang] in widget.text.value
    assert widget.map.value == ""
    widget.phrase.value = "   "
    assert {"pt": "Escreva", "en": "Write"}[lang] in widget.text.value


def test_picking_a_number_writes_its_words_and_translates_them(model):
    widget = translator(model, SOURCE, TARGET, "dois")
    widget.number.value = 1234
    assert widget.phrase.value == "mil duzentos e trinta e quatro"
    assert widget.state.result.number == 1234 and widget.state.result.source == words(1234, "pt")


def test_num2words_comma_is_accepted_and_a_phrase_no_number_spells_has_no_verdict(model):
    state = TranslatorState(model, SOURCE, TARGET, "mil, duzentos e trinta e quatro")
    assert state.run().number == 1234
    state.phrase = "dois e mil"
    result = state.run()
    assert result.ok and result.number is None and result.matches is None
    assert "sem resposta do num2words" in state.describe()


def test_beam_and_greedy_both_translate_and_a_model_without_attention_is_refused(model):
    state = TranslatorState(model, SOURCE, TARGET, "vinte e um")
    greedy = state.run().words
    state.beam = True
    assert state.run().ok and state.result.words is not None and greedy is not None
    with pytest.raises(ValueError, match="attention=True"):
        TranslatorState(Translator(len(SOURCE), len(TARGET), 8, 4, attention=False), SOURCE,
                        TARGET)
