import numpy as np
import pytest

from helpers.core.trace import StepTrace


def test_valid_trace_and_top_k():
    probs = np.array([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]])
    trace = StepTrace(["a", "b"], np.zeros((3, 4)), pre=np.zeros((2, 4)), probs=probs,
                      vocab=["x", "y", "z"])
    assert (trace.T, trace.H) == (2, 4)
    assert trace.top_k(1, k=2) == [("y", 0.7), ("z", 0.2)]
    assert trace.top_k(2, k=3)[0] == ("x", 0.5)


@pytest.mark.parametrize("kwargs, name", [
    ({"h": np.zeros((2, 4))}, "h"),
    ({"h": np.zeros((3, 4)), "pre": np.zeros((2, 5))}, "pre"),
    ({"h": np.zeros((3, 4)), "probs": np.zeros((2, 2)), "vocab": ["a", "b", "c"]}, "probs"),
    ({"h": np.zeros((3, 4)), "extra": {"c": np.zeros((2, 4))}}, "c"),
])
def test_inconsistent_shapes_are_refused(kwargs, name):
    with pytest.raises(ValueError, match=name):
        StepTrace(["a", "b"], **kwargs)


def test_empty_trace_is_refused():
    with pytest.raises(ValueError, match="T ≥ 1"):
        StepTrace([], np.zeros((1, 2)))
