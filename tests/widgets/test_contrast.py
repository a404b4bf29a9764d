"""Every text our widgets show reads in both JupyterLab themes: WCAG AA, 4.5:1.

Each widget's HTML or SVG is rendered in representative states through the functions the
widgets call, and every text node is judged by `contrast` (a small checker written for
these tests): its ink on its background, against the light theme (#212121 on white) and
the dark one (#dedede on #111) wherever our markup leaves one of them to the page.
"""

import numpy as np
import pytest
import torch
from contrast import failures, judge, parse_colour, texts, worst

from helpers.core.language import set_language
from helpers.core.reproducibility import seed_everything
from helpers.core.trace import StepTrace
from helpers.data.vocabulary import Vocabulary
from helpers.models.char_model import CharRNN
from helpers.models.translator import Translator
from helpers.music.reading import Musicality
from helpers.plots.attention_map import attention_svg
from helpers.plots.gradient_plot import gradient_svg
from helpers.plots.unroll import draw_unrolled, unrolled_svg
from helpers.widgets import theme
from helpers.widgets.cells import cell_color, gate_color, value_strip
from helpers.widgets.composer import ComposerResult, ComposerState, render_text
from helpers.widgets.device_picker import DevicePickerState, render_device_picker
from helpers.widgets.gradient import GradientState, render_gradient, render_plot
from helpers.widgets.sampler import SamplerResult, SamplerState, render_sampler
from helpers.widgets.stepper import StepperState, render_stepper
from helpers.widgets.translator import Translation, TranslatorState, render
from helpers.widgets.unroll import UnrollState, render_unroll

AA = 4.5
# Values that were hard to read: near 0, on each side of the old ±0.6 switch, ±1.
HARD = [0.0, 0.02, -0.02, 0.3, -0.3, 0.59, 0.6, 0.61, -0.6, -0.61, 0.8, -0.8, 1.0, -1.0]


def assert_readable(markup: str) -> None:
    assert texts(markup), "nothing to check: the markup holds no text"
    bad = failures(markup, AA)
    assert not bad, "\n".join(bad)


# ---- the checker itself: it must catch what the old widgets did -------------------------

@pytest.mark.parametrize("old, why", [
    ('<span style="background:#f7f7f7">+0.02</span>', "pale cell, theme ink (dark: #dedede)"),
    ('<span style="background:rgb(255,102,102);color:white">+0.61</span>', "white on red"),
    ('<div style="color:#b00020">⚠ erro</div>', "red ink on the page"),
    ('<span style="color:#999;">a</span>', "grey ink on the page"),
    ('<span style="background:#ffd54f;font-weight:bold">a</span>', "yellow, theme ink"),
    ('<svg><text x="5" y="5" fill="#222">W</text></svg>', "SVG without a background"),
    ('<span style="opacity:0.4">a</span>', "faded"),
])
def test_the_checker_reports_what_the_old_markup_did(old, why):
    assert failures(old), why


def test_the_checker_passes_what_reads_and_measures_like_wcag():
    assert failures('<span style="background:#fff;color:#000">x</span>') == []
    assert failures("<b>plain text: the theme's own colours</b>") == []
    assert failures('<svg><rect x="0" y="0" width="9" height="9" fill="#ffffff"/>'
                    '<text x="3" y="4" fill="#222">W</text></svg>') == []
    assert judge("x", (0, 0, 0, 1.0), (255, 255, 255, 1.0)).ratio == pytest.approx(21.0)
    assert judge("x", (118, 118, 118, 1.0), (255, 255, 255, 1.0)).ratio == pytest.approx(
        4.54, abs=0.01)                               # #767676 on white: the AA limit
    assert parse_colour("rgb(255,0,0)") == (255, 0, 0, 1.0)
    with pytest.raises(ValueError):
        parse_colour("lightgoldenrodyellow")          # unknown: loud, never a silent pass


# ---- the colour scales, over a fine grid ------------------------------------------------

def _cell(css: str) -> str:
    return f'<span style="{css}">+0.00</span>'


def test_every_value_cell_reads_from_minus_one_to_one():
    ratios = [worst(_cell(cell_color(v))) for v in np.linspace(-1, 1, 2001)]
    assert min(ratios) >= AA, f"worst {min(ratios):.2f}:1"


def test_every_gate_cell_reads_from_closed_to_open():
    ratios = [worst(_cell(gate_color(v))) for v in np.linspace(0, 1, 1001)]
    assert min(ratios) >= AA, f"worst {min(ratios):.2f}:1"


def test_the_ink_is_black_or_white_whichever_reads_better():
    assert theme.ink((255, 255, 255)) == "#000" and theme.ink((0, 0, 255)) == "#fff"
    grid = range(0, 256, 17)
    assert min(worst(_cell(theme.painted((r, g, b)))) for r in grid for g in grid
               for b in grid) >= 4.58 - 0.01    # any colour at all: ≥ 4.58:1


@pytest.mark.parametrize("kind", sorted(theme.BOXES))
def test_message_boxes_read(kind):
    assert_readable(f'<div style="{theme.boxed(kind)}">texto</div>')
    assert worst(f'<div style="{theme.boxed(kind)}">texto</div>') >= 7.0


# ---- the stepper ------------------------------------------------------------------------

def _trace(T: int = 8, H: int = 14, gates: bool = False) -> StepTrace:
    """A trace whose states hold the hard values, at every step, in every unit."""
    tokens = [" " if i % 3 == 0 else chr(97 + i % 26) for i in range(T)]
    h = np.array([np.roll(HARD, i)[:H] if H <= len(HARD) else
                  np.resize(np.roll(HARD, i), H) for i in range(T + 1)])       # (T + 1, H)
    probs = np.full((T, 3), 0.1)
    probs[:, 0] = 0.8
    extra, gate_values = {}, {}
    if gates:
        ramp = np.resize(np.linspace(0, 1, 21), (T, H))
        gate_values = {"f": ramp, "i": 1 - ramp, "g": np.tanh(h[1:] * 3), "o": ramp}
        extra = {"c": 2 * h}
    return StepTrace(tokens=tokens, h=h, pre=np.arctanh(np.clip(h[1:], -0.99, 0.99)),
                     probs=probs, vocab=["a", " ", "b"], extra=extra, gates=gate_values)


@pytest.mark.parametrize("step", [1, 2, 5, 8])
def test_the_stepper_page_reads_at_every_step(step):
    state = StepperState(_trace(), k=3)
    state.go(step)
    page = render_stepper(state, title="Título")
    assert_readable(page)
    current = [found for found in texts(page) if found.paper and found.paper[:3] == (255, 213, 79)]
    assert current and all(found.ratio >= AA for found in current)  # the highlighted letter


@pytest.mark.parametrize("step", [1, 20, 40])
def test_the_lstm_page_with_gates_and_a_long_history_reads(step):
    state = StepperState(_trace(T=40, H=12, gates=True), k=3)
    state.go(step)
    assert_readable(render_stepper(state))


def test_a_large_state_history_of_coloured_squares_reads():
    state = StepperState(_trace(T=10, H=64))
    state.go(10)
    assert_readable(render_stepper(state))


def test_a_gate_strip_reads():
    assert_readable(value_strip("f_t", np.linspace(0, 1, 11), "x", gate=True))


# ---- the other widgets' HTML ------------------------------------------------------------

@pytest.fixture(scope="module")
def char_model():
    seed_everything(0)
    vocab = Vocabulary.from_text("a casa é bela")
    return CharRNN(len(vocab), 8, 4), vocab


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_sampler_text_and_errors_read(char_model, lang):
    set_language(lang)
    state = SamplerState(*char_model, "a c", n_chars=20)
    state.run()
    assert_readable(render_sampler(state))
    state.prompt = "a c€"
    assert not state.run().ok
    assert_readable(render_sampler(state))
    state.result = SamplerResult(error="<b>x</b> & y")
    assert "⚠️" not in render_sampler(state) and "⚠" in render_sampler(state)


def test_composer_text_measures_and_errors_read(char_model):
    from helpers.models.tune_model import tune_vocabulary

    vocab = tune_vocabulary(["M:6/8\nL:1/8\nK:G\nGAB cde|dBG A3|]\n"])
    seed_everything(0)
    state = ComposerState(CharRNN(len(vocab), 8, 4), vocab, notes="GAB")
    state.result = ComposerResult(error="O modelo não conhece '♪'.")
    assert_readable(render_text(state))
    state.result = ComposerResult(
        tune=state.start + "cde|]", events=[],
        measures=Musicality(True, False, True, 0.5, 0.5, 1.0, True, "MidiError"))
    assert_readable(render_text(state))


@pytest.fixture(scope="module")
def translator_state():
    source = Vocabulary.from_tokens([["quarenta", "e", "dois"]], specials=True)
    target = Vocabulary.from_tokens([["forty", "-", "two"]], specials=True)
    torch.manual_seed(0)
    return TranslatorState(Translator(len(source), len(target), 8, 4), source, target)


@pytest.mark.parametrize("result", [
    Translation(error="O modelo não conhece 'milhão'."),
    Translation(source=["quarenta", "e", "dois"], words=["forty", "-", "two"],
                weights=np.eye(3), number=42, expected=["forty", "-", "two"]),
    Translation(source=["quarenta", "e", "dois"], words=["forty", "-", "one"],
                weights=np.full((3, 3), 1 / 3), number=42, expected=["forty", "-", "two"]),
    Translation(source=["dois", "e", "mil"], words=["two"], weights=np.array([[0.1, 0, 0.9]])),
], ids=["error", "agrees", "differs", "no-reference"])
def test_translator_text_verdict_and_map_read(translator_state, result):
    translator_state.result = result
    text_html, svg = render(translator_state)
    assert_readable(text_html)
    if svg:
        assert_readable(svg)
    for emoji in ("✅", "❌", "⏳", "\ufe0f"):
        assert emoji not in text_html


def test_device_picker_and_gradient_summary_read():
    from helpers.core.device import available_devices

    assert_readable(render_device_picker(DevicePickerState(available_devices(), "cpu")))
    for radius in (0.5, 1.0, 1.5):
        state = GradientState(radius, H=4, T=12, d=6)
        assert_readable(render_gradient(state))
        assert_readable(render_plot(state))


# ---- the drawings (SVG): each brings its own background --------------------------------

@pytest.mark.parametrize("T, highlight", [(1, None), (4, 2), (8, 8)])
def test_the_unrolled_graph_reads(T, highlight):
    assert_readable(render_unroll(UnrollState(T, 8, highlight)))
    assert_readable(draw_unrolled(T, highlight)._repr_svg_())


def test_the_gradient_plot_and_the_attention_map_read():
    T = np.arange(1, 31)
    assert_readable(gradient_svg(0.9 ** T, 0.8 ** T, 0.9, 10))
    assert_readable(attention_svg(np.full((2, 3), 1 / 3), ["a", "b", "c"], ["x", "y"]))


@pytest.mark.parametrize("markup", [
    unrolled_svg(3, 2), gradient_svg(np.ones(5), np.ones(5), 1.0, 2),
    attention_svg(np.eye(2), ["um", "dois"], ["one", "two"])],
    ids=["unroll", "gradient", "attention"])
def test_every_drawing_starts_with_a_background_as_large_as_itself(markup):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(markup)
    first = next(e for e in root if e.tag.endswith("rect"))
    assert (first.get("x"), first.get("y")) == ("0.0", "0.0")
    assert float(first.get("width")) >= float(root.get("width")) - 0.5
    assert float(first.get("height")) >= float(root.get("height")) - 0.5
    assert first.get("fill") == "#ffffff"


def test_no_emoji_in_what_widgets_and_drawings_write():
    """⚠ ✓ ✗ are in every default font (DejaVu Sans); emoji and U+FE0F are not."""
    from pathlib import Path

    import helpers

    root = Path(helpers.__file__).parent
    for path in [*root.glob("widgets/*.py"), *root.glob("plots/*.py")]:
        source = path.read_text(encoding="utf-8")
        bad = sorted({c for c in source if c in "⏳✅❌\ufe0f" or ord(c) >= 0x1F000})
        assert not bad, f"{path.name}: {bad}"
