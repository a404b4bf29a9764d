import importlib
import pkgutil
import re

import pytest

import helpers
from helpers.core import language
from helpers.core.language import get_language, set_language, t

# Importing every module registers its messages, so the catalogue checks below see them all.
for module in pkgutil.walk_packages(helpers.__path__, "helpers."):
    importlib.import_module(module.name)


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


# Portuguese words as they look with their accents stripped (a keyboard or an editor that
# lost them): none may appear in a message.
STRIPPED = {"nao", "voce", "numero", "numeros", "vocabulario", "entao", "ate", "tambem",
            "sera", "funcao", "posicao", "validacao", "frequencia", "codigo", "distancia",
            "memoria", "nucleos", "dimensao", "proximos", "calculos", "sequencia"}


def stripped_words(text: str) -> set[str]:
    return set(re.findall(r"[a-zà-ú]+", text.lower())) & STRIPPED


def test_portuguese_messages_keep_their_accents():
    assert stripped_words("Não encontrei o número da sequência.") == set()
    assert stripped_words("Nao encontrei o numero da sequencia.") == {"nao", "numero",
                                                                      "sequencia"}
    for key, texts in language.messages().items():
        assert not stripped_words(texts["pt"]), f"{key}: {texts['pt']!r}"


def test_registering_a_message_without_both_languages_fails():
    with pytest.raises(ValueError, match="no text"):
        language.register({"test.only_pt": {"pt": "só português"}})
