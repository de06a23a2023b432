"""Patterns compiled on first use, not at import or when a rule is built.

Most of the shipped patterns are needed only for a candidate (a comma to check, an
image line, mojibake): compiling them all up front took a good part of a one-line
run's start-up. A ``LazyPattern`` compiles on its first call and then puts the
compiled pattern's methods on itself, so later calls go straight to them (a method
bound before that first call finds the compiled pattern kept on the instance).
"""

from __future__ import annotations

import importlib
import weakref
from typing import Any

import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    """``engine.compile(source, flags)`` (``regex`` by default, or ``re``) when first
    called; the methods rules use: search, match, fullmatch, finditer, findall, sub,
    split."""

    def __init__(self, source: str, flags: int = 0, engine: Any = regex) -> None:
        self.pattern = source
        self.flags = flags
        self._engine = engine
        _PENDING.add(self)

    def __reduce__(self) -> Any:  # picklable, as a compiled pattern is
        return (_rebuild, (self.pattern, self.flags, self._engine.__name__))

    def _compiled(self) -> Any:
        # a method bound before the first call (``search = pattern.search``) comes
        # back here on every call: it must find the pattern, not compile it again
        compiled = self.__dict__.get("_pattern")
        if compiled is None:
            compiled = self._pattern = self._engine.compile(self.pattern, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            _PENDING.discard(self)
        return compiled

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().sub(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().split(*args, **kwargs)


def _rebuild(source: str, flags: int, engine: str) -> LazyPattern:
    return LazyPattern(source, flags, importlib.import_module(engine))


_PENDING: weakref.WeakSet[LazyPattern] = weakref.WeakSet()  # made, not compiled yet


def compile_pending() -> None:
    """Compile every pattern not compiled yet (``Pipeline.warm_up``: before forking)."""
    for pattern in list(_PENDING):
        pattern._compiled()
