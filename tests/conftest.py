import pytest

from helpers.core import language


@pytest.fixture(autouse=True)
def _portuguese_by_default():
    """Each test starts in pt (the default) and may switch; the switch does not leak."""
    language.set_language("pt")
    yield
    language.set_language("pt")
