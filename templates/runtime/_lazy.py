"""Submodules loaded on first use, so that ``import leaflink`` builds no pydantic model.

Importing ``models`` (and pydantic's model machinery with it) is most of the package's import
time; a client's methods need it only when a call returns. :class:`LazyModule` stands in for
the module until an attribute is read, then imports it (under the import system's lock, so
concurrent first uses are safe) and remembers each attribute it handed out.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["LazyModule"]


class LazyModule:
    """A module imported on first attribute access: ``LazyModule("leaflink.models").Order``."""

    def __init__(self, name: str) -> None:
        self.__name = name

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(importlib.import_module(self.__name), attribute)
        setattr(self, attribute, value)  # later reads skip __getattr__
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self.__name!r}>"
