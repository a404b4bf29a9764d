import numpy as np
import pytest

from helpers.core.checks import check_shape, positive_int, positive_number
from helpers.core.language import set_language


def test_check_shape_accepts_and_returns_an_array():
    out = check_shape("x", [[1, 2, 3]], (None, 3))
    assert isinstance(out, np.ndarray) and out.shape == (1, 3)


@pytest.mark.parametrize("value, expected, shown", [
    (np.ones((2, 3)), (None, 4), r"\(\?, 4\)"),
    (np.ones(3), (3, 1), r"\(3, 1\)"),
    (np.ones((2, 2)), (2,), r"\(2,\)"),
])
def test_check_shape_names_what_was_expected(value, expected, shown):
    with pytest.raises(ValueError, match=rf"W deveria ter forma {shown}, mas tem forma"):
        check_shape("W", value, expected)


@pytest.mark.parametrize("good", [1, 7, np.int64(3)])
def test_positive_int_accepts_counts(good):
    assert positive_int("T", good) == int(good)


@pytest.mark.parametrize("bad", [0, -2, 1.5, "3", True, None])
def test_positive_int_refuses_the_rest(bad):
    with pytest.raises(ValueError, match="T deve ser um inteiro positivo"):
        positive_int("T", bad)


@pytest.mark.parametrize("bad", [0, -0.1, float("inf"), float("nan"), "1", False])
def test_positive_number_refuses_non_positive_or_non_finite(bad):
    set_language("en")
    with pytest.raises(ValueError, match="lr must be a positive, finite number"):
        positive_number("lr", bad)
    assert positive_number("lr", 0.01) == 0.01
