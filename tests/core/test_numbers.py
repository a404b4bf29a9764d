import numpy as np
import pytest
import torch

from helpers.core.language import set_language
from helpers.core.numbers import num


@pytest.mark.parametrize("value, spec, pt, en", [
    (0.5731, ".3f", "0,573", "0.573"),
    (12345.6, ",.1f", "12.345,6", "12,345.6"),   # the thousands separator swaps too
    (0.091, ".0%", "9%", "9%"),
    (2.08e-6, ".2e", "2,08e-06", "2.08e-06"),
    (-0.64, "+.2f", "-0,64", "-0.64"),
    (3, "", "3", "3"),
    (0.5, "", "0,5", "0.5"),
    (np.float32(0.25), ".2f", "0,25", "0.25"),
    (torch.tensor(1.5), ".1f", "1,5", "1.5"),
])
def test_one_number_in_each_language(value, spec, pt, en):
    assert num(value, spec) == pt
    set_language("en")
    assert num(value, spec) == en


def test_arrays_are_aligned_like_numpy_prints():
    h = np.array([[0.5766, -0.0839], [0.1, -1.2]])
    assert num(h, ".4f") == "[[ 0,5766 -0,0839]\n [ 0,1000 -1,2000]]"
    set_language("en")
    assert num(h, ".4f") == "[[ 0.5766 -0.0839]\n [ 0.1000 -1.2000]]"


def test_tensors_lists_and_three_dimensions():
    assert num(torch.tensor([1.0, 2.0]), ".1f") == "[1,0 2,0]"
    assert num([0.1, 0.25], ".2f") == "[0,10 0,25]"
    assert num(np.arange(8).reshape(2, 2, 2)) == "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]"


@pytest.mark.parametrize("bad", ["0.5", True, None, ["a", 1], np.array(["x"])])
def test_what_is_not_a_number_is_named(bad):
    with pytest.raises(TypeError, match="num\\(\\) escreve números"):
        num(bad)


def test_text_another_library_wrote_gets_the_readers_separators():
    from helpers.core.numbers import with_separators

    assert with_separators("1,234.5") == "1.234,5"
    set_language("en")
    assert with_separators("1,234.5") == "1,234.5"
