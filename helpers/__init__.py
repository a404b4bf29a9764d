"""Helpers for the RNN lessons (Aulas de RNN).

Kept lean on purpose: importing `helpers` loads only the language module. Each concept
lives in its own module, imported where a lesson needs it, for example
``from helpers.core.device import get_device``.
"""

from .core.language import get_language, set_language, t

__all__ = ["get_language", "set_language", "t"]
__version__ = "0.3.0"
