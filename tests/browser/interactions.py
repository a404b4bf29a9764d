"""What the browser suite does with each notebook's widgets: one row per notebook.

The browser suite (`make test-browser`, tests/browser/test_notebooks.py) opens every
notebook named here in a real JupyterLab, once with the UI in pt-BR (notebooks/pt/...) and
once in English (notebooks/en/...): it clears all outputs, runs all cells, waits until every
code cell has run, then performs the row's steps in order, as a student would, and saves a
screenshot to test-artifacts/browser/<slug>-<lang>.png. `make bench` performs the same rows
several times and reports the median widget round-trip latency.

ADDING A LESSON is one line: its slug (the notebook's file name without .ipynb) mapped to
a list of steps from tests/browser/steps.py, for instance

    "01_recurrence": [MoveSlider(".rnn-stepper", 3, expect_css=".rnn-stepper-view"),
                      Click(".rnn-stepper-next", expect_css=".rnn-stepper-view"),
                      MoveSlider(".rnn-stepper", -4, expect_css=".rnn-stepper-view")],

The steps (each acting step records what `expect_css` shows, acts, waits up to 30 s until
that view shows something else, and asserts the change; `expect_text`, when given, must
then appear in it):

    ChooseDropdown(css, option, expect_css, expect_text=None)  option = label's beginning
    MoveSlider(css, steps, expect_css, expect_text=None)       keyboard steps, <0 = left
    Click(css, expect_css, expect_text=None)                   a Button (or one inside css)
    TypeText(css, text, expect_css, expect_text=None)          fill an input, leave it
    Expect(css, text)                                          no action: css shows text

Rules of thumb for a row:
* Give the lesson's widgets stable classes in the helper (`w.add_class("rnn-stepper")`);
  select by those classes, never by translated text. `index=` picks the n-th match of `css`.
* Expected texts must hold in both languages (numbers, device names, symbols).
* Leave the widgets where the row found them (+3 then -3, choose then choose back): the
  benchmark repeats a row several times, and a step that cannot change anything fails.
* A lesson whose notebook shows widgets with an `rnn-` class but has no row here fails the
  suite; a lesson without such widgets still runs (Run all + screenshot) with an empty row.

Keys starting with "fixtures/" are notebooks in tests/browser/fixtures/ (the same notebook
for both languages; its kernel's helpers default to the UI's language).
"""

from __future__ import annotations

from tests.browser.steps import ChooseDropdown, Expect, Step

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
}
