"""Which device (CPU or GPU) the lessons compute on.

`available_devices()` lists what this machine has, `default_device()` picks a sensible
one, and `get_device("cuda")` turns a learner's choice into a `torch.device`, or says
clearly, in the notebook's language, why that choice is impossible here.

The environment variable RNN_LESSONS_DEVICE overrides the default: CI sets it to "cpu"
so that the stored outputs reproduce, and a teacher can set it for a whole class.
Taught in lesson 00; the picker widget that shows these choices is `device_picker.py`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch

from .language import register, t
from .numbers import num

ENV_VAR = "RNN_LESSONS_DEVICE"


@dataclass(frozen=True)
class DeviceInfo:
    """One device a lesson can use: its torch name ("cpu", "cuda:0", "mps") and a label."""

    name: str
    label: str


def _memory_text(n_bytes: int | None) -> str:
    if not n_bytes:
        return "?"
    return t("device.memory", gib=num(n_bytes / 2**30, ".1f"))


def _system_memory() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # not on every OS (Windows)
        return None


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def available_devices() -> list[DeviceInfo]:
    """Every device this machine offers, CPU first, with a label in the active language."""
    n = os.cpu_count() or 1
    cores = t("device.one_core") if n == 1 else t("device.cores", n=n)
    devices = [DeviceInfo("cpu", t("device.cpu_label", cores=cores,
                                   memory=_memory_text(_system_memory())))]
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            devices.append(DeviceInfo(f"cuda:{index}", t(
                "device.gpu_label", name=f"cuda:{index}", index=index, gpu=props.name,
                memory=_memory_text(props.total_memory))))
    if _mps_available():
        devices.append(DeviceInfo("mps", t("device.mps_label")))
    return devices


def get_device(name: str | torch.device) -> torch.device:
    """Check a learner's device choice and return it as a `torch.device`.

    Accepts "cpu", "cuda", "cuda:N", "gpu" (the first GPU) and "mps", in any case.
    An impossible choice raises ValueError with a message in the active language.
    """
    if isinstance(name, torch.device):
        name = str(name)
    if not isinstance(name, str):
        raise TypeError(t("device.not_text", kind=type(name).__name__))
    text = name.strip().lower()
    if text == "gpu":
        text = "cuda" if torch.cuda.is_available() or not _mps_available() else "mps"
    kind, _, index = text.partition(":")
    if kind == "cpu" and not index:
        return torch.device("cpu")
    if kind == "cuda" and (not index or index.isdigit()):
        if not torch.cuda.is_available():
            raise ValueError(t("device.no_cuda", name=name))
        count = torch.cuda.device_count()
        number = int(index) if index else 0
        if number >= count:
            raise ValueError(t("device.cuda_index", last=count - 1, name=name))
        return torch.device("cuda", number)
    if kind == "mps" and not index:
        if not _mps_available():
            raise ValueError(t("device.no_mps"))
        return torch.device("mps")
    raise ValueError(t("device.unknown", name=name))


def default_device() -> torch.device:
    """The device lessons use unless a learner picks another.

    RNN_LESSONS_DEVICE wins when set (CI sets "cpu"); otherwise the first CUDA GPU,
    then an Apple GPU, then the CPU.
    """
    wanted = os.environ.get(ENV_VAR, "").strip()
    if wanted:
        try:
            return get_device(wanted)
        except ValueError as error:
            raise ValueError(t("device.env", var=ENV_VAR, name=wanted, why=error)) from None
    if torch.cuda.is_available():
        return torch.device("cuda", 0)
    if _mps_available():
        return torch.device("mps")
    return torch.device("cpu")


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "device.unknown": {
        "pt": "Dispositivo desconhecido: {name!r}. Escreva 'cpu', 'cuda', 'cuda:0' ou 'mps'.",
        "en": "Unknown device: {name!r}. Write 'cpu', 'cuda', 'cuda:0' or 'mps'.",
    },
    "device.no_cuda": {
        "pt": "Não há GPU CUDA nesta máquina, então {name!r} é impossível. "
              "Use 'cpu' (ou, no Colab, ative a GPU em Ambiente de execução → "
              "Alterar o tipo de ambiente de execução).",
        "en": "This machine has no CUDA GPU, so {name!r} is impossible. "
              "Use 'cpu' (or, on Colab, enable the GPU in Runtime → Change runtime type).",
    },
    "device.cuda_index": {
        "pt": "As GPUs CUDA desta máquina vão de cuda:0 a cuda:{last}; {name!r} não existe.",
        "en": "This machine's CUDA GPUs go from cuda:0 to cuda:{last}; {name!r} does not exist.",
    },
    "device.no_mps": {
        "pt": "Não há GPU Apple (MPS) nesta máquina; use 'cpu'.",
        "en": "This machine has no Apple GPU (MPS); use 'cpu'.",
    },
    "device.not_text": {
        "pt": "O dispositivo deve ser um texto como 'cpu' ou 'cuda', não {kind}.",
        "en": "The device must be a text such as 'cpu' or 'cuda', not {kind}.",
    },
    "device.env": {
        "pt": "A variável de ambiente {var} pede {name!r}, mas: {why}",
        "en": "The environment variable {var} asks for {name!r}, but: {why}",
    },
    "device.cpu_label": {
        "pt": "CPU — {cores}, {memory}",
        "en": "CPU — {cores}, {memory}",
    },
    "device.one_core": {"pt": "1 núcleo", "en": "1 core"},
    "device.cores": {"pt": "{n} núcleos", "en": "{n} cores"},
    "device.gpu_label": {
        "pt": "{name} — GPU {index}: {gpu}, {memory}",
        "en": "{name} — GPU {index}: {gpu}, {memory}",
    },
    "device.mps_label": {
        "pt": "mps — GPU Apple",
        "en": "mps — Apple GPU",
    },
    "device.memory": {
        "pt": "{gib} GiB de memória",
        "en": "{gib} GiB of memory",
    },
})
