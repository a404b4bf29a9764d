"""The bundled corpus, a learner's own text file, and training on it in one call."""

from pathlib import Path

import pytest

from helpers.core.language import set_language
from helpers.data.corpus import load_corpus, read_text_file, split_text


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_bundled_corpus_is_there_and_large_enough(lang):
    text = load_corpus(lang)
    assert len(text.encode("utf-8")) >= 30_000
    assert "\r" not in text


def test_portuguese_corpus_keeps_its_accents():
    text = load_corpus("pt")
    assert all(ch in text for ch in "ãçéõ")


def test_unknown_corpus_language():
    with pytest.raises(ValueError, match="Não há corpus para o idioma 'fr'"):
        load_corpus("fr")


def test_read_text_file_handles_bom_and_line_ends(tmp_path):
    path = tmp_path / "book.txt"
    path.write_bytes("\ufeffação\r\npão\rvocê\n".encode())
    assert read_text_file(path) == "ação\npão\nvocê\n"


def test_missing_file_folder_and_empty_file(tmp_path):
    with pytest.raises(ValueError, match="Arquivo não encontrado") as error:
        read_text_file(tmp_path / "nope.txt")
    assert str(Path.cwd()) in str(error.value) and "/content" in str(error.value)
    with pytest.raises(ValueError, match="não é um arquivo de texto"):
        read_text_file(tmp_path)
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    with pytest.raises(ValueError, match="está vazio"):
        read_text_file(tmp_path / "empty.txt")


def test_non_utf8_file_says_where_and_what_to_do(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("ação".encode("latin-1"))
    with pytest.raises(ValueError, match="não está em UTF-8 .*posição 1"):
        read_text_file(path)
    set_language("en")
    with pytest.raises(ValueError, match="is not UTF-8"):
        read_text_file(path)


def test_split_keeps_the_end_for_validation():
    train, val = split_text("abcdefghij", 0.2)
    assert (train, val) == ("abcdefgh", "ij")
    with pytest.raises(ValueError, match="entre 0 e 1"):
        split_text("abc", 1.5)












@pytest.mark.parametrize("text", ["", "a", 42])
def test_split_text_needs_something_on_both_sides(text):
    with pytest.raises(ValueError, match="pelo menos 2 caracteres"):
        split_text(text)
