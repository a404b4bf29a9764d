"""The translator widget of lesson 07: a Portuguese number phrase (typed, or a number
picked) → the model's English, the attention heat map, and whether num2words agrees.

Model/view split: `TranslatorState` holds the phrase and the decoding (greedy or beam) and,
in `run()`, translates with `helpers.models.translator` / `helpers.models.beam`, recomputes
the attention weights of the words it wrote (teacher forcing them through the model, so
greedy and beam are drawn alike), and reads the phrase back into its number
(`number_words.parse_pt`) to compare with num2words' English — all without a browser, so
tests drive it. `TranslatorWidget` only copies its controls into the state and shows the
result. An empty phrase, or a word the model never saw, is a message naming it in the
notebook's language, never a traceback. CSS classes for the browser tests: rnn-translator,
rnn-translator-phrase, -number, -decoding, -text, -map.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets
import torch

from ..core.checks import text
from ..core.language import register, t
from ..core.numbers import num
from ..data import number_words
from ..data.vocabulary import Vocabulary
from ..models.beam import beam_search
from ..models.translator import Translator, translate
from ..plots.attention_map import attention_svg
from .display import bundle_with_text
from .theme import mark, message

BEAM = 4          # the beam width the "beam" choice uses
MAX_WORDS = 30    # a phrase longer than this is refused (the longest number has 11 words)


@dataclass
class Translation:
    """One phrase's translation, its attention weights and num2words' verdict (or the
    message that explains why there is none)."""

    source: list[str] | None = None
    words: list[str] | None = None
    weights: object = None              # (T, S) array: a row per word written
    number: int | None = None           # the number the phrase spells, if it spells one
    expected: list[str] | None = None   # num2words' English for that number
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def matches(self) -> bool | None:
        return None if self.expected is None else self.words == self.expected


class TranslatorState:
    """The phrase, the decoding and the translation (no widgets here)."""

    def __init__(self, model: Translator, source_vocab: Vocabulary, target_vocab: Vocabulary,
                 phrase: str = "", beam: bool = False):
        if not model.attention:
            raise ValueError(t("translator_widget.no_attention"))
        self.model, self.source_vocab, self.target_vocab = model, source_vocab, target_vocab
        self.phrase, self.beam = phrase, beam
        self.result = Translation()

    def run(self) -> Translation:
        """Translate the current phrase; bad input becomes the result's message."""
        try:
            source = [w for w in number_words.tokenize(text("phrase", self.phrase))
                      if w != ","]                   # "mil, duzentos": num2words' comma
        except TypeError as error:
            self.result = Translation(error=str(error))
            return self.result
        unknown = self.source_vocab.unknown(source)
        if not source or len(source) > MAX_WORDS or unknown:
            error = (t("translator_widget.empty") if not source else
                     t("translator_widget.long", n=len(source), most=MAX_WORDS) if not unknown
                     else t("translator_widget.unknown", words=", ".join(map(repr, unknown)),
                            n=len(self.source_vocab) - 3))
            self.result = Translation(source=source, error=error)
            return self.result
        ids = self.source_vocab.encode(source)[None]                        # (1, S)
        if self.beam:
            out, _ = beam_search(self.model, ids, k=BEAM)
        else:
            out, _ = translate(self.model, ids)
        written = self.target_vocab.decode(out[0])
        words = written.split(" ") if written else []
        previous = self.target_vocab.encode(words, start=True)[None]         # (1, T + 1)
        with torch.no_grad():
            was_training = self.model.training
            self.model.eval()
            device = next(self.model.parameters()).device
            _, weights = self.model(ids.to(device), previous.to(device))
            self.model.train(was_training)
        number = number_words.parse_pt(source)
        self.result = Translation(source=source, words=words,
                                  weights=weights[0, :len(words)].cpu().numpy(),
                                  number=number,
                                  expected=None if number is None else
                                  number_words.words(number, "en"))
        return self.result

    def describe(self) -> str:
        """A stable one-line text form (what nbval compares)."""
        result = self.result
        if not result.ok or result.words is None:
            return t("translator_widget.text_none", phrase=self.phrase)
        verdict = (t("translator_widget.no_reference_short") if result.matches is None else
                   t("translator_widget.agrees") if result.matches else
                   t("translator_widget.differs"))
        return t("translator_widget.text", phrase=self.phrase,
                 english=number_words.detokenize(result.words), verdict=verdict)


def render(state: TranslatorState) -> tuple[str, str]:
    """The text area's HTML and the heat map's SVG ("" when there is none)."""
    result = state.result
    if result.error is not None:
        return message("rnn-translator-error", html.escape(result.error, quote=False)), ""
    if result.words is None:
        return "", ""
    english = html.escape(number_words.detokenize(result.words) or "—", quote=False)
    if result.matches is None:
        verdict = html.escape(t("translator_widget.no_reference"), quote=False)
    else:
        expected = html.escape(number_words.detokenize(result.expected), quote=False)
        said = t("translator_widget.agrees" if result.matches else "translator_widget.differs")
        verdict = (f'{mark(result.matches)} '
                   f'{html.escape(said, quote=False)}: {num(result.number, ",d")} → '
                   f'<i>{expected}</i>')
    text_html = (f'<div style="font-size:1.15em"><b>{english}</b></div>'
                 f'<div class="rnn-translator-verdict">{verdict}</div>')
    svg = attention_svg(result.weights, result.source, result.words) if result.words else ""
    return text_html, svg


class TranslatorWidget:
    """The controls, wired to a `TranslatorState`; display it as a cell's last expression."""

    def __init__(self, state: TranslatorState):
        self.state = state
        wide = {"description_width": "initial"}
        self.phrase = widgets.Text(value=state.phrase, description=t("translator_widget.phrase"),
                                   placeholder="quarenta e dois", continuous_update=False,
                                   style=wide, layout=widgets.Layout(width="36em"))
        self.number = widgets.BoundedIntText(value=state.result.number or 0, min=0,
                                             max=number_words.HIGH, style=wide,
                                             description=t("translator_widget.number"),
                                             layout=widgets.Layout(width="14em"))
        self.decoding = widgets.Dropdown(
            options=[(t("translator_widget.greedy"), False),
                     (t("translator_widget.beam", k=BEAM), True)],
            value=state.beam, description=t("translator_widget.decoding"), style=wide,
            layout=widgets.Layout(width="20em"))
        self.text = widgets.HTML()
        self.map = widgets.HTML()
        for control, name in [(self.phrase, "phrase"), (self.number, "number"),
                              (self.decoding, "decoding"), (self.text, "text"),
                              (self.map, "map")]:
            control.add_class(f"rnn-translator-{name}")
        self.widget = widgets.VBox([self.phrase, widgets.HBox([self.number, self.decoding]),
                                    self.text, self.map])
        self.widget.add_class("rnn-translator")
        self.phrase.observe(self._on_phrase, names="value")
        self.number.observe(self._on_number, names="value")
        self.decoding.observe(self._on_decoding, names="value")
        self.show()

    def show(self) -> None:
        self.text.value, self.map.value = render(self.state)

    def _on_phrase(self, change) -> None:
        self.state.phrase = change["new"]
        self.state.run()
        self.show()

    def _on_number(self, change) -> None:
        """A number picked writes its Portuguese words into the phrase (which translates)."""
        self.phrase.value = number_words.detokenize(number_words.words(change["new"], "pt"))

    def _on_decoding(self, change) -> None:
        self.state.beam = change["new"]
        self.state.run()
        self.show()

    def _repr_mimebundle_(self, **kwargs):
        return bundle_with_text(self.widget, self.state.describe(), **kwargs)


def translator(model: Translator, source_vocab: Vocabulary, target_vocab: Vocabulary,
               phrase: str = "trezentos e quarenta e dois mil e sete") -> TranslatorWidget:
    """A translator widget showing a first translation already."""
    state = TranslatorState(model, source_vocab, target_vocab, phrase)
    state.run()
    return TranslatorWidget(state)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "translator_widget.phrase": {"pt": "Número por extenso:", "en": "Number in words:"},
    "translator_widget.number": {"pt": "ou escolha:", "en": "or pick:"},
    "translator_widget.decoding": {"pt": "Decodificação:", "en": "Decoding:"},
    "translator_widget.greedy": {"pt": "gulosa", "en": "greedy"},
    "translator_widget.beam": {"pt": "busca em feixe (k = {k})", "en": "beam search (k = {k})"},
    "translator_widget.empty": {
        "pt": "Escreva um número por extenso, em português (por exemplo: quarenta e dois).",
        "en": "Write a number in Portuguese words (for example: quarenta e dois).",
    },
    "translator_widget.long": {
        "pt": "Frase longa demais: {n} palavras (o maior número da aula tem 11; aceito até "
              "{most}).",
        "en": "Phrase too long: {n} words (the lesson's largest number has 11; up to {most} "
              "accepted).",
    },
    "translator_widget.unknown": {
        "pt": "O modelo não conhece {words}: ele só leu as {n} palavras dos números de 0 a "
              "999.999 em português (veja source_vocab.tokens).",
        "en": "The model does not know {words}: it has only read the {n} words of the "
              "numbers 0 to 999,999 in Portuguese (see source_vocab.tokens).",
    },
    "translator_widget.no_attention": {
        "pt": "O tradutor mostra a atenção: passe um modelo com attention=True.",
        "en": "The translator shows attention: pass a model with attention=True.",
    },
    "translator_widget.agrees": {"pt": "igual ao num2words", "en": "same as num2words"},
    "translator_widget.differs": {"pt": "diferente do num2words", "en": "differs from num2words"},
    "translator_widget.no_reference": {
        "pt": "Sem resposta do num2words para comparar: a frase não é a forma que ele escreve "
              "para nenhum número.",
        "en": "No num2words answer to compare with: the phrase is not how it writes any "
              "number.",
    },
    "translator_widget.no_reference_short": {"pt": "sem resposta do num2words",
                                             "en": "no num2words answer"},
    "translator_widget.text": {
        "pt": "Tradutor ({phrase!r} → {english!r}, {verdict})",
        "en": "Translator ({phrase!r} → {english!r}, {verdict})",
    },
    "translator_widget.text_none": {
        "pt": "Tradutor ({phrase!r}, sem tradução)",
        "en": "Translator ({phrase!r}, no translation)",
    },
})
