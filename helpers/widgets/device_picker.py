"""The device picker widget: a dropdown of this machine's devices.

Model/view split, as in the ipywidgets tutorial: `DevicePickerState` holds the state and can
be driven by tests without a browser; `DevicePickerWidget` only builds the controls and wires
them to it. Later cells read `picker.device`; when nobody touches the dropdown (CI,
"Run all") that is `default_device()`. Taught in lesson 00.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import torch

from ..core.device import DeviceInfo, available_devices, default_device, get_device
from ..core.language import register, t
from .display import bundle_with_text


class DevicePickerState:
    """The picker's state: the devices on offer and the one chosen (no widgets here)."""

    def __init__(self, devices: list[DeviceInfo] | None = None, default: str | None = None):
        self.devices = list(devices) if devices is not None else available_devices()
        names = [d.name for d in self.devices]
        chosen = default if default is not None else str(default_device())
        if chosen == "cuda":
            chosen = "cuda:0"
        self.name = chosen if chosen in names else names[0]

    @property
    def options(self) -> list[tuple[str, str]]:
        """(label, name) pairs, the form a Dropdown takes."""
        return [(d.label, d.name) for d in self.devices]

    def choose(self, name: str) -> torch.device:
        """Choose a device by name; an impossible one raises ValueError (clear message)."""
        device = get_device(name)
        key = str(device)
        if key not in [d.name for d in self.devices]:
            raise ValueError(t("device.unknown", name=name))
        self.name = key
        return device

    @property
    def device(self) -> torch.device:
        return torch.device(self.name)


def render_device_picker(state: DevicePickerState) -> str:
    """What the view shows under the dropdown: the device the next cells will use."""
    return t("picker.chosen", name=html.escape(state.name))


class DevicePickerWidget:
    """A Dropdown plus a line saying which device the next cells will use.

    Display it as the last expression of a cell; read `.device` in later cells.
    """

    def __init__(self, state: DevicePickerState | None = None):
        self.state = state or DevicePickerState()
        self.dropdown = widgets.Dropdown(
            options=self.state.options, value=self.state.name,
            description=t("picker.description"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="max-content"),
        )
        self.summary = widgets.HTML(render_device_picker(self.state))
        self.summary.add_class("rnn-device-summary")
        self.widget = widgets.VBox([self.dropdown, self.summary])
        self.widget.add_class("rnn-device-picker")  # stable hooks for the browser tests
        self.dropdown.add_class("rnn-device-dropdown")
        self.dropdown.observe(self._on_change, names="value")

    def _on_change(self, change) -> None:
        self.state.choose(change["new"])
        self.summary.value = render_device_picker(self.state)

    @property
    def device(self) -> torch.device:
        """The chosen device, as a `torch.device`."""
        return self.state.device

    def _repr_mimebundle_(self, **kwargs):
        # Not the devices and their memory (they differ between machines): the choice alone.
        return bundle_with_text(self.widget, t("picker.text", name=self.state.name), **kwargs)


def device_picker() -> DevicePickerWidget:
    """Build a device picker for this machine (what lessons call)."""
    return DevicePickerWidget()


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "picker.description": {"pt": "Dispositivo:", "en": "Device:"},
    "picker.chosen": {
        "pt": "Os próximos cálculos usam <b>{name}</b>.",
        "en": "The next computations use <b>{name}</b>.",
    },
    "picker.text": {
        "pt": "Seletor de dispositivo (escolhido: {name})",
        "en": "Device picker (chosen: {name})",
    },
})
