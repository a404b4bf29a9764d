"""helpers.models.text_model: training on a learner's own text, and its checks."""



import pytest

from helpers.models.text_model import min_chars, train_on_text, train_on_text_file

SMALL = dict(embedding_dim=4, hidden_size=16, batch_size=4, seq_len=16, epochs=3, lr=0.02,
             progress=False)


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
