import numpy as np

from helpers.music import reading, synth

GOOD = "M:6/8\nL:1/8\nK:D\nA|:d2f afd|e2g fed|cde fga|1 d3 d2:|2 d3 d2A|]"


def test_a_good_tune_is_read_measured_and_heard():
    record = reading.evaluate(GOOD)
    assert record.parses and record.midi and record.header and not record.error
    assert record.bars_ok == 1.0 and record.in_key == 1.0 and record.repeats_closed
    score = reading.parse("M:4/4\nL:1/8\nK:G\nG2 A2 B4-|B2 [DG]2 z4|]")
    events = reading.note_events(score, bpm=120)
    assert events == [(0.0, 0.5, 67), (0.5, 0.5, 69), (1.0, 1.5, 71), (2.5, 0.5, 62),
                      (2.5, 0.5, 67)]                    # the tie B4-|B2 is one note
    assert reading.bar_times("M:4/4\nL:1/8\nK:G\nG2 A2 B4-|B2 [DG]2 z4|]", 4.0) == [0.0, 2.0]
    # an eighth-note pickup, then 6/8 bars of 1.5 s at 120 quarter notes per minute
    assert reading.bar_times("M:6/8\nL:1/8\nK:D\nA|d2f afd|e2g fed|", 3.5) == [0.25, 1.75, 3.25]
    assert reading.midi_bytes(score)[:4] == b"MThd"
    wave = synth.render(events)
    assert wave.dtype == np.float32 and abs(np.abs(wave).max() - 0.9) < 1e-6
    assert len(wave) >= int(3.0 * synth.RATE)


def test_a_bad_tune_is_counted_never_raised():
    record = reading.evaluate("M:2/4\nL:1/8\nK:G\n|:AB cd|:ef ga|]")   # repeats never closed
    assert not record.repeats_closed
    garbage = reading.evaluate("M:6/8\nL:1/8\nK:D\n|::|1 [[[ (3 :|2 ]]]")
    assert garbage.bars_ok == 0.0
    total = reading.summary([reading.evaluate(GOOD), record, garbage])
    assert total["n"] == 3 and total["header"] == 1.0 and 0 < total["repeats_closed"] < 1
    assert all(isinstance(name, str) for name in total["errors"])


def test_a_slow_call_is_stopped():
    import time

    import pytest

    with pytest.raises(reading.TooSlow):
        with reading.time_limit(0.05):
            time.sleep(1)


def test_pitches_and_silence():
    assert synth.midi_to_hz(69) == 440.0 and np.isclose(synth.midi_to_hz(81), 880.0)
    assert not synth.render([]).any()


def test_wav_bytes_is_a_16_bit_mono_file_of_the_samples():
    import io
    import wave

    samples = np.array([0.0, 0.5, -1.0, 2.0])          # 2.0 is clipped to full scale
    with wave.open(io.BytesIO(synth.wav_bytes(samples, rate=8000))) as file:
        assert (file.getnchannels(), file.getsampwidth(), file.getframerate()) == (1, 2, 8000)
        frames = np.frombuffer(file.readframes(4), dtype="<i2")
    assert frames.tolist() == [0, 16384, -32767, 32767]
