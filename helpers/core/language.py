"""The active language of the lessons (pt-BR or English) and a small message catalogue.

Every lesson is generated twice, once per language, and its setup cell calls
``set_language("pt")`` or ``set_language("en")``. Widget labels, plot labels and the
error messages that the helpers raise are then looked up here with ``t(key)``, so a
student always reads them in the language of the notebook in front of them.

Each helper module registers its own messages with ``register`` when it is imported,
which keeps the catalogue next to the code that uses it. Taught in lesson 00.
"""

from __future__ import annotations

import os

LANGUAGES = ("pt", "en")
DEFAULT_LANGUAGE = "pt"
ENV_VAR = "RNN_LESSONS_LANGUAGE"

_active = os.environ.get(ENV_VAR, DEFAULT_LANGUAGE)
if _active not in LANGUAGES:
    _active = DEFAULT_LANGUAGE

# key -> {"pt": text, "en": text}; texts may hold str.format fields such as {name}.
_catalogue: dict[str, dict[str, str]] = {}


def register(messages: dict[str, dict[str, str]]) -> None:
    """Add messages to the catalogue; every message must exist in every language."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGUAGES if lang not in texts]
        if missing:
            raise ValueError(f"message {key!r} has no text for {missing}")
        if key in _catalogue and _catalogue[key] != texts:
            raise ValueError(f"message {key!r} is registered twice with different texts")
        _catalogue[key] = dict(texts)


def set_language(lang: str) -> None:
    """Make `lang` ("pt" or "en") the language of labels and error messages."""
    global _active
    code = lang.lower().replace("_", "-") if isinstance(lang, str) else lang
    if code in ("pt-br", "pt"):
        code = "pt"
    elif code in ("en-us", "en-gb", "en"):
        code = "en"
    if code not in LANGUAGES:
        raise ValueError(t("language.unknown", lang=lang, choices=", ".join(LANGUAGES)))
    _active = code


def get_language() -> str:
    """The active language: "pt" or "en"."""
    return _active


def t(key: str, **fields) -> str:
    """The message `key` in the active language, with `fields` filled in."""
    texts = _catalogue.get(key)
    if texts is None:
        raise KeyError(f"no message {key!r} in the catalogue")
    return texts[_active].format(**fields)


def messages() -> dict[str, dict[str, str]]:
    """A copy of the whole catalogue (used by the tests to check both languages)."""
    return {key: dict(texts) for key, texts in _catalogue.items()}


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "language.unknown": {
        "pt": "Idioma desconhecido: {lang!r}. Use um destes: {choices}.",
        "en": "Unknown language: {lang!r}. Use one of: {choices}.",
    },
})
