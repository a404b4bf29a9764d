"""A small synthesiser in NumPy: note events in, a waveform out, for IPython.display.Audio.

No fluidsynth, timidity or sound fonts: each note is a few harmonics of its frequency under
an envelope (a quick attack, then an exponential decay, and a short release after the note
ends), the notes are added up and the sum is scaled to a fixed peak. An event is
(start in seconds, duration in seconds, MIDI pitch); `helpers.music.reading.note_events`
makes them from a parsed tune. Used in lesson 06.
"""

from __future__ import annotations

import numpy as np

RATE = 22_050                     # samples per second: enough for a fiddle tune
HARMONICS = (1.0, 0.5, 0.25, 0.12)


def midi_to_hz(pitch) -> np.ndarray:
    """Equal temperament: MIDI 69 (A4) is 440 Hz, and 12 steps double the frequency."""
    return 440.0 * 2.0 ** ((np.asarray(pitch, dtype=np.float64) - 69) / 12)


def note_wave(freq: float, duration: float, rate: int = RATE, harmonics=HARMONICS,
              attack: float = 0.01, decay: float = 3.0, release: float = 0.03) -> np.ndarray:
    """One note of `duration` seconds (plus its `release`), as samples."""
    n = max(1, int(round((duration + release) * rate)))
    t = np.arange(n) / rate                                           # (n,) seconds
    wave = sum(amp * np.sin(2 * np.pi * k * freq * t)
               for k, amp in enumerate(harmonics, start=1) if k * freq < rate / 2)
    envelope = np.minimum(1.0, t / attack) * np.exp(-decay * t)
    tail = t > duration
    envelope[tail] *= np.clip(1 - (t[tail] - duration) / release, 0, 1)
    return wave * envelope


def render(events, rate: int = RATE, peak: float = 0.9) -> np.ndarray:
    """Mix (start, duration, pitch) events into one mono float32 waveform whose largest
    sample is `peak`; a tenth of a second of silence for no events."""
    if not events:
        return np.zeros(rate // 10, dtype=np.float32)
    end = max(start + duration for start, duration, _ in events) + 0.1
    out = np.zeros(int(end * rate) + rate // 10)
    for start, duration, pitch in events:
        wave = note_wave(float(midi_to_hz(pitch)), duration, rate)
        i = int(round(start * rate))
        out[i:i + len(wave)] += wave[:len(out) - i]
    top = np.abs(out).max()
    return (out * (peak / top if top > 0 else 1.0)).astype(np.float32)


def wav_bytes(samples: np.ndarray, rate: int = RATE) -> bytes:
    """A mono 16-bit WAV file of float samples in [-1, 1] (for an audio player widget)."""
    import io
    import wave

    pcm = (np.clip(np.asarray(samples, dtype=np.float64), -1, 1) * 32767).round()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(int(rate))
        file.writeframes(pcm.astype("<i2").tobytes())
    return buffer.getvalue()
