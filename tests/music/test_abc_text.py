from fractions import Fraction

import pytest

from helpers.music import abc_text as abc

GOOD = "M:6/8\nL:1/8\nK:D\nA|:d2f afd|e2g fed|cde fga|1 d3 d2:|2 d3 d2A|]"


def lengths(body, compound=False):
    return [bar.length for bar in abc.bar_lengths(body, compound)]


def test_notes_rests_and_chords_add_up_exactly():
    assert lengths("A2 B/ c// z3/2 [CEG]2 [C2E2]/|") == [
        Fraction(2) + Fraction(1, 2) + Fraction(1, 4) + Fraction(3, 2) + 2 + 1]


def test_broken_rhythm_and_tuplets():
    assert lengths("A>B C<D A>>B|") == [Fraction(6)]
    assert lengths("(3ABc d2|") == [Fraction(4)]
    assert lengths("(3:2:2A2B c|") == [Fraction(2) * 2 / 3 + Fraction(1) * 2 / 3 + 1]


def test_bar_lines_and_endings_are_kept_with_each_bar():
    bars = abc.bar_lengths("A|:B|1 c:|2 d||[1 e|]")
    assert [bar.left for bar in bars] == ["", "|:", "|", ":|", "||"]
    assert [bar.ending for bar in bars] == [False, False, True, True, True]


def test_bars_are_judged_against_the_meter():
    assert abc.bars_ok(GOOD) == (1.0, 4)
    bad = "M:4/4\nL:1/8\nK:G\nG2|ABcd efga|ABc d|ABcd efgab|G8|G4|]"
    assert abc.bars_ok(bad) == (0.5, 4)                   # one short, one long
    pickup = "M:4/4\nL:1/8\nK:G\nG2|ABcd efga|ABcd ef:|ABcd efga|G8|]"
    assert abc.bars_ok(pickup)[0] == 1.0                  # short beside a repeat: a pickup
    assert abc.bars_ok(pickup, lenient=False)[0] == pytest.approx(2 / 3)
    assert abc.bars_ok("M:none\nL:1/8\nK:G\nABc|") == (0.0, 0)


def test_key_signatures_and_notes_in_key():
    assert abc.key_signature("D")["F"] == 6 and abc.key_signature("D")["C"] == 1
    assert abc.key_signature("Ador") == abc.key_signature("G") == abc.key_signature("Dmix")
    assert abc.key_signature("Am") == abc.key_signature("C")
    assert abc.key_signature("Bb")["E"] == 3 and abc.key_signature("H") is None
    assert abc.in_key("M:4/4\nL:1/8\nK:G\nGABc defg|") == (1.0, 8)
    # ^c lasts to the bar line, then the key signature is back; =f is out of G major
    assert abc.in_key("M:4/4\nL:1/8\nK:G\n^c c =f f|c|") == (1 / 5, 5)


def test_header_and_repeats():
    assert abc.complete_header(GOOD)
    assert not abc.complete_header("M:6/8\nK:D\nABC|")
    assert not abc.complete_header("M:6/8\nL:1/8\nK:Q\nABC|")
    assert abc.repeats_closed(GOOD)
    assert abc.repeats_closed("M:2/4\nL:1/8\nK:G\nAB cd:|ef ga:|")
    assert abc.repeats_closed("M:2/4\nL:1/8\nK:G\n|:AB cd::ef ga:|")
    assert not abc.repeats_closed("M:2/4\nL:1/8\nK:G\n|:AB cd|ef ga|]")
    assert not abc.repeats_closed("M:2/4\nL:1/8\nK:G\n|:AB cd|:ef ga:|")


def test_nothing_in_a_garbled_text_raises():
    garbage = "M:6/8\nL:1/8\nK:D\n|::|1 [[[ (3 :|2 ]]] >> ^^ ,,'"
    assert abc.bars_ok(garbage) == (0.0, 0) and abc.in_key(garbage)[1] == 0


def test_real_tunes_score_high():
    from helpers.data.tunes import load_collection

    tunes = load_collection("airdsAirs")[0][:200]
    assert sum(abc.bars_ok(tune)[0] for tune in tunes) / len(tunes) > 0.9
    assert sum(abc.in_key(tune)[0] for tune in tunes) / len(tunes) > 0.9
    assert all(abc.complete_header(tune) for tune in tunes)


def test_make_header_uses_abc_default_unit_length_and_refuses_nonsense():
    from helpers.music.abc_text import make_header

    assert make_header("6/8", "G") == "M:6/8\nL:1/8\nK:G\n"
    assert make_header("2/4", "Em") == "M:2/4\nL:1/16\nK:Em\n"
    assert abc.complete_header(make_header("9/8", "Ador") + "GAB|")
    for meter, key in [("six", "G"), ("6/8", "H")]:
        with pytest.raises(ValueError):
            make_header(meter, key)
