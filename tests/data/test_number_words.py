"""Lesson 07's number words: tokens, num2words' spellings, splits, roles and parse_pt."""

import pytest

from helpers.core.language import set_language
from helpers.data.number_words import (
    COMMON,
    HIGH,
    detokenize,
    expected_sources,
    pairs,
    parse_pt,
    raw_words,
    roles,
    split_numbers,
    tokenize,
    words,
)

SOME = [0, 7, 15, 21, 40, 100, 101, 115, 999, 1000, 1001, 1100, 1234, 2000, 21000, 100000,
        342007, 999999]


def test_tokenize_puts_commas_and_hyphens_apart_in_lower_case():
    assert tokenize("Forty-two,") == ["forty", "-", "two", ","]
    assert tokenize("one thousand, two hundred and thirty-four") == [
        "one", "thousand", ",", "two", "hundred", "and", "thirty", "-", "four"]
    assert tokenize("  Mil,  duzentos ") == ["mil", ",", "duzentos"]
    assert tokenize("") == []


def test_tokenize_refuses_what_is_not_text():
    with pytest.raises(TypeError, match="phrase deve ser um texto"):
        tokenize(42)


@pytest.mark.parametrize("n", SOME)
def test_detokenize_gives_back_num2words_english_spelling(n):
    assert detokenize(words(n, "en")) == raw_words(n, "en")
    assert detokenize(tokenize(raw_words(n, "pt"))) == raw_words(n, "pt")


def test_detokenize_glues_commas_and_hyphens():
    assert detokenize(["forty", "-", "two", ","]) == "forty-two,"
    assert detokenize(["one", "thousand", ",", "twenty", "-", "one"]) == \
        "one thousand, twenty-one"


def test_words_of_hand_checked_numbers():
    assert words(21, "en") == ["twenty", "-", "one"]
    assert words(21, "pt") == ["vinte", "e", "um"]
    assert words(342007, "pt") == ["trezentos", "e", "quarenta", "e", "dois", "mil", "e",
                                   "sete"]
    assert words(342007, "en") == ["three", "hundred", "and", "forty", "-", "two",
                                   "thousand", "and", "seven"]
    assert words(1000, "pt") == ["mil"] and words(1000, "en") == ["one", "thousand"]


def test_portuguese_words_drop_the_comma_after_mil_and_english_keeps_its_comma():
    assert "mil," in raw_words(1234, "pt")
    assert words(1234, "pt") == ["mil", "duzentos", "e", "trinta", "e", "quatro"]
    assert "," not in words(999999, "pt") and "mil," in raw_words(999999, "pt")
    assert words(1234, "en").count(",") == 1                # English keeps it: "thousand,"


def test_cem_alone_and_cento_before_more():
    assert words(100, "pt") == ["cem"]
    assert words(101, "pt") == ["cento", "e", "um"]
    assert words(100000, "pt") == ["cem", "mil"]
    assert words(1100, "pt") == ["mil", "e", "cem"]


def test_pairs_are_source_and_target_words():
    assert pairs([21, 100]) == [(["vinte", "e", "um"], ["twenty", "-", "one"]),
                                (["cem"], ["one", "hundred"])]
    assert pairs([2], source="en", target="pt") == [(["two"], ["dois"])]


@pytest.mark.parametrize("n", [-1, HIGH + 1, 1_000_000, 2.0, True, "5"])
def test_raw_words_refuses_numbers_outside_the_lesson(n):
    with pytest.raises(ValueError, match="n deve ser um inteiro entre 0 e 999999"):
        raw_words(n, "pt")


def test_raw_words_refuses_an_unknown_language_in_both_languages():
    with pytest.raises(ValueError, match="Idioma 'fr' desconhecido"):
        raw_words(5, "fr")
    with pytest.raises(ValueError, match="Idioma 'pt_BR' desconhecido"):
        words(5, "pt_BR")
    set_language("en")
    with pytest.raises(ValueError, match="Unknown language 'fr'"):
        raw_words(5, "fr")


def test_split_numbers_is_disjoint_sorted_sized_and_keeps_every_common_number():
    assert len(COMMON) == 2890 and {0, 999, 1800, 99_900, 3000, 999_000} <= set(COMMON)
    train, test = split_numbers(3000, 300, seed=0)
    assert len(train) == 3000 and len(test) == 300
    assert train == sorted(train) and test == sorted(test)
    assert len(set(train)) == 3000 and len(set(test)) == 300
    assert not set(train) & set(test)
    assert set(COMMON) <= set(train) | set(test)              # small and round numbers
    assert all(0 <= n <= HIGH for n in train + test)
    assert len(set(train + test) - set(COMMON)) == 410        # the rest drawn uniformly


def test_split_numbers_is_deterministic_for_a_seed_and_changes_with_it():
    assert split_numbers(2700, 400, seed=3) == split_numbers(2700, 400, seed=3)
    assert split_numbers(2700, 400, seed=3) != split_numbers(2700, 400, seed=4)
    assert split_numbers(2700, 400) == split_numbers(2700, 400, seed=0)


def test_split_numbers_of_exactly_the_common_pool_is_a_split_of_it():
    train, test = split_numbers(2800, 90, seed=1)
    assert sorted(train + test) == COMMON


@pytest.mark.parametrize("n_train, n_test", [(500, 400), (1, 1), (200_000, 1)])
def test_split_numbers_refuses_too_few_or_too_many_numbers(n_train, n_test):
    with pytest.raises(ValueError, match="Peça de 2890 a 200000 números"):
        split_numbers(n_train, n_test)


@pytest.mark.parametrize("n_train, n_test", [(0, 1000), (1000, 0), (True, 1000),
                                             (1000, False), (-5, 1200), (900.0, 300)])
def test_split_numbers_refuses_counts_that_are_not_positive_integers(n_train, n_test):
    with pytest.raises(ValueError, match="deve ser um inteiro positivo"):
        split_numbers(n_train, n_test)


def test_roles_of_342007_in_both_languages():
    assert roles(words(342007, "pt"), "pt") == [
        "thousands hundreds", None, "thousands tens", None, "thousands units", "mil", None,
        "units units"]
    assert roles(words(342007, "en"), "en") == [
        "thousands hundreds", "thousands hundreds", None, "thousands tens", None,
        "thousands units", "mil", None, "units units"]


def test_roles_of_teens_hundreds_and_numbers_without_mil():
    assert roles(words(115, "pt"), "pt") == ["units hundreds", None, "units teens"]
    assert roles(words(115, "en"), "en") == ["units hundreds", "units hundreds", None,
                                             "units teens"]
    assert roles(["cem", "mil"], "pt") == ["thousands hundreds", "mil"]
    assert roles(["zero"], "pt") == ["units units"]


def test_roles_refuses_a_word_that_is_not_a_number_word():
    with pytest.raises(ValueError, match="'banana' não é uma palavra de número"):
        roles(["vinte", "e", "banana"], "pt")


def test_expected_sources_point_to_the_portuguese_word_of_the_same_role():
    source, target = words(342007, "pt"), words(342007, "en")
    expected = expected_sources(source, target)
    assert expected == [[0], [0], None, [2], None, [4], [5], None, [7]]
    assert source[expected[target.index("forty")][0]] == "quarenta"
    assert source[expected[target.index("thousand")][0]] == "mil"
    assert source[expected[target.index("seven")][0]] == "sete"
    assert [e for w, e in zip(target, expected) if w in ("and", "-", ",")] == [None] * 3


def test_expected_sources_send_a_role_missing_in_portuguese_to_mil():
    source, target = words(1000, "pt"), words(1000, "en")      # mil → one thousand
    assert expected_sources(source, target) == [[0], [0]]
    source, target = words(1234, "pt"), words(1234, "en")
    expected = expected_sources(source, target)
    assert expected[target.index("one")] == [source.index("mil")]
    assert expected[target.index("two")] == [source.index("duzentos")]
    assert expected[target.index(",")] is None


def test_parse_pt_reads_back_many_numbers():
    numbers = list(range(0, 121)) + list(range(0, HIGH + 1, 7919)) + [1000, 1001, 1100, HIGH]
    wrong = [(n, parse_pt(words(n, "pt"))) for n in numbers if parse_pt(words(n, "pt")) != n]
    assert wrong == []


@pytest.mark.parametrize("tokens", [
    ["dois", "e", "mil"], ["vinte", "e"], ["cem", "e", "um"], ["vinte", "banana"],
    ["mil", "mil"], ["e", "um"], [], ["um", "mil"], ["vinte", "um"], ["quatorze"],
    ["novecentos", "novecentos", "mil"], ["cento"], ["mil", ",", "duzentos"]])
def test_parse_pt_gives_none_for_what_is_not_num2words_form(tokens):
    assert parse_pt(tokens) is None
