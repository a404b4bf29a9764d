"""The sampler widget of lesson 04: a prompt, a temperature slider, a button, the text.

Model/view split: `SamplerState` holds the settings and produces the text (or the error
message) with `helpers.models.sampling.generate`; it is driven by tests without a browser.
`SamplerWidget` only builds the controls and, on a click, copies their values into the
state and shows its result. Generation is seeded, so the same prompt, temperature and
seed always give the same text. Bad input (an empty prompt, a character the model does
not know, a temperature ≤ 0) is shown as a message in the output area, in the
notebook's language. CSS classes for the browser tests: rnn-sampler (container),
rnn-sampler-prompt, rnn-sampler-temperature, rnn-sampler-greedy, rnn-sampler-seed,
rnn-sampler-button, rnn-sampler-output.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from ..core.checks import int_in_range, positive_int, text
from ..core.language import register, t
from ..core.numbers import num
from ..data.vocabulary import Vocabulary
from ..models.char_model import CharRNN, check_vocab
from ..models.sampling import check_temperature, generate
from .display import bundle_with_text, with_readout
from .theme import message

TEMPERATURES = (0.05, 2.0)  # the slider's range (temperature 0 does not exist: see lesson 04)


def slider_temperature(value, low: float, high: float) -> float:
    """A temperature a slider from `low` to `high` can show; else a clear ValueError (the
    sampler's and the composer's)."""
    temperature = check_temperature(value)
    if temperature is None or not low <= temperature <= high:
        raise ValueError(t("sampler.temperature_range", low=low, high=high, value=value))
    return temperature


@dataclass
class SamplerResult:
    """What one click produces: the text, or the error message (exactly one is set)."""

    text: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class SamplerState:
    """The sampler's settings and its generation (no widgets here)."""

    def __init__(self, model: CharRNN, vocab: Vocabulary, prompt: str = "",
                 temperature: float = 0.8, greedy: bool = False, n_chars: int = 200,
                 seed: int = 0):
        check_vocab(model, vocab)
        text("prompt", prompt)
        temperature = slider_temperature(temperature, *TEMPERATURES)
        if not isinstance(greedy, bool):
            raise TypeError(t("sampler.greedy_bool", value=greedy))
        self.model, self.vocab = model, vocab
        self.prompt, self.temperature, self.greedy = prompt, temperature, greedy
        self.n_chars = positive_int("n_chars", n_chars)
        self.seed = int_in_range("seed", seed, 0, 2**31 - 1)
        self.result = SamplerResult()

    def run(self) -> SamplerResult:
        """Generate with the current settings; an input error becomes the result's message."""
        try:
            text = generate(self.model, self.vocab, self.prompt, self.n_chars,
                            temperature=None if self.greedy else self.temperature,
                            seed=self.seed)
            self.result = SamplerResult(text=text)
        except (ValueError, TypeError) as error:
            self.result = SamplerResult(error=str(error))
        return self.result

    def describe(self) -> str:
        """A stable one-line text form (what nbval compares)."""
        mode = (t("sampler.mode_greedy") if self.greedy else
                t("sampler.mode_temperature", value=num(float(self.temperature), ".2f")))
        return t("sampler.text", prompt=self.prompt, mode=mode, n_chars=self.n_chars)


def render_sampler(state: SamplerState) -> str:
    """The output area's HTML: the prompt in bold, then the generated continuation."""
    if not state.result.ok:
        return message("rnn-sampler-error", html.escape(state.result.error, quote=False))
    if state.result.text is None:
        return ""
    prompt = state.result.text[:len(state.prompt)]
    rest = state.result.text[len(state.prompt):]
    return ('<pre style="white-space:pre-wrap;font-size:0.95em">'
            f"<b>{html.escape(prompt, quote=False)}</b>{html.escape(rest, quote=False)}</pre>")


class SamplerWidget:
    """The controls, wired to a `SamplerState`; display it as a cell's last expression."""

    def __init__(self, state: SamplerState):
        self.state = state
        wide = {"description_width": "initial"}  # labels in full, in both languages
        self.prompt = widgets.Text(value=state.prompt, description=t("sampler.prompt"),
                                   style=wide, layout=widgets.Layout(width="28em"))
        self.temperature = widgets.FloatSlider(
            value=state.temperature, min=TEMPERATURES[0], max=TEMPERATURES[1], step=0.05,
            description=t("sampler.temperature"), continuous_update=False, style=wide)
        self.temperature_box = with_readout(self.temperature, ".2f")  # + "0,80" beside it
        self.greedy = widgets.Checkbox(value=state.greedy, description=t("sampler.greedy"),
                                       indent=False)
        self.seed = widgets.BoundedIntText(value=state.seed, min=0, max=2**31 - 1,
                                           description=t("sampler.seed"), style=wide,
                                           layout=widgets.Layout(width="12em"))
        # A plain button: ipywidgets 7's "primary" draws white on #2196f3 (3.1:1, below AA).
        self.button = widgets.Button(description=t("sampler.button"), icon="play")
        self.output = widgets.HTML(render_sampler(state))
        for control, name in [(self.prompt, "prompt"), (self.temperature_box, "temperature"),
                              (self.greedy, "greedy"), (self.seed, "seed"),
                              (self.button, "button"), (self.output, "output")]:
            control.add_class(f"rnn-sampler-{name}")
        self.widget = widgets.VBox([self.prompt, widgets.HBox([self.temperature_box, self.greedy]),
                                    widgets.HBox([self.seed, self.button]), self.output])
        self.widget.add_class("rnn-sampler")
        self.button.on_click(self.generate)

    def generate(self, _button=None) -> SamplerResult:
        """Copy the controls into the state, generate, show the result (the button's job)."""
        self.state.prompt = self.prompt.value
        self.state.temperature = self.temperature.value
        self.state.greedy = self.greedy.value
        self.state.seed = self.seed.value
        result = self.state.run()
        self.output.value = render_sampler(self.state)
        return result

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, self.state.describe(), **kwargs)


def sampler(model: CharRNN, vocab: Vocabulary, prompt: str = "", temperature: float = 0.8,
            n_chars: int = 200, seed: int = 0) -> SamplerWidget:
    """A sampler widget for a trained model, showing a first text for `prompt` already."""
    state = SamplerState(model, vocab, prompt, temperature, n_chars=n_chars, seed=seed)
    if prompt:
        state.run()
    return SamplerWidget(state)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "sampler.prompt": {"pt": "Início:", "en": "Prompt:"},
    "sampler.temperature": {"pt": "Temperatura:", "en": "Temperature:"},
    "sampler.greedy": {"pt": "escolha gulosa (argmax)", "en": "greedy choice (argmax)"},
    "sampler.seed": {"pt": "Semente:", "en": "Seed:"},
    "sampler.button": {"pt": "Gerar texto", "en": "Generate text"},
    "sampler.text": {
        "pt": "Amostrador de texto (início {prompt!r}, {mode}, {n_chars} caracteres)",
        "en": "Text sampler (prompt {prompt!r}, {mode}, {n_chars} characters)",
    },
    "sampler.mode_greedy": {"pt": "escolha gulosa", "en": "greedy choice"},
    "sampler.mode_temperature": {"pt": "temperatura {value}", "en": "temperature {value}"},
    "sampler.temperature_range": {
        "pt": "O controle de temperatura vai de {low} a {high}; recebi {value!r}.",
        "en": "The temperature control goes from {low} to {high}; got {value!r}.",
    },
    "sampler.greedy_bool": {
        "pt": "greedy deve ser True ou False, não {value!r}.",
        "en": "greedy must be True or False, not {value!r}.",
    },
})
