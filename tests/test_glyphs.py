"""No emoji in what a reader sees: machines without an emoji font (many school labs, Debian
with only DejaVu/Liberation) draw them as empty boxes.

Scanned: the lesson sources (prose and code), the helpers (messages, widget HTML) and the
tools that write notebook text. Text symbols every default font has are fine (✓ ✗ ○ ⚠ ♪ →);
emoji are the characters Unicode draws as pictures by default (Emoji_Presentation), the
emoji variation selector U+FE0F that asks for a picture, and everything from U+1F000 on
(faces, flags' regional indicators …). Tests may still feed emoji in as bad input.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Characters below U+1F000 with Emoji_Presentation=Yes (Unicode's emoji-data.txt).
_PICTURES_BMP = set(
    "⌚⌛⏩⏪⏫⏬⏰⏳◽◾☔☕♈♉♊♋♌♍♎♏♐♑♒♓♿⚓⚡⚪⚫⚽⚾⛄⛅⛎⛔⛪⛲⛳⛵⛺⛽"
    "✅✊✋✨❌❎❓❔❕❗➕➖➗➰➿⬛⬜⭐⭕")


def is_emoji(char: str) -> bool:
    return char in _PICTURES_BMP or char == "\ufe0f" or ord(char) >= 0x1F000


def sources() -> list[Path]:
    return sorted([*ROOT.glob("lessons/*.md"), *ROOT.glob("helpers/**/*.py"),
                   ROOT / "tools" / "lesson_source.py", ROOT / "tools" / "build_notebooks.py"])


def test_the_detector_knows_emoji_from_symbols():
    assert all(is_emoji(c) for c in "⏳✅❌🙂🇧\ufe0f")
    assert not any(is_emoji(c) for c in "✓✗○⚠♪♯→⏎·—«»ç")


@pytest.mark.parametrize("path", sources(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_emoji_in_what_readers_see(path):
    found = [(number, char) for number, line in
             enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for char in line if is_emoji(char)]
    assert not found, (f"{path.name}: emoji {[f'line {n}: {c!r}' for n, c in found]}; use a "
                       "symbol every font has (✓ ✗ ○ ⚠) or styled HTML")
