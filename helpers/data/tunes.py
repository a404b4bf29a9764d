"""Folk tunes in ABC notation, read offline from the collections that music21 installs.

music21 ships its corpus inside the package; `load_tunes()` reads O'Neill's *Music of
Ireland: 1850 Melodies* (1903), Ryan's *Mammoth Collection* (1883) and Aird's *Airs*
(Glasgow, from 1778) from there (`music21.corpus.getCorePaths`), so nothing is downloaded.
The Essen folk songs are left out: their licence allows non-commercial use only (see
helpers/data/README.md).

Every tune becomes a small ABC text with a fixed header and one body:

    M:6/8          the meter (M:C → 4/4, M:C| → 2/2)
    L:1/8          the unit note length (the ABC default when missing)
    K:D            the key (K:Amin → Am, K:ADor → Ador)
    |:A2d fed|...  the notes, bars and repeats

X: (a serial number) and T: (an English title) are dropped: they say nothing about the music.
A tune is dropped when one header cannot describe all of it (several voices, a change of
meter, unit or key inside) or when something is left that is not music after cleaning.
Cleaning removes comments, grace notes {..}, chord symbols "..", decorations (!..!, +..+,
~, ., H–W, h–w), slurs (tuplets such as (3 stay), other fields and inline [P:..] labels.
`split_by_tune` keeps whole tunes apart for validation. Used in lesson 06.
"""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction

from ..core.checks import fraction
from ..core.language import register, t
from ..core.reproducibility import rng

COLLECTIONS = ("oneills1850", "ryansMammoth", "airdsAirs")
# What a cleaned body may hold: notes, rests, accidentals, octave marks, lengths, bar lines,
# repeats, ties, broken rhythm, tuplets and chords.
BODY_CHARS = set("ABCDEFGabcdefgzxZ^_=,'0123456789/<>|:[]()- \n")
_MODES = {"": "", "maj": "", "major": "", "ion": "", "ionian": "", "m": "m", "min": "m",
          "minor": "m", "aeo": "m", "aeolian": "m", "dor": "dor", "dorian": "dor",
          "mix": "mix", "mixolydian": "mix", "lyd": "lyd", "lydian": "lyd",
          "phr": "phr", "phrygian": "phr", "loc": "loc", "locrian": "loc"}


def collection_files(collection: str) -> list:
    """The sorted .abc paths of one collection bundled with music21."""
    if collection not in COLLECTIONS:
        raise ValueError(t("tunes.collection", name=collection, choices=", ".join(COLLECTIONS)))
    try:
        from music21 import corpus
    except ImportError:
        raise ImportError(t("tunes.no_music21")) from None
    return sorted(p for p in corpus.getCorePaths(fileExtensions=("abc",))
                  if p.parent.name == collection)


def read_abc(text: str) -> list[tuple[dict, list[str]]]:
    """The tunes of an ABC file as (header fields, body lines): a tune starts at X:, its
    header ends at the first K: and its body at the next blank line."""
    tunes, lines = [], text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].startswith("X:"):
            i += 1
            continue
        fields, body, in_body = {}, [], False
        i += 1
        while i < len(lines) and not lines[i].startswith("X:"):
            line = lines[i].rstrip()
            i += 1
            if in_body:
                if not line.strip():
                    break
                body.append(line)
            elif match := re.match(r"^([A-Za-z]):(.*)$", line):
                name, value = match.groups()
                fields.setdefault(name, value.strip())  # the first value wins
                fields["voices"] = fields.get("voices") or name == "V"
                in_body = name == "K"
        tunes.append((fields, body))
    return tunes


def meter(text: str) -> str | None:
    """A meter such as "6/8" (C → 4/4, C| → 2/2), or None."""
    text = text.split("%")[0].replace(" ", "")
    text = {"C": "4/4", "C|": "2/2"}.get(text, text)
    return text if re.fullmatch(r"[1-9][0-9]?/(1|2|4|8|16)", text) else None


def unit_length(text: str | None, meter_: str) -> str | None:
    """The unit note length; when missing, ABC's default (1/16 below 3/4, else 1/8)."""
    if text is None:
        return "1/16" if Fraction(meter_) < Fraction(3, 4) else "1/8"
    text = text.split("%")[0].replace(" ", "")
    return text if re.fullmatch(r"1/(1|2|4|8|16|32)", text) else None


def key(text: str) -> str | None:
    """A key such as "G", "Bbm", "Ador", "F#mix", or None."""
    match = re.fullmatch(r"([A-Ga-g])\s*([#b]?)\s*([A-Za-z]*)", text.split("%")[0].strip())
    if not match:
        return None
    mode = match.group(3).lower()
    mode = mode if mode in _MODES else mode[:3]
    if mode not in _MODES:
        return None
    return match.group(1).upper() + match.group(2) + _MODES[mode]


def clean_body(lines: list[str]) -> str | None:
    """The body without what is not music (see the module's docstring), or None."""
    out = []
    for line in lines:
        line = line.split("%")[0]
        if re.match(r"^[A-Za-z]:(?![|:])", line):     # a field line inside the body
            if line[0] in "MLKV":                      # the header would no longer hold
                return None
            continue
        if re.search(r"\[[MLKV]:", line) or "&" in line:
            return None
        for pattern in (r"\[[A-Za-z]:[^\]]*\]", r"\{[^}]*\}", r'"[^"]*"', r"![^!]*!",
                        r"\+[^+]*\+", r"\((?![2-9])", r"\)", r"[~.H-Wh-w`$*\\!+]"):
            line = re.sub(pattern, "", line)           # labels, graces, chords, slurs…
        line = re.sub(r"[ \t]+", " ", line).strip()
        if line:
            out.append(line)
    body = "\n".join(out)
    if not re.search(r"[A-Ga-g]", body) or not set(body) <= BODY_CHARS:
        return None
    return body


def clean_tune(fields: dict, body: list[str]) -> str | None:
    """"M:…\\nL:…\\nK:…\\n<body>", or None when the tune is dropped."""
    if fields.get("voices") or "M" not in fields or "K" not in fields:
        return None
    m = meter(fields["M"])
    length = unit_length(fields.get("L"), m) if m else None
    k, cleaned = key(fields["K"]), clean_body(body)
    if None in (m, length, k, cleaned):
        return None
    return f"M:{m}\nL:{length}\nK:{k}\n{cleaned}"


def load_collection(collection: str) -> tuple[list[str], int]:
    """The cleaned tunes of one collection, and how many tunes its files hold."""
    tunes, found = [], 0
    for path in collection_files(collection):
        for fields, body in read_abc(path.read_text(encoding="latin-1")):
            found += 1
            cleaned = clean_tune(fields, body)
            if cleaned is not None:
                tunes.append(cleaned)
    return tunes, found


def load_tunes(collections=COLLECTIONS) -> list[str]:
    """Every cleaned tune of `collections`, in file order, exact duplicates removed."""
    tunes = [tune for name in collections for tune in load_collection(name)[0]]
    return list(dict.fromkeys(tunes))


def split_by_tune(tunes: list[str], val_fraction: float = 0.1, seed: int = 0):
    """(train, validation): whole tunes drawn with a seed, each list in the original order."""
    val_fraction = fraction("val_fraction", val_fraction)
    if len(tunes) < 2:
        raise ValueError(t("tunes.too_few", n=len(tunes)))
    order = rng(seed).permutation(len(tunes))
    n_val = min(max(1, round(len(tunes) * val_fraction)), len(tunes) - 1)
    chosen = set(order[:n_val].tolist())
    train = [tune for i, tune in enumerate(tunes) if i not in chosen]
    return train, [tune for i, tune in enumerate(tunes) if i in chosen]


def header(tune: str, name: str) -> str | None:
    """The value of the header field `name` ("M", "L" or "K") of a cleaned tune."""
    match = re.search(rf"^{name}:(.*)$", tune, flags=re.M)
    return match.group(1).strip() if match else None


def statistics(tunes: list[str]) -> dict:
    """How many tunes and characters, the alphabet, and the most common keys and meters."""
    text = "".join(tunes)
    return {"tunes": len(tunes), "characters": len(text), "alphabet": "".join(sorted(set(text))),
            "keys": Counter(header(tune, "K") for tune in tunes).most_common(6),
            "meters": Counter(header(tune, "M") for tune in tunes).most_common(6)}


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "tunes.collection": {
        "pt": "Coleção desconhecida: {name!r}. Use uma destas: {choices}.",
        "en": "Unknown collection: {name!r}. Use one of: {choices}.",
    },
    "tunes.no_music21": {
        "pt": "As músicas vêm do pacote music21, que não está instalado. Instale com "
              "%pip install music21 (ele traz as coleções; nada é baixado depois).",
        "en": "The tunes come from the music21 package, which is not installed. Install it "
              "with %pip install music21 (it carries the collections; nothing is "
              "downloaded later).",
    },
    "tunes.too_few": {
        "pt": "Para separar treinamento e validação são precisas pelo menos 2 músicas; "
              "recebi {n}.",
        "en": "Splitting training and validation needs at least 2 tunes; got {n}.",
    },
})
