"""What the text of an ABC tune says, measured without music21: a complete header, bars of
the right length, notes in the declared key, repeats that close.

music21's ABC reader is lenient (almost any text "parses"), so lesson 06 also reads the text:

* **bars** (`bar_lengths`, `bars_ok`): the body is cut at bar lines (|, ||, |], [|, |:, :|,
  ::, and the endings [1, |2, :|2); each bar's length is added up exactly, with fractions:
  notes and rests (A2, A/, A3/2, z), chords [CEG]2 (the first note's length times the
  chord's), broken rhythm A>B (3/2 + 1/2; >> gives 7/4 + 1/4) and tuplets (3ABC or (p:q:r
  (each of the next r notes lasts q/p). Z is a whole bar of rest. The first bar (maybe a
  pickup) and the last are not judged. A bar is right when its length equals the meter;
  `lenient` also accepts a shorter bar beside a repeat or section mark, where ABC splits a
  pickup (|: G | … | D2 :|). A longer bar is never right.
* **key** (`in_key`): each note's pitch class as a player reads it (an accidental lasts to
  the end of its bar for that letter and octave, otherwise the key signature), against the
  seven notes of the declared key and mode (G, Em, Ador, Dmix …).
* **repeats** (`repeats_closed`): False when a |: is opened and never closed by :| — what
  makes most sampled tunes fail to become MIDI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

_LETTERS = "CDEFGAB"
_NATURAL = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}   # pitch classes
_MODES = {"": (0, 2, 4, 5, 7, 9, 11), "m": (0, 2, 3, 5, 7, 8, 10),      # major, minor
          "dor": (0, 2, 3, 5, 7, 9, 10), "phr": (0, 1, 3, 5, 7, 8, 10),
          "lyd": (0, 2, 4, 6, 7, 9, 11), "mix": (0, 2, 4, 5, 7, 9, 10),
          "loc": (0, 1, 3, 5, 6, 8, 10)}
_ALIASES = {"maj": "", "ion": "", "min": "m", "aeo": "m"}
_SHIFT = {"^": 1, "^^": 2, "_": -1, "__": -2, "=": 0, "": 0}

_NOTE = r"(?P<acc>\^\^|\^|__|_|=)?(?P<letter>[A-Ga-g])(?P<oct>[,']*)"
_LEN = r"(?P<num>\d*)(?P<slash>/*)(?P<den>\d*)"
_TOKEN = re.compile(
    r"(?P<bar>\[\||:*\|+\]?:*|::)(?P<ending>\d+(?:[,-]\d+)*)?"
    r"|(?P<endingmark>\[\d+(?:[,-]\d+)*)"
    r"|(?P<chord>\[(?:\^\^|\^|__|_|=)?[A-Ga-g][^\]\|]*\])" + _LEN.replace("?P<", "?P<c")
    + r"|(?P<note>" + _NOTE + r")" + _LEN
    + r"|(?P<rest>[zx])" + _LEN.replace("?P<", "?P<r")
    + r"|(?P<mrest>Z)(?P<mcount>\d*)"
    + r"|(?P<tuplet>\((?P<p>[2-9])(?::(?P<q>\d*))?(?::(?P<r>\d*))?)"
    + r"|(?P<broken>[<>]+)")


@dataclass
class Bar:
    """One bar: its length in unit lengths, its notes (accidental, letter, octave marks),
    the bar lines around it, and whether an ending starts here or it is a whole-bar rest."""

    left: str = ""
    right: str = ""
    length: Fraction = Fraction(0)
    notes: list = field(default_factory=list)
    ending: bool = False
    full_rest: bool = False


def split_header(tune: str) -> tuple[dict, str]:
    """(header fields up to the first K:, body)."""
    fields, lines = {}, tune.split("\n")
    for i, line in enumerate(lines):
        match = re.match(r"^([A-Za-z]):(.*)$", line)
        if not match:
            return fields, "\n".join(lines[i:])
        fields.setdefault(match.group(1), match.group(2).strip())
        if match.group(1) == "K":
            return fields, "\n".join(lines[i + 1:])
    return fields, ""


def as_fraction(value: str | None) -> Fraction | None:
    """"6/8" → 6/8 of a whole note (C → 4/4, C| → 2/2); None when it is not a fraction."""
    value = {"C": "4/4", "C|": "2/2"}.get((value or "").strip(), (value or "").strip())
    match = re.fullmatch(r"([1-9]\d*)/([1-9]\d*)", value)
    return Fraction(int(match.group(1)), int(match.group(2))) if match else None


def key_signature(key: str) -> dict[str, int] | None:
    """The pitch class of each letter in `key`: "D" → F is 6 (F#), C is 1 (C#); None if
    the key is not one ABC knows."""
    match = re.fullmatch(r"([A-G])([#b]?)([a-z]*)", key.strip())
    if not match:
        return None
    mode = _ALIASES.get(match.group(3), match.group(3))
    if mode not in _MODES:
        return None
    tonic = (_NATURAL[match.group(1)] + {"#": 1, "b": -1, "": 0}[match.group(2)]) % 12
    start = _LETTERS.index(match.group(1))
    return {_LETTERS[(start + i) % 7]: (tonic + step) % 12
            for i, step in enumerate(_MODES[mode])}


def complete_header(tune: str) -> bool:
    """True when M: and L: are fractions and K: a key."""
    fields, _ = split_header(tune)
    return (as_fraction(fields.get("M")) is not None and as_fraction(fields.get("L")) is not None
            and key_signature(fields.get("K", "")) is not None)


def make_header(meter: str, key: str) -> str:
    """The header a tune of the lessons starts with: "M:6/8\nL:1/8\nK:G\n" (the unit
    length is ABC's default: 1/16 for meters below 3/4, else 1/8)."""
    if as_fraction(meter) is None or key_signature(key) is None:
        raise ValueError(f"meter {meter!r}, key {key!r}")
    unit = "1/16" if Fraction(meter) < Fraction(3, 4) else "1/8"
    return f"M:{meter}\nL:{unit}\nK:{key}\n"


def _length(num: str, slash: str, den: str) -> Fraction:
    """An ABC length suffix as a multiple of the unit: "3/2", "/", "//", "2"."""
    n = int(num) if num else 1
    if not slash:
        return Fraction(n)
    d = int(den) if den else 2 ** len(slash)
    return Fraction(n, d) if d else Fraction(n)


def bar_lengths(body: str, compound: bool = False) -> list[Bar]:
    """The body's bars (see the module's docstring); `compound` (6/8, 9/8 …) sets the
    default q of a (5, (7 or (9 tuplet. Bars with nothing in them are skipped."""
    bars, bar, lengths = [], Bar(), []
    tuplet_left, tuplet_factor, broken_next = 0, Fraction(1), None

    def add(value: Fraction) -> None:
        nonlocal tuplet_left, broken_next
        if tuplet_left > 0:
            value, tuplet_left = value * tuplet_factor, tuplet_left - 1
        if broken_next is not None:
            value, broken_next = value * broken_next, None
        lengths.append(value)

    def close(line: str, ending: bool) -> None:
        nonlocal bar, lengths
        bar.length, bar.right = sum(lengths, Fraction(0)), line
        if bar.notes or bar.length or bar.full_rest:
            bars.append(bar)
        bar, lengths = Bar(left=line, ending=ending), []

    pos = 0
    while pos < len(body):
        match = _TOKEN.match(body, pos)
        if not match or match.end() == pos:
            pos += 1                                   # spaces, ties, line ends
            continue
        pos, g = match.end(), match.groupdict()
        if g["bar"]:
            close(g["bar"], bool(g["ending"]))
        elif g["endingmark"]:
            bar.ending = True
        elif g["chord"]:
            inner = list(re.finditer(_NOTE + _LEN, g["chord"][1:-1]))
            if inner:
                bar.notes += [(n["acc"] or "", n["letter"], n["oct"]) for n in inner]
                add(_length(inner[0]["num"], inner[0]["slash"], inner[0]["den"])
                    * _length(g["cnum"], g["cslash"], g["cden"]))
        elif g["note"]:
            bar.notes.append((g["acc"] or "", g["letter"], g["oct"]))
            add(_length(g["num"], g["slash"], g["den"]))
        elif g["rest"]:
            add(_length(g["rnum"], g["rslash"], g["rden"]))
        elif g["mrest"]:
            bar.full_rest = True
        elif g["tuplet"]:
            p = int(g["p"])
            q = int(g["q"]) if g["q"] else {2: 3, 3: 2, 4: 3, 6: 2, 8: 3}.get(
                p, 3 if compound else 2)
            tuplet_left, tuplet_factor = (int(g["r"]) if g["r"] else p), Fraction(q, p)
        elif g["broken"] and lengths:
            short = Fraction(1, 2 ** len(g["broken"]))
            first, second = (2 - short, short) if g["broken"][0] == ">" else (short, 2 - short)
            lengths[-1] *= first
            broken_next = second
    close("", False)
    return bars


def bars_ok(tune: str, lenient: bool = True) -> tuple[float, int]:
    """(the fraction of judged bars whose length fits the meter, how many were judged)."""
    fields, body = split_header(tune)
    meter, unit = as_fraction(fields.get("M")), as_fraction(fields.get("L"))
    if meter is None:
        return 0.0, 0
    unit = unit or (Fraction(1, 16) if meter < Fraction(3, 4) else Fraction(1, 8))
    compound = meter.denominator == 8 and meter.numerator % 3 == 0
    judged = bar_lengths(body, compound)[1:-1]        # not the pickup, not the last bar
    ok = 0
    for bar in judged:
        length = bar.length * unit
        boundary = bar.ending or bar.left not in ("|", "") or bar.right not in ("|", "")
        ok += bar.full_rest or length == meter or (lenient and boundary and 0 < length < meter)
    return (ok / len(judged) if judged else 0.0), len(judged)


def in_key(tune: str) -> tuple[float, int]:
    """(the fraction of notes in the declared key's scale, how many notes)."""
    fields, body = split_header(tune)
    signature = key_signature(fields.get("K", ""))
    if signature is None:
        return 0.0, 0
    scale, inside, total = set(signature.values()), 0, 0
    for bar in bar_lengths(body):
        carried = {}                                   # (letter, octave) → pitch class
        for acc, letter, octave in bar.notes:
            if acc:
                carried[letter, octave] = (_NATURAL[letter.upper()] + _SHIFT[acc]) % 12
            pitch = carried.get((letter, octave), signature[letter.upper()])
            total, inside = total + 1, inside + (pitch in scale)
    return (inside / total if total else 0.0), total


def repeats_closed(tune: str) -> bool:
    """False when a |: (or ::) is opened and not closed by a :| before the next |: or the
    end; a :| without a |: repeats from the start, which is fine."""
    opened = False
    for line in re.findall(r":*\|+\]?:*|::", split_header(tune)[1]):
        if line.startswith(":"):
            opened = False
        if line.endswith(":"):
            if opened:
                return False
            opened = True
    return not opened
