"""The device picker driven headlessly: set the dropdown's value, check what the view shows."""

import pytest
import torch

from helpers.core.device import DeviceInfo
from helpers.core.language import set_language
from helpers.widgets.device_picker import DevicePickerState, DevicePickerWidget, device_picker

TWO = [DeviceInfo("cpu", "CPU — test"), DeviceInfo("cuda:0", "cuda:0 — GPU 0: Test")]


def test_untouched_picker_yields_the_default(monkeypatch):
    monkeypatch.setenv("RNN_LESSONS_DEVICE", "cpu")
    picker = device_picker()
    assert picker.device == torch.device("cpu")
    assert picker.dropdown.value == "cpu"


def test_default_is_taken_from_the_offer():
    choice = DevicePickerState(TWO, default="cuda")
    assert choice.name == "cuda:0"
    assert choice.options == [("CPU — test", "cpu"), ("cuda:0 — GPU 0: Test", "cuda:0")]


def test_a_default_that_is_not_offered_falls_back_to_the_first():
    assert DevicePickerState(TWO[:1], default="cuda:0").name == "cpu"


def test_changing_the_dropdown_updates_state_and_view(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    picker = DevicePickerWidget(DevicePickerState(TWO, default="cpu"))
    assert "<b>cpu</b>" in picker.summary.value
    picker.dropdown.value = "cuda:0"
    assert picker.device == torch.device("cuda", 0)
    assert "<b>cuda:0</b>" in picker.summary.value
    assert "próximos cálculos" in picker.summary.value
    picker.dropdown.value = "cpu"
    assert picker.device == torch.device("cpu")
    assert "<b>cpu</b>" in picker.summary.value


def test_choosing_an_impossible_device_is_refused(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    choice = DevicePickerState(TWO[:1], default="cpu")
    with pytest.raises(ValueError, match="Não há GPU CUDA"):
        choice.choose("cuda")
    assert choice.name == "cpu"


def test_labels_follow_the_language():
    set_language("en")
    picker = DevicePickerWidget(DevicePickerState(TWO, default="cpu"))
    assert picker.dropdown.description == "Device:"
    assert "next computations" in picker.summary.value
    bundle = picker._repr_mimebundle_()
    assert bundle["text/plain"] == "Device picker (chosen: cpu)"
    assert "application/vnd.jupyter.widget-view+json" in bundle
