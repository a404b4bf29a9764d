import re

import pytest

# Importing these registers their messages, so the catalogue checks below see them all.
import helpers.device  # noqa: F401
import helpers.device_picker  # noqa: F401
import helpers.exercises  # noqa: F401
import helpers.reproducibility  # noqa: F401
from helpers import language
from helpers.language import get_language, set_language, t, tr


def test_switching_changes_messages():
    set_language("en")
    assert get_language() == "en"
    assert t("picker.description") == "Device:"
    set_language("pt")
    assert t("picker.description") == "Dispositivo:"


@pytest.mark.parametrize("alias, code", [("pt-BR", "pt"), ("pt_br", "pt"), ("EN", "en"),
                                         ("en-US", "en")])
def test_common_spellings_are_accepted(alias, code):
    set_language(alias)
    assert get_language() == code


@pytest.mark.parametrize("bad", ["fr", "", "portuguese"])
def test_unknown_language_is_a_clear_error_in_the_active_language(bad):
    set_language("en")
    with pytest.raises(ValueError, match="Unknown language"):
        set_language(bad)
    assert get_language() == "en"  # a failed switch changes nothing
    set_language("pt")
    with pytest.raises(ValueError, match="Idioma desconhecido"):
        set_language(bad)


def test_every_message_exists_in_both_languages_and_formats_alike():
    import string
    for key, texts in language.messages().items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f}
                  for lang in language.LANGUAGES]
        assert fields[0] == fields[1], key
        words = re.sub(r"\{[^}]*\}", "", texts["pt"])
        if re.search("[a-zà-ú]", words):  # real words, not just symbols and fields
            assert texts["pt"] != texts["en"], f"{key} is not translated"


def test_portuguese_messages_keep_their_accents():
    joined = " ".join(texts["pt"] for texts in language.messages().values())
    assert any(ch in joined for ch in "ãçéêáíóú")


def test_registering_a_message_without_both_languages_fails():
    with pytest.raises(ValueError, match="no text"):
        language.register({"test.only_pt": {"pt": "só português"}})


def test_tr_picks_by_language():
    assert tr("olá", "hello") == "olá"
    set_language("en")
    assert tr("olá", "hello") == "hello"
