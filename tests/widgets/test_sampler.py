"""The sampler widget driven headlessly: set the controls' values, click, read the output."""

import pytest

from helpers.core.language import set_language
from helpers.core.reproducibility import seed_everything
from helpers.data.vocabulary import Vocabulary
from helpers.models.char_model import CharRNN
from helpers.models.sampling import generate
from helpers.widgets.sampler import SamplerState, SamplerWidget, render_sampler, sampler

VOCAB = Vocabulary.from_text("a casa <é> bela")


@pytest.fixture
def model():
    seed_everything(0)
    return CharRNN(len(VOCAB), 8, 4)


def test_state_generates_what_generate_gives(model):
    state = SamplerState(model, VOCAB, "a c", temperature=0.7, n_chars=30, seed=2)
    result = state.run()
    assert result.ok and result.text == generate(model, VOCAB, "a c", 30, 0.7, seed=2)
    assert render_sampler(state).startswith('<pre') and "<b>a c</b>" in render_sampler(state)


def test_initial_view_shows_a_text_and_stable_plain_text(model):
    widget = sampler(model, VOCAB, prompt="bela", temperature=0.5, n_chars=20)
    assert "<b>bela</b>" in widget.output.value
    bundle = widget._repr_mimebundle_()
    assert bundle["text/plain"] == ("Amostrador de texto (início 'bela', temperatura 0,50, "
                                    "20 caracteres)")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_click_uses_the_controls_and_is_repeatable(model):
    widget = sampler(model, VOCAB, prompt="a", n_chars=40)
    widget.prompt.value = "casa"
    widget.temperature.value = 1.5
    widget.seed.value = 7
    widget.button.click()
    first = widget.output.value
    expected = generate(model, VOCAB, "casa", 40, 1.5, seed=7)
    assert widget.state.result.text == expected
    assert "<b>casa</b>" in first
    widget.button.click()
    assert widget.output.value == first  # same inputs, same text
    widget.seed.value = 8
    widget.button.click()
    assert widget.output.value != first


def test_the_temperature_readout_uses_the_readers_separator(model):
    widget = sampler(model, VOCAB, prompt="a", n_chars=5)
    slider, readout = widget.temperature_box.children
    assert slider is widget.temperature and not slider.readout  # its own would write 0.80
    assert readout.value == "0,80"
    slider.value = 1.25
    assert readout.value == "1,25"
    set_language("en")
    assert sampler(model, VOCAB, n_chars=5).temperature_box.children[1].value == "0.80"


def test_greedy_checkbox(model):
    widget = sampler(model, VOCAB, prompt="a", n_chars=15)
    widget.greedy.value = True
    widget.temperature.value = 0.0  # ignored when greedy
    widget.button.click()
    assert widget.state.result.text == generate(model, VOCAB, "a", 15, None)
    assert "escolha gulosa" in widget._repr_mimebundle_()["text/plain"]


@pytest.mark.parametrize("prompt, temperature, message", [
    ("", 0.8, "O texto está vazio"),
    ("casa!", 0.8, "Fora do vocabulário: '!'"),
])
def test_errors_are_shown_in_the_output_area(model, prompt, temperature, message):
    widget = sampler(model, VOCAB, prompt="a")
    widget.prompt.value = prompt
    widget.temperature.value = temperature
    result = widget.generate()
    assert not result.ok
    assert 'class="rnn-sampler-error"' in widget.output.value
    assert message in widget.output.value


def test_slider_cannot_reach_zero_but_the_state_explains_it(model):
    widget = sampler(model, VOCAB, prompt="casa")
    widget.temperature.value = 0.0
    assert widget.temperature.value == widget.temperature.min == 0.05
    assert widget.generate().ok
    with pytest.raises(ValueError, match="temperatura deve ser um número positivo"):
        SamplerState(model, VOCAB, "casa", temperature=0.0)   # refused at once
    state = SamplerState(model, VOCAB, "casa")
    state.temperature = 0.0                                   # or set later: explained
    assert not state.run().ok
    assert "temperatura deve ser um número positivo" in render_sampler(state)


def test_error_text_is_escaped_and_follows_the_language(model):
    set_language("en")
    widget = sampler(model, VOCAB, prompt="a")
    widget.prompt.value = "<z>"
    widget.generate()
    assert "Not in the vocabulary" in widget.output.value
    assert "&lt;" in widget.output.value and "<z>" not in widget.output.value
    assert widget.button.description == "Generate text"


def test_css_classes_for_the_browser_tests(model):
    widget = SamplerWidget(SamplerState(model, VOCAB, "a"))
    assert "rnn-sampler" in widget.widget._dom_classes
    for name in ("prompt", "temperature", "greedy", "seed", "button", "output"):
        control = widget.temperature_box if name == "temperature" else getattr(widget, name)
        assert f"rnn-sampler-{name}" in control._dom_classes
    assert widget.output.value == ""  # nothing generated until asked


@pytest.mark.parametrize("options, error, match", [
    ({"temperature": 0}, ValueError, "temperatura"),
    ({"temperature": 5.0}, ValueError, "vai de 0.05 a 2.0"),
    ({"n_chars": 0}, ValueError, "n_chars"),
    ({"seed": -1}, ValueError, "seed"),
    ({"greedy": "sim"}, TypeError, "greedy"),
    ({"prompt": 3}, TypeError, "prompt"),
])
def test_bad_settings_are_refused_in_the_notebooks_language(model, options, error, match):
    with pytest.raises(error, match=match):
        SamplerState(model, VOCAB, **options)


def test_a_vocabulary_of_another_size_is_refused(model):
    with pytest.raises(ValueError, match="vocabulário tem 3 caracteres"):
        SamplerState(model, Vocabulary.from_text("abc"))
