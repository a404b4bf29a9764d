"""The composer widget, driven without a browser: settings → tune → measures, sound, roll."""

import io
import wave

import pytest
import torch

from helpers.core.language import set_language
from helpers.core.reproducibility import seed_everything
from helpers.models.char_model import CharRNN
from helpers.models.tune_model import END, tune_vocabulary
from helpers.widgets.composer import ComposerState, ComposerWidget, composer, render_text

TUNES = ["M:6/8\nL:1/8\nK:G\nGAB cde|dBG A3|]\n", "M:2/4\nL:1/16\nK:Em\nE2F2 G2A2|B8|]\n",
         "M:3/4\nL:1/8\nK:D\nD2 F2 A2|d6|]\n", "M:4/4\nL:1/8\nK:C\n[CEG]4 z4|]\n"]
VOCAB = tune_vocabulary(TUNES)


def _model(end_now: bool = False):
    seed_everything(0)
    model = CharRNN(len(VOCAB), 16, 8, cell="lstm")
    if end_now:  # the tune ends right after the beginning: what it sounds like is known
        with torch.no_grad():
            model.head.bias[VOCAB.index[END]] = 50.0
    return model


def test_a_tune_the_model_ends_at_once_is_the_beginning_measured_heard_and_drawn():
    state = ComposerState(_model(end_now=True), VOCAB, "6/8", "G", notes="GAB cde|dBG A3|]")
    result = state.run()
    assert result.ok and result.tune == "M:6/8\nL:1/8\nK:G\nGAB cde|dBG A3|]"
    assert result.measures.parses and result.measures.midi and result.measures.in_key == 1.0
    assert [pitch for _, _, pitch in result.events] == [67, 69, 71, 72, 74, 76, 74, 71, 67, 69]
    with wave.open(io.BytesIO(result.wav)) as file:
        assert (file.getnchannels(), file.getsampwidth(), file.getframerate()) == (1, 2, 22050)
        assert 2.0 < file.getnframes() / 22050 < 3.5   # 12 eighths at 120 quarters a minute
    assert result.png.startswith(b"\x89PNG")
    assert "sim" in render_text(state) and "<b>M:6/8" in render_text(state)


def test_sampling_is_seeded_and_the_unit_length_follows_the_meter():
    state = ComposerState(_model(), VOCAB, "2/4", "Em", temperature=1.0, seed=4)
    first = state.run().tune
    assert first.startswith("M:2/4\nL:1/16\nK:Em\n") and state.run().tune == first
    state.seed = 5
    assert state.run().tune != first


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_unknown_notes_are_a_message_naming_them_in_the_readers_language(lang):
    set_language(lang)
    widget = composer(_model(end_now=True), VOCAB, notes="GAB")
    assert widget.state.result.ok and widget.audio.value
    widget.notes.value = "GAB ♪"
    result = widget.generate()
    assert not result.ok and "'♪'" in result.error
    assert {"pt": "não conhece", "en": "does not know"}[lang] in widget.text.value
    assert widget.audio.layout.display == "none" and widget.roll.layout.display == "none"
    widget.notes.value = "GAB"
    assert widget.generate().ok and widget.audio.layout.display is None


def test_a_tune_music21_cannot_read_is_measured_and_says_so_without_sound():
    state = ComposerState(_model(end_now=True), VOCAB, "6/8", "G", notes="[[[ GAB")
    result = state.run()
    assert result.ok and not result.measures.parses and not result.wav and not result.png
    assert "ABCHandlerException" in render_text(state)
    assert "não pode ser tocada" in render_text(state) and "não" in render_text(state)


def test_bad_settings_are_refused_before_anything_is_computed():
    model = _model()
    with pytest.raises(ValueError, match="5/8"):
        ComposerState(model, VOCAB, meter="5/8")
    with pytest.raises(ValueError, match="H"):
        ComposerState(model, VOCAB, key="H")
    with pytest.raises(ValueError, match="0,1|0.1"):
        ComposerState(model, VOCAB, temperature=3.0)
    with pytest.raises(ValueError):
        ComposerState(model, VOCAB, temperature=None)
    state = ComposerState(model, VOCAB)
    state.temperature = -1
    assert not state.run().ok


def test_widget_copies_its_controls_and_describes_itself():
    widget = ComposerWidget(ComposerState(_model(end_now=True), VOCAB))
    widget.meter.value, widget.key.value, widget.notes.value = "3/4", "D", "D2 F2 A2|d6|]"
    widget.temperature.value, widget.seed.value = 0.9, 7
    assert widget.generate().tune == "M:3/4\nL:1/8\nK:D\nD2 F2 A2|d6|]"
    text = widget._repr_mimebundle_()["text/plain"]
    assert "3/4" in text and "0,90" in text and "7" in text
    for name in ("meter", "key", "notes", "temperature", "seed", "button", "text", "roll",
                 "audio"):
        assert any(f"rnn-composer-{name}" in c._dom_classes for c in (
            widget.meter, widget.key, widget.notes, widget.temperature_box, widget.seed,
            widget.button, widget.text, widget.roll, widget.audio))
