"""music21 reads a tune: parse it, write it as MIDI, list its notes, measure it.

A model's tune may be badly formed, and music21 then raises one of many exceptions (an
ABCHandlerException, an ExpanderException for repeats that do not close …): `evaluate`
catches them, counts them as failures and names them, so a lesson never shows a traceback
for a bad sample. music21 can also take minutes on some repeat structures (one real tune
took 90 s to expand), so parsing and writing MIDI stop after `limit` seconds where the
system allows it (Linux and macOS, in the main thread: a Jupyter cell is; on Windows
there is no limit). `note_events` and `bar_times` feed `helpers.music.synth` and the
piano roll. Used in lesson 06.
"""

from __future__ import annotations

import signal
import threading
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction

from . import abc_text

# The limit is wall-clock time, so a tune near it would count as read on a fast or idle
# machine and as a failure on a slow or busy one, and the lesson's measures would change
# with the machine. The slow cases are either fast (well under 2 s on a slow laptop) or
# pathological (a minute or more): 10 s sits far from both.
LIMIT_S = 10.0


class TooSlow(Exception):
    """music21 took longer than the limit."""


@contextmanager
def time_limit(seconds: float):
    """Raise TooSlow after `seconds` (Unix main thread; elsewhere no limit)."""
    if not (seconds and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()):
        yield
        return

    def stop(signum, frame):
        raise TooSlow(f"> {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _music21_call(limit: float):
    """music21 quietly (its warnings about odd input are the measures' business) and
    within `limit` seconds."""
    with warnings.catch_warnings(), time_limit(limit):
        warnings.simplefilter("ignore")
        yield


def parse(tune: str, limit: float = LIMIT_S):
    """The music21 score of an ABC tune (raises what music21 raises, or TooSlow)."""
    from music21 import converter

    with _music21_call(limit):
        return converter.parse(tune, format="abc")


def midi_bytes(score, limit: float = LIMIT_S) -> bytes:
    """The score as the bytes of a standard MIDI file (raises on failure)."""
    from music21 import midi

    with _music21_call(limit):
        return midi.translate.streamToMidiFile(score).writestr()


def _expanded(score):
    try:
        return score.expandRepeats()
    except Exception:  # repeats that do not close: play the tune as written
        return score


def note_events(score, bpm: float = 120.0, repeats: bool = True) -> list[tuple]:
    """(start s, duration s, MIDI pitch) of every note, sorted; `bpm` counts quarter notes.

    A note tied to the next one of the same pitch becomes one longer note; a chord gives
    one event per pitch; rests and grace notes (no length) are skipped.
    """
    flat = (_expanded(score) if repeats else score).flatten()
    raw = []                                            # in quarter notes
    for note in flat.notes:
        length = float(note.quarterLength)
        if length > 0:
            tied = note.tie is not None and note.tie.type in ("start", "continue")
            start = float(note.getOffsetBySite(flat))
            raw += [(start, length, int(p.midi), tied) for p in note.pitches]
    events, open_ties = [], {}                          # pitch → index of a tied note
    for start, length, pitch, tied in sorted(raw):
        i = open_ties.pop(pitch, None)
        if i is not None and abs(sum(events[i][:2]) - start) < 1e-6:
            events[i] = (events[i][0], events[i][1] + length, pitch)
        else:
            events.append((start, length, pitch))
            i = len(events) - 1
        if tied:
            open_ties[pitch] = i
    seconds = 60.0 / bpm
    return sorted((s * seconds, d * seconds, p) for s, d, p in events)


def bar_times(tune: str, end: float, bpm: float = 120.0) -> list[float]:
    """Where bars start, in seconds, up to `end`: every meter's length after the first bar,
    which may be a shorter pickup (read from the text; music21 does not always make bars)."""
    fields, body = abc_text.split_header(tune)
    meter = abc_text.as_fraction(fields.get("M"))
    unit = abc_text.as_fraction(fields.get("L")) or Fraction(1, 8)
    if meter is None:
        return []
    seconds = 4 * 60.0 / bpm                            # one whole note
    bars = abc_text.bar_lengths(body)
    first = float(bars[0].length * unit) if bars else 0.0
    start = first if 0 < first < meter else 0.0
    step = float(meter)
    return [round((start + k * step) * seconds, 6)
            for k in range(int(end / (step * seconds)) + 2) if (start + k * step) * seconds < end]


@dataclass
class Musicality:
    """The measures of one tune: music21 read it and wrote it as MIDI, its text's header,
    bars, key and repeats (helpers.music.abc_text), and the failure's name, if any."""

    parses: bool
    midi: bool
    header: bool
    bars_ok: float
    bars_strict: float
    in_key: float
    repeats_closed: bool
    error: str = ""


def evaluate(tune: str, limit: float = LIMIT_S) -> Musicality:
    """Measure one ABC tune; music21's failures are caught and named in `error`."""
    return read_and_evaluate(tune, limit)[0]


def read_and_evaluate(tune: str, limit: float = LIMIT_S):
    """(the measures, music21's score or None): `evaluate` that also keeps the score, so
    that a tune can be measured and then played without being read twice."""
    parses = midi = False
    error, score = "", None
    try:
        score = parse(tune, limit)
        parses = True
        midi_bytes(score, limit)
        midi = True
    except Exception as failure:  # music21 raises many kinds; a sample must not stop a cell
        error = ("midi: " if parses else "parse: ") + type(failure).__name__
    return Musicality(parses, midi, abc_text.complete_header(tune), abc_text.bars_ok(tune)[0],
                      abc_text.bars_ok(tune, lenient=False)[0], abc_text.in_key(tune)[0],
                      abc_text.repeats_closed(tune), error), score


def summary(records) -> dict:
    """The mean of each measure over many tunes, how many, and which failures how often."""
    records = list(records)
    n = max(1, len(records))
    means = {name: sum(float(getattr(r, name)) for r in records) / n for name in
             ("parses", "midi", "header", "bars_ok", "bars_strict", "in_key", "repeats_closed")}
    return {"n": len(records), **means, "errors": dict(Counter(r.error for r in records
                                                             if r.error))}
