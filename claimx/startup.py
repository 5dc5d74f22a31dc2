"""Keeping `claimx --help` quick: modules Typer's help imports but never uses for claimx.

Typer renders help with `typer.rich_utils`, which imports `rich.markdown`
(markdown-it, Pygments) for a Markdown markup mode claimx does not use, and
`rich.traceback` for pretty exceptions claimx turns off. Together they were
about a third of the instructions `claimx --help` ran. `defer_help_imports`
puts stand-ins for them in `sys.modules`: a stand-in module loads the real
one on its first attribute lookup, and its stand-in class (`Markdown`,
`Traceback`) on its first use, so nothing behaves differently, it is only
loaded later, if ever. The CLI does this only when it is asked for help.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

# Module: the name Typer's help imports from it.
DEFERRED = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}


def defer_help_imports() -> None:
    """Stand-ins for the modules of `DEFERRED` not imported yet."""
    for name, cls in DEFERRED.items():
        if name not in sys.modules:
            _install(name, cls)


def _install(name: str, cls: str) -> None:
    parent, _, child = name.rpartition(".")
    module = _DeferredModule(name)
    setattr(module, cls, _stand_in(name, cls))
    sys.modules[name] = module
    setattr(importlib.import_module(parent), child, module)


def load(name: str) -> types.ModuleType:
    """The real module `name`, imported now if a stand-in holds its place."""
    if isinstance(sys.modules.get(name), _DeferredModule):
        del sys.modules[name]
    return importlib.import_module(name)


class _DeferredModule(types.ModuleType):
    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(load(self.__name__), attr)


class _StandInType(type):
    """Class attributes, `isinstance` and subclass checks go to the real class."""

    _module: str
    _name: str

    def _real(cls) -> type:
        real: type = getattr(load(cls._module), cls._name)
        return real

    def __getattr__(cls, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(cls._real(), attr)

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, cls._real())

    def __subclasscheck__(cls, sub: type) -> bool:
        return issubclass(sub, cls._real())


def _stand_in(module: str, name: str) -> type:
    def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:
        return getattr(load(module), name)(*args, **kwargs)

    return _StandInType(name, (), {"_module": module, "_name": name, "__new__": __new__})
