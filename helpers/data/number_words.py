"""Lesson 07's translation data: numbers written in Portuguese words → in English words.

Both sides come from the `num2words` package (`pt_BR` and `en`), generated on the spot, so
nothing is downloaded. `words(n, lang)` is one side as word tokens: commas and hyphens are
tokens of their own ("forty-two" → forty - two), and the comma num2words puts after "mil"
("mil, duzentos…") is dropped, because written Portuguese has none there. `detokenize` glues
the tokens back into num2words' spelling. `split_numbers` draws training and held-out
numbers that never overlap; `roles` names what each word of a number expresses (the
hundreds of the thousands, the tens of the units, "mil" …), which is how lesson 07 checks
which Portuguese word each English word's attention points to. `parse_pt` reads a
Portuguese number phrase back into its number. Taught in lesson 07.
"""

from __future__ import annotations

import random
import re

from num2words import num2words

from ..core.checks import int_in_range, positive_int, text
from ..core.language import register, t

LOCALES = {"pt": "pt_BR", "en": "en"}
HIGH = 999_999          # the largest number of the lesson: everything below a million
# Always in the pool of split_numbers: every number below 1,000, every multiple of 100 below
# 100,000 and every multiple of 1,000 (2,890 numbers).
COMMON = sorted(set(range(1_000)) | set(range(0, 100_000, 100)) | set(range(0, HIGH + 1, 1_000)))

UNITS_PT = ["zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"]
TEENS_PT = ["dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete",
            "dezoito", "dezenove"]
TENS_PT = ["", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta",
           "oitenta", "noventa"]
HUNDREDS_PT = ["", "cento", "duzentos", "trezentos", "quatrocentos", "quinhentos",
               "seiscentos", "setecentos", "oitocentos", "novecentos"]
VALUES_PT = {**{w: i for i, w in enumerate(UNITS_PT)},
             **{w: 10 + i for i, w in enumerate(TEENS_PT)},
             **{w: 10 * i for i, w in enumerate(TENS_PT) if w},
             **{w: 100 * i for i, w in enumerate(HUNDREDS_PT) if w}, "cem": 100}
UNITS_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS_EN = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen"]
TENS_EN = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def tokenize(phrase: str) -> list[str]:
    """A phrase as lower-case word tokens, commas and hyphens apart: "Forty-two," → forty - two ,"""
    text("phrase", phrase)
    return re.findall(r"[^\s,\-]+|[,\-]", phrase.lower())


def detokenize(tokens: list[str]) -> str:
    """Tokens back into one phrase: no space before a comma, none around a hyphen."""
    return " ".join(tokens).replace(" ,", ",").replace(" - ", "-")


def raw_words(n: int, lang: str) -> str:
    """num2words' own spelling of n (0 ≤ n ≤ HIGH) in "pt" or "en"."""
    n = int_in_range("n", n, 0, HIGH)
    if lang not in LOCALES:
        raise ValueError(t("number_words.lang", lang=lang))
    return num2words(n, lang=LOCALES[lang])


def words(n: int, lang: str) -> list[str]:
    """n as the lesson's word tokens in "pt" or "en" (pt without the comma after "mil")."""
    tokens = tokenize(raw_words(n, lang))
    if lang == "pt":
        tokens = [w for i, w in enumerate(tokens) if not (w == "," and tokens[i - 1] == "mil")]
    return tokens


def split_numbers(n_train: int, n_test: int, seed: int = 0):
    """Two disjoint sorted lists of numbers, drawn with `seed`: n_train for training and
    n_test held out, never seen in training.

    The pool is every number of `COMMON` plus numbers drawn uniformly from the rest of
    0 … HIGH; the pool is shuffled and split. Drawn uniformly, numbers below 1,000 would be
    0.1 % of the data and round ones ("três mil", "mil e oitocentos") about as rare: too rare
    to learn, and they are what a person types first."""
    n_train, n_test = positive_int("n_train", n_train), positive_int("n_test", n_test)
    total = n_train + n_test
    if not len(COMMON) <= total <= 200_000:
        raise ValueError(t("number_words.how_many", n=total, low=len(COMMON), high=200_000))
    rng = random.Random(seed)
    common = set(COMMON)
    rest = [n for n in range(HIGH + 1) if n not in common]
    numbers = list(COMMON) + rng.sample(rest, total - len(COMMON))
    rng.shuffle(numbers)
    return sorted(numbers[:n_train]), sorted(numbers[n_train:])


def pairs(numbers: list[int], source: str = "pt", target: str = "en"):
    """(source tokens, target tokens) for each number."""
    return [(words(n, source), words(n, target)) for n in numbers]


def _group_roles(tokens: list[str], lang: str, group: str) -> list[str | None]:
    """Roles of the words of one group of three digits (before or after "mil"/"thousand")."""
    roles: list[str | None] = []
    for i, w in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if w in ("e", "and", ",", "-"):
            roles.append(None)                               # a function word
        elif w in TEENS_PT or w in TEENS_EN:
            roles.append(f"{group} teens")
        elif w in TENS_PT or w in TENS_EN:
            roles.append(f"{group} tens")
        elif w in HUNDREDS_PT or w in ("cem", "hundred") or following == "hundred":
            roles.append(f"{group} hundreds")
        elif w in UNITS_PT or w in UNITS_EN:
            roles.append(f"{group} units")
        else:
            raise ValueError(t("number_words.unknown", words=w))
    return roles


def roles(tokens: list[str], lang: str) -> list[str | None]:
    """What each word of a number expresses: "thousands hundreds", "units tens", "mil"
    (for both "mil" and "thousand") …; None for the function words e/and , -."""
    marker = "mil" if lang == "pt" else "thousand"
    if marker in tokens:
        k = tokens.index(marker)
        return (_group_roles(tokens[:k], lang, "thousands") + ["mil"]
                + _group_roles(tokens[k + 1:], lang, "units"))
    return _group_roles(tokens, lang, "units")


def expected_sources(source: list[str], target: list[str], source_lang: str = "pt",
                     target_lang: str = "en") -> list[list[int] | None]:
    """For each target word, the positions of the source words that express the same thing
    (same role); None for a function word. A role missing from the source ("one" of "one
    thousand", where Portuguese says just "mil") points to the thousands marker."""
    source_roles, target_roles = roles(source, source_lang), roles(target, target_lang)
    expected: list[list[int] | None] = []
    for role in target_roles:
        if role is None:
            expected.append(None)
            continue
        found = [i for i, r in enumerate(source_roles) if r == role]
        expected.append(found or [i for i, r in enumerate(source_roles) if r == "mil"])
    return expected


def parse_pt(tokens: list[str]) -> int | None:
    """The number a list of Portuguese number words spells in num2words' form (as `words`
    writes it), or None when it is not exactly that form of any number up to HIGH."""
    total, current = 0, 0
    for w in tokens:
        if w == "mil":
            total, current = max(current, 1) * 1000, 0
        elif w in VALUES_PT:
            current += VALUES_PT[w]
        elif w != "e":
            return None
    n = total + current
    return n if n <= HIGH and words(n, "pt") == list(tokens) else None


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "number_words.lang": {
        "pt": "Idioma {lang!r} desconhecido: use \"pt\" ou \"en\".",
        "en": "Unknown language {lang!r}: use \"pt\" or \"en\".",
    },
    "number_words.how_many": {
        "pt": "Peça de {low} a {high} números ao todo (n_train + n_test); pediu {n}.",
        "en": "Ask for {low} to {high} numbers in all (n_train + n_test); asked for {n}.",
    },
    "number_words.unknown": {
        "pt": "{words!r} não é uma palavra de número.",
        "en": "{words!r} is not a number word.",
    },
})
