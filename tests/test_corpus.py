"""The bundled corpus, a learner's own text file, and training on it in one call."""

from pathlib import Path

import pytest

from helpers.corpus import load_corpus, read_text_file, split_text
from helpers.language import set_language
from helpers.loss_plot import LiveLossPlot
from helpers.text_model import min_chars, train_on_text, train_on_text_file

SMALL = dict(embedding_dim=4, hidden_size=16, batch_size=4, seq_len=16, epochs=3, lr=0.02,
             progress=False)


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


def test_train_on_a_temporary_text_file(tmp_path):
    path = tmp_path / "my_text.txt"
    path.write_text("o gato viu o rato. o rato viu o gato. " * 40, encoding="utf-8")
    calls = []
    result = train_on_text_file(path, callback=lambda s, v: calls.append(s), **SMALL)
    assert len(result.losses) == len(calls) > 0
    assert result.losses[-1] < result.losses[0]
    assert 0 < result.val_bpc < 2.0  # far below log2(V) ≈ 3.5 for this repetitive text
    text = result.generate("o ", n_chars=30, temperature=0.5, seed=1)
    assert text.startswith("o ") and len(text) == 32
    again = train_on_text_file(path, **SMALL)
    assert again.losses == result.losses  # seeded: repeatable


def test_too_short_text_says_how_long_it_must_be(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("curto demais", encoding="utf-8")
    need = min_chars(4, 16, 0.1)
    with pytest.raises(ValueError, match=f"12 caracteres.*pelo menos {need}"):
        train_on_text_file(path, **SMALL)
    with pytest.raises(ValueError, match="Arquivo não encontrado"):
        train_on_text_file(tmp_path / "missing.txt")


def test_min_chars_is_just_enough():
    need = min_chars(4, 16, 0.1)
    text = ("ab" * need)[:need]
    train_on_text(text, **SMALL)  # does not raise
    with pytest.raises(ValueError, match="curto demais"):
        train_on_text(text[:-1], **SMALL)


def test_live_loss_plot_collects_without_showing():
    plot = LiveLossPlot(every=2)
    for step, loss in enumerate([3.0, 2.5, 2.0], start=1):
        plot.update(step, loss)
    assert plot.steps == [1, 2, 3] and plot.losses == [3.0, 2.5, 2.0]
    assert plot.png().startswith(b"\x89PNG")
    assert plot.figure().axes[0].get_xlabel() == "passo de treino"
    assert "nats" in plot.figure().axes[0].get_ylabel()


@pytest.mark.parametrize("options, error, match", [
    ({"val_fraction": 1.0}, ValueError, "val_fraction.*entre 0 e 1"),
    ({"val_fraction": float("nan")}, ValueError, "val_fraction"),
    ({"batch_size": "2"}, ValueError, "batch_size deve ser um inteiro positivo"),
    ({"seq_len": 0}, ValueError, "seq_len"),
    ({"lr": -1}, ValueError, "lr"),
    ({"device": "tpu"}, ValueError, "tpu"),
])
def test_train_on_text_checks_every_option_before_working(options, error, match):
    with pytest.raises(error, match=match):
        train_on_text("uma frase curta. " * 400, **options)


@pytest.mark.parametrize("text", ["", "a", 42])
def test_split_text_needs_something_on_both_sides(text):
    with pytest.raises(ValueError, match="pelo menos 2 caracteres"):
        split_text(text)
