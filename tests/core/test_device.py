import pytest
import torch

from helpers.core import device as dev
from helpers.core.language import set_language


@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(dev, "_mps_available", lambda: False)
    monkeypatch.delenv(dev.ENV_VAR, raising=False)


@pytest.fixture
def one_gpu(monkeypatch):
    class Props:
        name = "Test GPU"
        total_memory = 16 * 2**30

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "get_device_properties", lambda i: Props())
    monkeypatch.setattr(dev, "_mps_available", lambda: False)
    monkeypatch.delenv(dev.ENV_VAR, raising=False)


def test_cpu_is_always_available_and_first(no_gpu):
    devices = dev.available_devices()
    assert [d.name for d in devices] == ["cpu"]
    assert "CPU" in devices[0].label and "núcleo" in devices[0].label


def test_default_without_gpu_is_cpu(no_gpu):
    assert dev.default_device() == torch.device("cpu")


def test_default_with_gpu_is_first_gpu(one_gpu):
    assert dev.default_device() == torch.device("cuda", 0)
    names = [d.name for d in dev.available_devices()]
    assert names == ["cpu", "cuda:0"]
    assert "Test GPU" in dev.available_devices()[1].label
    assert "16,0 GiB" in dev.available_devices()[1].label


def test_environment_variable_overrides_default(one_gpu, monkeypatch):
    monkeypatch.setenv(dev.ENV_VAR, "cpu")
    assert dev.default_device() == torch.device("cpu")


def test_impossible_environment_variable_names_the_variable(no_gpu, monkeypatch):
    monkeypatch.setenv(dev.ENV_VAR, "cuda")
    with pytest.raises(ValueError, match=dev.ENV_VAR):
        dev.default_device()


@pytest.mark.parametrize("name", ["cpu", "CPU", " cpu "])
def test_cpu_spellings(name, no_gpu):
    assert dev.get_device(name) == torch.device("cpu")


def test_cuda_without_gpu_is_a_clear_bilingual_error(no_gpu):
    with pytest.raises(ValueError, match="Não há GPU CUDA") as info:
        dev.get_device("cuda")
    assert "cpu" in str(info.value)
    set_language("en")
    with pytest.raises(ValueError, match="has no CUDA GPU"):
        dev.get_device("cuda:0")
    with pytest.raises(ValueError, match="no CUDA GPU"):
        dev.get_device("gpu")


def test_cuda_index_out_of_range(one_gpu):
    assert dev.get_device("cuda") == torch.device("cuda", 0)
    assert dev.get_device("GPU") == torch.device("cuda", 0)
    with pytest.raises(ValueError, match="cuda:3"):
        dev.get_device("cuda:3")


def test_mps_without_apple_gpu(no_gpu):
    with pytest.raises(ValueError, match="MPS"):
        dev.get_device("mps")


@pytest.mark.parametrize("name", ["tpu", "cuda:x", "cpu:1", ""])
def test_unknown_device_names(name, no_gpu):
    with pytest.raises(ValueError, match="Dispositivo desconhecido"):
        dev.get_device(name)


def test_not_a_string_is_a_type_error(no_gpu):
    with pytest.raises(TypeError, match="texto"):
        dev.get_device(0)


def test_torch_device_objects_are_accepted(no_gpu):
    assert dev.get_device(torch.device("cpu")) == torch.device("cpu")


def test_core_count_is_spelled_correctly(no_gpu, monkeypatch):
    monkeypatch.setattr(dev.os, "cpu_count", lambda: 1)
    assert "1 núcleo," in dev.available_devices()[0].label
    monkeypatch.setattr(dev.os, "cpu_count", lambda: 8)
    assert "8 núcleos," in dev.available_devices()[0].label
