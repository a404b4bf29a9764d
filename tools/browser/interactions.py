"""What the browser suite does with each notebook's widgets: one row per notebook.

The browser suite (`make test-browser`, tests/browser/test_notebooks.py) opens every
notebook named here in a real JupyterLab, once with the UI in pt-BR (notebooks/pt/...) and
once in English (notebooks/en/...): it clears all outputs, runs all cells, waits until every
code cell has run, then performs the row's steps in order, as a student would, and saves a
screenshot to test-artifacts/browser/<slug>-<lang>.png. `make bench` performs the same rows
several times and reports the median widget round-trip latency.

ADDING A LESSON is one line: its slug (the notebook's file name without .ipynb) mapped to
a list of steps from tools/browser/steps.py, for instance

    "NN_topic": [Expect(".rnn-x-view", "t = 0"),
                 MoveSlider(".rnn-x-slider", 1, expect_css=".rnn-x-view", expect_text="t = 1"),
                 Click(".rnn-x-reset", expect_css=".rnn-x-view", expect_text="t = 0")],

The steps (each acting step records what `expect_css` shows, acts, waits up to 30 s until
that view shows something else, and asserts the change; `expect_text`, when given, must
then appear in it):

    ChooseDropdown(css, option, expect_css, expect_text=None)  option = label's beginning
    MoveSlider(css, steps, expect_css, expect_text=None)       keyboard steps, <0 = left
                                        (one step = one change of the widget: a row that
                                        is timed moves one step at a time)
    Click(css, expect_css, expect_text=None)                   a Button or a Checkbox
    TypeText(css, text, expect_css, expect_text=None)          fill an input, leave it
    Expect(css, text)                                          no action: css shows text
    ExpectAudio(css, min_seconds=1.0)                          no action: the <audio> at
                                        css has a source the browser decodes, and plays

Rules of thumb for a row:
* Give the lesson's widgets stable classes in the helper (`w.add_class("rnn-stepper")`);
  select by those classes, never by translated text. `index=` picks the n-th match of `css`.
* Expected texts must hold in both languages (numbers, device names, symbols). Write
  numbers as the English page shows them ("0.80"): on the Portuguese page the step
  expects the decimal comma ("0,80"), as the helpers write it there.
* A control whose effect shows only after a button (a prompt, a seed): let its step
  expect the control itself (`TypeText(".rnn-x-prompt", "o ", expect_css=".rnn-x-prompt")`),
  then `Click` the button expecting the output view.
* Leave the widgets where the row found them (+3 then -3, choose then choose back): the
  benchmark repeats a row several times, and a step that cannot change anything fails.
* A lesson whose notebook shows widgets with an `rnn-` class but has no row here fails the
  suite; a lesson without such widgets still runs (Run all + screenshot) with an empty row.

Keys starting with "fixtures/" are notebooks in tests/browser/fixtures/ (the same notebook
for both languages; its kernel's helpers default to the UI's language).
"""

from __future__ import annotations

from tools.browser.steps import (
    ChooseDropdown,
    Click,
    Expect,
    ExpectAudio,
    MoveSlider,
    Step,
    TypeText,
)

PICKER = ".rnn-device-dropdown"
SUMMARY = ".rnn-device-summary"

INTERACTIONS: dict[str, list[Step | Expect]] = {
    # CI has only a CPU, so the lesson's picker offers one option: nothing can change;
    # the row checks what it shows. Changing devices is proven by the fixture below.
    "00_getting_started": [Expect(PICKER, "CPU"), Expect(SUMMARY, "cpu")],
    # Why this fixture exists: to prove in a real browser that choosing another device
    # updates the picker's view, on machines without a GPU. Its first cell simulates one.
    "fixtures/picker_two_devices": [
        Expect(PICKER, "CPU"),
        ChooseDropdown(PICKER, "cuda:0", expect_css=SUMMARY, expect_text="cuda:0"),
        ChooseDropdown(PICKER, "CPU", expect_css=SUMMARY, expect_text="cpu"),
    ],
    # Spectral-radius widget (on the lesson's own matrix): Run all leaves ρ at 1.00; ten
    # moves of 0.05 to the left, one key each (each move is timed), give ρ = 0.50, whose
    # norm at distance 20 (2.08e-06, as in the lesson's cell) the view must show; then
    # back to 1.00 (on the pt page: "ρ = 1,00", "2,08e-06").
    "03_bptt": [
        Expect(".rnn-gradient-view", "ρ = 1.00"),
        *[MoveSlider(".rnn-gradient-slider", -1, expect_css=".rnn-gradient-view",
                     expect_text=f"ρ = {1 - 0.05 * k:.2f}") for k in range(1, 11)],
        Expect(".rnn-gradient-view", "2.08e-06"),
        *[MoveSlider(".rnn-gradient-slider", 1, expect_css=".rnn-gradient-view",
                     expect_text=f"ρ = {0.5 + 0.05 * k:.2f}") for k in range(1, 11)],
    ],
    # Hidden-state stepper on "banana" (T = 6): Run all leaves it at t = 4 (a later cell
    # calls stepper.go(4)). ▶ shows t = 5 and h_5, whose units include +0.64; ◀ and the
    # slider (one key at a time: left twice, then right twice) move it and leave it at t = 4.
    "01_recurrence": [
        Expect(".rnn-stepper-view", "t = 4"),
        Click(".rnn-stepper-next", expect_css=".rnn-stepper-view", expect_text="t = 5"),
        Expect(".rnn-stepper-view", "+0.64"),
        Click(".rnn-stepper-prev", expect_css=".rnn-stepper-view", expect_text="t = 4"),
        MoveSlider(".rnn-stepper-slider", -1, expect_css=".rnn-stepper-view",
                   expect_text="t = 3"),
        MoveSlider(".rnn-stepper-slider", -1, expect_css=".rnn-stepper-view",
                   expect_text="t = 2"),
        MoveSlider(".rnn-stepper-slider", 1, expect_css=".rnn-stepper-view",
                   expect_text="t = 3"),
        MoveSlider(".rnn-stepper-slider", 1, expect_css=".rnn-stepper-view",
                   expect_text="t = 4"),
    ],
    # The T control redraws the unrolled graph (a new image), one key at a time (two keys
    # at once could be seen half-way), T = 3 → 5 and back; the stepper
    # on "recorre" starts at t = 1 and ▶ / ◀ redraw the graph that follows it
    # (.rnn-unroll-follower), highlighting another column.
    "02_unrolling": [
        *[MoveSlider(".rnn-unroll-slider", step, expect_css=".rnn-unroll-image",
                     expect_text=f"T = {T}") for step, T in [(1, 4), (1, 5), (-1, 4), (-1, 3)]],
        Expect(".rnn-stepper-view", "t = 1"),
        Click(".rnn-stepper-next", expect_css=".rnn-unroll-follower"),
        Expect(".rnn-stepper-view", "t = 2"),
        Click(".rnn-stepper-prev", expect_css=".rnn-unroll-follower"),
        Expect(".rnn-stepper-view", "t = 1"),
    ],
    # Lesson 04. The stepper on "tenha um bom dia" (T = 16) is left at t = 13 (the space
    # after "bom"); ▶ / ◀ move it to 14 and back. The sampler: a prompt with an unknown
    # character ("€") shows the error, naming '€'; the prompt "Ma" then generates text
    # starting with it; the temperature slider (0.80 → 1.00 in four steps of 0.05) gives
    # another text after a click, and back to 0.80 the first text again. The row ends as
    # it leaves every later round (prompt "Ma", τ = 0.80), so repeats stay valid.
    "04_completing_sentences": [
        Expect(".rnn-stepper-view", "t = 13"),
        Click(".rnn-stepper-next", expect_css=".rnn-stepper-view", expect_text="t = 14"),
        Click(".rnn-stepper-prev", expect_css=".rnn-stepper-view", expect_text="t = 13"),
        TypeText(".rnn-sampler-prompt", "Ma€", expect_css=".rnn-sampler-prompt",
                 expect_text="Ma€"),
        Click(".rnn-sampler-button", expect_css=".rnn-sampler-output", expect_text="'€'"),
        TypeText(".rnn-sampler-prompt", "Ma", expect_css=".rnn-sampler-prompt"),
        Click(".rnn-sampler-button", expect_css=".rnn-sampler-output", expect_text="Ma"),
        MoveSlider(".rnn-sampler-temperature", 4, expect_css=".rnn-sampler-temperature",
                   expect_text="1.00"),
        Click(".rnn-sampler-button", expect_css=".rnn-sampler-output", expect_text="Ma"),
        MoveSlider(".rnn-sampler-temperature", -4, expect_css=".rnn-sampler-temperature",
                   expect_text="0.80"),
        Click(".rnn-sampler-button", expect_css=".rnn-sampler-output", expect_text="Ma"),
    ],
    # Lesson 05: the picker (CPU only on CI), then the gate stepper on a trained LSTM,
    # left at t = 20 by a later cell: ▶ shows step 21 with its forget gate f_21 and cell
    # state; ◀ and the slider (one key at a time) bring it back to t = 20.
    "05_lstm_gru": [
        Expect(PICKER, "CPU"),
        Expect(".rnn-stepper-view", "t = 20"),
        Click(".rnn-stepper-next", expect_css=".rnn-stepper-view", expect_text="t = 21"),
        Expect(".rnn-stepper-gate-f", "f_21"),
        Expect(".rnn-stepper-extra-c", "c_21"),
        Click(".rnn-stepper-prev", expect_css=".rnn-stepper-view", expect_text="t = 20"),
        MoveSlider(".rnn-stepper-slider", -1, expect_css=".rnn-stepper-view",
                   expect_text="t = 19"),
        MoveSlider(".rnn-stepper-slider", 1, expect_css=".rnn-stepper-view",
                   expect_text="t = 20"),
    ],
    # The composer shows the long model's first tune in 6/8 and D with its player; a note
    # the model does not know is a message naming it; other first notes, another key and
    # the key back each compose a tune that plays.
    "06_music": [
        Expect(PICKER, "CPU"),
        Expect(".rnn-composer-text", "K:D"),
        ExpectAudio(".rnn-composer-audio"),
        TypeText(".rnn-composer-notes", "AFD ♪", expect_css=".rnn-composer-notes"),
        Click(".rnn-composer-button", expect_css=".rnn-composer-text", expect_text="'♪'"),
        TypeText(".rnn-composer-notes", "AFD", expect_css=".rnn-composer-notes"),
        Click(".rnn-composer-button", expect_css=".rnn-composer-text", expect_text="K:D AFD"),
        ChooseDropdown(".rnn-composer-key", "Em", expect_css=".rnn-composer-key"),
        Click(".rnn-composer-button", expect_css=".rnn-composer-text", expect_text="K:Em"),
        ExpectAudio(".rnn-composer-audio"),
        ChooseDropdown(".rnn-composer-key", "D", expect_css=".rnn-composer-key"),
        Click(".rnn-composer-button", expect_css=".rnn-composer-text", expect_text="K:D"),
    ],
    # The translator shows its first translation, which num2words confirms, and the attention
    # map; a word the model never read is a message naming it; a phrase typed and a number
    # picked are translated.
    "07_translation": [
        Expect(PICKER, "CPU"),
        Expect(".rnn-translator-text", "three hundred and forty-two thousand and seven"),
        Expect(".rnn-translator-map", "quarenta"),
        TypeText(".rnn-translator-phrase", "um milhão", expect_css=".rnn-translator-text",
                 expect_text="'milhão'"),
        TypeText(".rnn-translator-phrase", "quarenta e dois", expect_css=".rnn-translator-text",
                 expect_text="forty-two"),
        TypeText(".rnn-translator-number", "1820", expect_css=".rnn-translator-text",
                 expect_text="eight hundred and twenty"),
    ],
}
