"""Texts to train a character model on: the bundled corpus, or a learner's own file.

`load_corpus("pt")` returns the Portuguese (or English) prose written for this project
(helpers/data/corpus_pt.txt, corpus_en.txt; CC BY 4.0), read from the installed package,
so it works offline and on Colab. `read_text_file(path)` reads any UTF-8 .txt file with
clear errors for the usual mistakes (a wrong path, another encoding, an empty file).
`split_text` keeps the end of a text apart for validation. Taught in lesson 04.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..core.language import LANGUAGES, register, t


def load_corpus(lang: str) -> str:
    """The bundled training text of a language ("pt" or "en"), as one string."""
    if lang not in LANGUAGES:
        raise ValueError(t("corpus.language", lang=lang, choices=", ".join(LANGUAGES)))
    data = resources.files(__package__) / f"corpus_{lang}.txt"  # helpers/data/
    return data.read_text(encoding="utf-8")


def read_text_file(path: str | Path) -> str:
    """The text of a UTF-8 file (a leading byte-order mark is dropped, line ends unified)."""
    path = Path(path).expanduser()
    if not path.exists():
        raise ValueError(t("corpus.missing", path=path, cwd=Path.cwd()))
    if not path.is_file():
        raise ValueError(t("corpus.not_file", path=path))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(t("corpus.not_utf8", path=path, position=error.start)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError(t("corpus.empty", path=path))
    return text


def split_text(text: str, val_fraction: float = 0.1) -> tuple[str, str]:
    """(train, validation): the last `val_fraction` of the text is kept for validation.

    A contiguous block, not random characters: the model is judged on passages it never
    read, as it would be on a new text.
    """
    if not isinstance(text, str) or len(text) < 2:
        raise ValueError(t("corpus.split_short", n=len(text) if isinstance(text, str) else
                           type(text).__name__))
    if not isinstance(val_fraction, (int, float)) or not 0 < val_fraction < 1:
        raise ValueError(t("corpus.fraction", value=val_fraction))
    cut = len(text) - max(1, int(len(text) * val_fraction))
    return text[:cut], text[cut:]


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "corpus.language": {
        "pt": "Não há corpus para o idioma {lang!r}; use um destes: {choices}.",
        "en": "There is no corpus for the language {lang!r}; use one of: {choices}.",
    },
    "corpus.missing": {
        "pt": "Arquivo não encontrado: {path}. Confira o nome e a pasta: um caminho "
              "relativo parte da pasta de trabalho, agora {cwd} (no Colab, /content).",
        "en": "File not found: {path}. Check the name and the folder: a relative path "
              "starts from the working folder, now {cwd} (on Colab, /content).",
    },
    "corpus.not_file": {
        "pt": "{path} não é um arquivo de texto (é uma pasta?).",
        "en": "{path} is not a text file (is it a folder?).",
    },
    "corpus.not_utf8": {
        "pt": "{path} não está em UTF-8 (byte inválido na posição {position}). Salve o "
              "arquivo como UTF-8 (no Gutenberg, escolha 'Plain Text UTF-8').",
        "en": "{path} is not UTF-8 (invalid byte at position {position}). Save the file "
              "as UTF-8 (on Gutenberg, choose 'Plain Text UTF-8').",
    },
    "corpus.empty": {
        "pt": "{path} está vazio.",
        "en": "{path} is empty.",
    },
    "corpus.split_short": {
        "pt": "split_text precisa de um texto com pelo menos 2 caracteres (um para treinamento, "
              "um para validação); recebi {n}.",
        "en": "split_text needs a text of at least 2 characters (one to train on, one to "
              "validate on); got {n}.",
    },
    "corpus.fraction": {
        "pt": "A fração de validação deve estar entre 0 e 1 (exclusive), não {value!r}.",
        "en": "The validation fraction must be between 0 and 1 (exclusive), not {value!r}.",
    },
})
