import numpy as np
import pytest
import torch

from helpers.core.exercises import check_exercise
from helpers.core.language import set_language


def reference(v):
    return (v ** 2).mean()


CASES = [torch.tensor([1.0, 2.0, 3.0]), torch.tensor([-1.0])]


def test_not_done_yet_is_todo_not_an_error():
    def stub(v):
        raise NotImplementedError
    result = check_exercise(stub, reference, CASES)
    assert result.status == "todo" and not result.passed
    assert "NotImplementedError" in repr(result)


def test_correct_answer_passes():
    result = check_exercise(lambda v: (v * v).sum() / len(v), reference, CASES)
    assert result.passed
    assert "2" in result.message


def test_wrong_answer_shows_the_failing_case():
    result = check_exercise(lambda v: (v * v).sum(), reference, CASES)
    assert result.status == "wrong"
    # the reader's decimal separator: a comma in pt
    assert "[1 2 3]" in result.message and "4,667" in result.message and "14" in result.message


def test_a_long_array_is_named_by_its_shape():
    result = check_exercise(lambda v: v * 0, lambda v: v, [np.ones((4, 5))])
    assert result.status == "wrong" and "forma (4, 5)" in result.message


def test_a_crash_in_the_learners_code_is_reported():
    set_language("en")
    result = check_exercise(lambda v: v.nope(), reference, CASES)
    assert result.status == "wrong" and "AttributeError" in result.message


def test_shape_mismatch_is_wrong():
    result = check_exercise(lambda v: v ** 2, reference, CASES)
    assert result.status == "wrong"


def test_numpy_and_multiple_arguments():
    result = check_exercise(np.add, lambda a, b: a + b, [(np.ones(2), np.arange(2.0))])
    assert result.passed


def test_no_cases_is_an_error():
    with pytest.raises(ValueError):
        check_exercise(reference, reference, [])
