"""Names of a package imported from their modules when first asked for (PEP 562), as
`textual.widgets` does its widgets: `tui.dialogs` and `tui.screens` use it, so that
the reader's first screen loads none of what it does not show."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: each name of `modules` taken from the
    module it names, imported then."""

    def __getattr__(name: str) -> Any:
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(modules[name]), name)

    return __getattr__
