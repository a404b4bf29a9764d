"""A piano roll: each note a bar at its pitch, from its start to its end, with bar lines.

Events are (start in seconds, duration in seconds, MIDI pitch), as
`helpers.music.reading.note_events` gives them; the pitch axis names the notes (C4, D4 …)
and the tick labels follow the reader's language. Used in lesson 06.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ..core.language import register, t
from .axes import localize

_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


def pitch_name(pitch: int) -> str:
    """MIDI 60 → "C4", 69 → "A4"."""
    return f"{_NAMES[pitch % 12]}{pitch // 12 - 1}"


def piano_roll(events, bars=(), title: str | None = None) -> Figure:
    """The events drawn as bars (pitch × time) with grey bar lines at `bars` (seconds)."""
    fig = Figure(figsize=(10, 3))
    ax = fig.add_subplot()
    for start, duration, pitch in events:
        ax.broken_barh([(start, duration * 0.95)], (pitch - 0.4, 0.8), color="#0072B2")
    for when in bars:
        ax.axvline(when, color="0.8", lw=0.8, zorder=0)
    if events:
        low = min(p for _, _, p in events)
        high = max(p for _, _, p in events)
        ax.set_ylim(low - 1.5, high + 1.5)
        ax.set_xlim(0, max(s + d for s, d, _ in events))
        ticks = [p for p in range(low, high + 1) if p % 12 in (0, 4, 7)]   # C, E, G
        ax.set_yticks(ticks, [pitch_name(p) for p in ticks])
    ax.set_xlabel(t("pianoroll.time"))
    ax.set_ylabel(t("pianoroll.pitch"))
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return localize(fig)


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "pianoroll.time": {"pt": "tempo (s)", "en": "time (s)"},
    "pianoroll.pitch": {"pt": "nota", "en": "pitch"},
})
