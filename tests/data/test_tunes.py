import builtins

import pytest

from helpers.core.language import set_language
from helpers.data import tunes as tn

FILE = """%abc-2.1
X:1
T:A made-up jig
M:6/8
L:1/8
K:D major
|:"D"A2d {g}fed|~B2A !trill!(AFD):|
(3ABc d2 z|]

X:2
T:Two voices
M:4/4
K:G
V:1
GABc|
"""


def test_a_file_is_read_and_cleaned_into_header_and_body():
    read = tn.read_abc(FILE)
    assert len(read) == 2 and read[0][0]["T"] == "A made-up jig" and len(read[0][1]) == 2
    assert tn.clean_tune(*read[0]) == "M:6/8\nL:1/8\nK:D\n|:A2d fed|B2A AFD:|\n(3ABc d2 z|]"
    assert tn.clean_tune(*read[1]) is None                      # several voices


@pytest.mark.parametrize("body", [["ABc|", "K:G", "dBG|"], ["AB [M:3/4] c|"], ["ABc & def|"],
                                  ["%only a comment"], ["A€B|"]])
def test_tunes_one_header_cannot_describe_are_dropped(body):
    assert tn.clean_body(body) is None


@pytest.mark.parametrize("function, text, expected", [
    (tn.meter, "C", "4/4"), (tn.meter, "C|", "2/2"), (tn.meter, "9/8 % slip jig", "9/8"),
    (tn.meter, "none", None), (tn.key, "Amin", "Am"), (tn.key, "ADor", "Ador"),
    (tn.key, "G Major", "G"), (tn.key, "F# mix", "F#mix"), (tn.key, "Hp", None)])
def test_headers_are_normalised(function, text, expected):
    assert function(text) == expected


def test_the_default_unit_length_follows_the_meter():
    assert tn.unit_length(None, "2/4") == "1/16" and tn.unit_length(None, "6/8") == "1/8"
    assert tn.unit_length("1/4", "4/4") == "1/4" and tn.unit_length("3/8", "4/4") is None


def test_split_keeps_whole_tunes_apart_and_repeats_with_the_seed():
    tunes = [f"M:4/4\nL:1/8\nK:G\n{n}" for n in "ABCDEFGHIJ"]
    train, val = tn.split_by_tune(tunes, 0.2, seed=3)
    assert len(val) == 2 and sorted(train + val) == sorted(tunes) and not set(train) & set(val)
    assert tn.split_by_tune(tunes, 0.2, seed=3) == (train, val)
    assert tn.split_by_tune(tunes, 0.2, seed=4) != (train, val)
    with pytest.raises(ValueError, match="pelo menos 2 músicas"):
        tn.split_by_tune(tunes[:1])


def test_the_bundled_collections_load_offline():
    loaded = tn.load_tunes()
    stats = tn.statistics(loaded)
    assert 3500 < stats["tunes"] < 5000 and stats["characters"] > 700_000
    assert dict(stats["keys"])["G"] > 1000 and dict(stats["meters"])["6/8"] > 1000
    assert all(tn.header(tune, "K") and tn.header(tune, "M") for tune in loaded)
    assert len(set(loaded)) == len(loaded)                       # no duplicates
    bodies = "".join(tune.split("\n", 3)[3] for tune in loaded)
    assert set(bodies) <= tn.BODY_CHARS


def test_errors_name_the_collection_and_the_missing_package(monkeypatch):
    with pytest.raises(ValueError, match="Coleção desconhecida: 'essenFolksong'"):
        tn.collection_files("essenFolksong")
    real_import = builtins.__import__

    def no_music21(name, *args, **kwargs):
        if name.startswith("music21"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_music21)
    set_language("en")
    with pytest.raises(ImportError, match="%pip install music21"):
        tn.collection_files("airdsAirs")
