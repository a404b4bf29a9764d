"""The composer widget of lesson 06: meter, key, first notes, temperature, seed → a tune,
its ABC text, how it measures, a piano roll and an audio player.

Model/view split: `ComposerState` holds the settings and, in `run()`, composes one tune
with `helpers.models.tune_model.compose`, measures it (`helpers.music.reading.evaluate`),
and, when music21 can read it, lists its notes, synthesizes them (`helpers.music.synth`)
and draws the piano roll — all without a browser, so tests drive it. `ComposerWidget`
only copies its controls into the state and shows the result. A beginning the model does
not know (a character it never saw) or a tune music21 cannot read is a message in the
notebook's language, never a traceback. CSS classes for the browser tests: rnn-composer,
rnn-composer-meter, -key, -notes, -temperature, -seed, -button, -text, -roll, -audio.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

import ipywidgets as widgets

from ..core.checks import int_in_range, text
from ..core.language import register, t
from ..core.numbers import num
from ..data.vocabulary import Vocabulary
from ..models.char_model import CharRNN, check_vocab
from ..models.composing import check_start, compose
from ..music import reading, synth
from ..music.abc_text import make_header
from ..plots.piano_roll import piano_roll
from .display import bundle_with_text, with_readout
from .sampler import slider_temperature
from .theme import message

METERS = ("6/8", "2/2", "2/4", "4/4", "3/4", "9/8")          # the data's six most common
KEYS = ("G", "D", "A", "Em", "Am", "C", "Bb", "F", "Gm", "Dm")  # … and ten most common keys
TEMPERATURES = (0.1, 1.5)
SECONDS = 12.0  # what the player plays: the first seconds of the tune


@dataclass
class ComposerResult:
    """One click's tune, its measures, notes, sound and picture (or the error message)."""

    tune: str | None = None
    measures: reading.Musicality | None = None
    events: list | None = None
    wav: bytes | None = None
    png: bytes | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class ComposerState:
    """The composer's settings and what it composes (no widgets here)."""

    def __init__(self, model: CharRNN, vocab: Vocabulary, meter: str = "6/8", key: str = "G",
                 notes: str = "", temperature: float = 0.6, seed: int = 0,
                 max_len: int = 800):
        check_vocab(model, vocab)
        self.model, self.vocab, self.max_len = model, vocab, max_len
        self.meter, self.key, self.notes = meter, key, notes
        self.temperature, self.seed = temperature, seed
        self._check()
        self.result = ComposerResult()

    def _check(self) -> None:
        for name, value, choices in (("meter", self.meter, METERS), ("key", self.key, KEYS)):
            if value not in choices:
                raise ValueError(t("composer.choice", name=name, value=value,
                                   choices=", ".join(choices)))
        text("notes", self.notes)
        slider_temperature(self.temperature, *TEMPERATURES)
        int_in_range("seed", self.seed, 0, 2**31 - 1)

    @property
    def start(self) -> str:
        """The beginning the model continues: the header, then the first notes."""
        return make_header(self.meter, self.key) + self.notes

    def run(self) -> ComposerResult:
        """Compose with the current settings; bad input becomes the result's message."""
        try:
            self._check()
            check_start(self.vocab, self.notes)
            tune = compose(self.model, self.vocab, 1, self.start, self.temperature,
                           self.max_len, self.seed)[0]
        except (ValueError, TypeError) as error:
            self.result = ComposerResult(error=str(error))
            return self.result
        measures, score = reading.read_and_evaluate(tune)
        result = ComposerResult(tune=tune, measures=measures)
        if score is not None:
            try:
                with reading.time_limit(reading.LIMIT_S):
                    events = reading.note_events(score, repeats=measures.midi)
            except Exception as failure:  # music21 read it; a failure now is named too
                measures.error = measures.error or type(failure).__name__
                events = []
            result.events = [e for e in events if e[0] < SECONDS]
            if result.events:
                end = max(s + d for s, d, _ in result.events)
                result.wav = synth.wav_bytes(synth.render(result.events))
                figure = piano_roll(result.events, reading.bar_times(tune, end))
                figure.set_size_inches(10, 2.4)  # shorter: the composer fits a 1280×720 screen
                figure.tight_layout()
                buffer = io.BytesIO()
                figure.savefig(buffer, format="png", dpi=72)
                result.png = buffer.getvalue()
        self.result = result
        return result

    def describe(self) -> str:
        """A stable one-line text form (what nbval compares)."""
        return t("composer.text", meter=self.meter, tone=self.key, notes=self.notes,
                 temperature=num(float(self.temperature), ".2f"), seed=self.seed)


def render_text(state: ComposerState) -> str:
    """The text area's HTML: the tune (the given beginning in bold) and its measures."""
    result = state.result
    if result.error is not None:
        return message("rnn-composer-error", html.escape(result.error, quote=False))
    if result.tune is None:
        return ""
    given = len(state.start)
    abc = (f"<b>{html.escape(result.tune[:given], quote=False)}</b>"
           f"{html.escape(result.tune[given:], quote=False)}")
    m = result.measures
    yes, no = t("composer.yes"), t("composer.no")
    line = t("composer.measures", parses=yes if m.parses else no, midi=yes if m.midi else no,
             bars=num(100 * m.bars_ok, ".0f"), in_key=num(100 * m.in_key, ".0f"))
    if not result.events:
        line += " " + t("composer.silent", error=m.error or "—")
    return (f'<pre style="white-space:pre-wrap;font-size:0.95em;margin:0">{abc}</pre>'
            f'<div class="rnn-composer-measures">{html.escape(line, quote=False)}</div>')


class ComposerWidget:
    """The controls, wired to a `ComposerState`; display it as a cell's last expression."""

    def __init__(self, state: ComposerState):
        self.state = state
        wide = {"description_width": "initial"}
        self.meter = widgets.Dropdown(options=METERS, value=state.meter, style=wide,
                                      description=t("composer.meter"),
                                      layout=widgets.Layout(width="17em"))
        self.key = widgets.Dropdown(options=KEYS, value=state.key, style=wide,
                                    description=t("composer.key"),
                                    layout=widgets.Layout(width="9em"))
        self.notes = widgets.Text(value=state.notes, description=t("composer.notes"),
                                  placeholder="GAB", style=wide,
                                  layout=widgets.Layout(width="17em"))
        self.temperature = widgets.FloatSlider(
            value=state.temperature, min=TEMPERATURES[0], max=TEMPERATURES[1], step=0.05,
            description=t("composer.temperature_label"), continuous_update=False, style=wide)
        self.temperature_box = with_readout(self.temperature, ".2f")
        self.seed = widgets.BoundedIntText(value=state.seed, min=0, max=2**31 - 1,
                                           description=t("composer.seed"), style=wide,
                                           layout=widgets.Layout(width="11em"))
        # A plain button: ipywidgets 7's "primary" draws white on #2196f3 (3.1:1, below AA).
        self.button = widgets.Button(description=t("composer.button"), icon="music")
        self.text = widgets.HTML()
        self.roll = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.audio = widgets.Audio(format="wav", autoplay=False, loop=False)
        for control, name in [(self.meter, "meter"), (self.key, "key"), (self.notes, "notes"),
                              (self.temperature_box, "temperature"), (self.seed, "seed"),
                              (self.button, "button"), (self.text, "text"),
                              (self.roll, "roll"), (self.audio, "audio")]:
            control.add_class(f"rnn-composer-{name}")
        self.widget = widgets.VBox([
            widgets.HBox([self.meter, self.key, self.notes]),
            widgets.HBox([self.temperature_box, self.seed, self.button]),
            self.text, self.audio, self.roll])
        self.widget.add_class("rnn-composer")
        self.button.on_click(self.generate)
        self.show()

    def show(self) -> None:
        """Put the state's result into the view (the player and the roll only for a tune
        that sounds)."""
        result = self.state.result
        self.text.value = render_text(self.state)
        self.roll.value = result.png or b""
        self.audio.value = result.wav or b""
        self.roll.layout.display = None if result.png else "none"
        self.audio.layout.display = None if result.wav else "none"

    def generate(self, _button=None) -> ComposerResult:
        """Copy the controls into the state, compose, show (the button's job)."""
        state = self.state
        state.meter, state.key, state.notes = self.meter.value, self.key.value, self.notes.value
        state.temperature, state.seed = self.temperature.value, self.seed.value
        result = state.run()
        self.show()
        return result

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, self.state.describe(), **kwargs)


def composer(model: CharRNN, vocab: Vocabulary, meter: str = "6/8", key: str = "G",
             notes: str = "", temperature: float = 0.6, seed: int = 0) -> ComposerWidget:
    """A composer widget showing a first tune already."""
    state = ComposerState(model, vocab, meter, key, notes, temperature, seed)
    state.run()
    return ComposerWidget(state)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "composer.meter": {"pt": "Fórmula de compasso:", "en": "Meter:"},
    "composer.key": {"pt": "Tom:", "en": "Key:"},
    "composer.notes": {"pt": "Primeiras notas:", "en": "First notes:"},
    "composer.temperature_label": {"pt": "Temperatura:", "en": "Temperature:"},
    "composer.seed": {"pt": "Semente:", "en": "Seed:"},
    "composer.button": {"pt": "Compor", "en": "Compose"},
    "composer.yes": {"pt": "sim", "en": "yes"},
    "composer.no": {"pt": "não", "en": "no"},
    "composer.measures": {
        "pt": "music21 leu: {parses} · virou MIDI: {midi} · compassos do tamanho certo: "
              "{bars}% · notas no tom: {in_key}%",
        "en": "music21 read it: {parses} · became MIDI: {midi} · bars of the right length: "
              "{bars}% · notes in the key: {in_key}%",
    },
    "composer.silent": {
        "pt": "Esta música não pode ser tocada ({error}); tente outra semente.",
        "en": "This tune cannot be played ({error}); try another seed.",
    },
    "composer.text": {
        "pt": "Compositor (fórmula de compasso {meter}, tom {tone}, primeiras notas {notes!r}, "
              "temperatura {temperature}, semente {seed})",
        "en": "Composer (meter {meter}, key {tone}, first notes {notes!r}, "
              "temperature {temperature}, seed {seed})",
    },
    "composer.choice": {
        "pt": "{name} = {value!r} não está entre as opções: {choices}.",
        "en": "{name} = {value!r} is not one of the choices: {choices}.",
    },
})
