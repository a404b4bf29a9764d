"""`make lab`'s choices, without starting a server: the UI language and the settings file."""

import json

import pytest

from tools.lab import main, ui_language
from tools.lab_settings import OVERRIDES, TRANSLATION, write_overrides


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "pt_BR.UTF-8"}, "pt"),
    ({"LANG": "pt_PT.UTF-8"}, "pt"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),                                            # no locale at all: English
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "pt_BR.UTF-8"}, "pt"),  # messages' locale wins
    ({"LANG": "pt_BR.UTF-8", "LC_ALL": "C"}, "en"),         # LC_ALL wins over everything
    ({"LANG": "pt_BR.UTF-8", "LC_ALL": ""}, "pt"),          # an empty variable is unset
])
def test_the_ui_follows_the_locale(environ, expected):
    assert ui_language(environ=environ) == expected


@pytest.mark.parametrize("choice", ["pt", "PT", "pt_BR", "pt_BR.UTF-8"])
def test_an_explicit_choice_wins_over_the_locale(choice):
    assert ui_language(choice, environ={"LANG": "en_US.UTF-8"}) == "pt"
    assert ui_language("en", environ={"LANG": "pt_BR.UTF-8"}) == "en"


def test_an_unknown_language_is_refused_in_both_languages(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "fr"])
    error = capsys.readouterr().err
    assert "pt ou/or en" in error and "'fr'" in error


def test_overrides_keep_what_is_there_and_set_the_locale(tmp_path):
    path = write_overrides(prefix=tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == OVERRIDES  # install: no locale
    settings = json.loads(path.read_text(encoding="utf-8"))
    settings["some/plugin:x"] = {"kept": True}
    settings[TRANSLATION] = {"stringsPrefix": "!"}
    path.write_text(json.dumps(settings), encoding="utf-8")
    write_overrides(locale="pt_BR", prefix=tmp_path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["some/plugin:x"] == {"kept": True}
    assert written[TRANSLATION] == {"stringsPrefix": "!", "locale": "pt_BR"}
    write_overrides(locale="en", prefix=tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))[TRANSLATION]["locale"] == "en"
