"""A package's public names, each imported from its home module when first asked for (PEP 562).

A command that only queries a store must not pay at start-up for the reader, the national
views or the codec; each package's ``__init__`` names where its public names live and hands
its module-level ``__getattr__`` and ``__dir__`` to one of these.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

__all__ = ["LazyNames"]


class LazyNames:
    """The public names of the package whose namespace is ``namespace``, by home module."""

    __slots__ = ("_namespace", "_package", "_public", "home")

    def __init__(
        self,
        package: str,
        homes: Mapping[str, Sequence[str]],
        namespace: MutableMapping[str, Any],
        public: Sequence[str],
    ) -> None:
        self._package = package
        self._namespace = namespace
        self._public = public
        self.home = {name: module for module, names in homes.items() for name in names}

    def get(self, name: str) -> Any:
        """The module-level ``__getattr__``: the name from its home module."""
        home = self.home.get(name)
        if home is None:
            raise AttributeError(f"module {self._package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        self._namespace[name] = value  # asked once: later lookups find it without this
        return value

    def listing(self) -> list[str]:
        """The module-level ``__dir__``."""
        return sorted({*self._namespace, *self._public})
