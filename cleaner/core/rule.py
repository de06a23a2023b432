"""The rule contract every stage implements.

A rule is a small class with an ``id`` (the same word in its rule file, in
``--explain`` records, in statistics and in test cases), a ``Params`` dataclass
whose fields are the keys its rule-file table accepts, and one method, ``find``,
that proposes edits for a block of text. Rules never edit text themselves; the
stage applies their edits so that every change is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from cleaner.core.edits import Edit


def regex_param(default: str | list[str], **kw: Any) -> Any:
    """A str or list[str] parameter whose value(s) must compile as regexes."""
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"regex": True}, **kw)
    return field(default=default, metadata={"regex": True}, **kw)


class ParamError(ValueError):
    """A rule rejects a parameter value; the loader adds file and line."""

    def __init__(self, key: str, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.fix = fix


@dataclass
class Params:
    """Base of every rule's parameters. ``enabled`` switches the rule off."""

    enabled: bool = True


BaseParams = Params  # the base, under a name a rule's own ``Params`` does not shadow


@dataclass
class BlockContext:
    """What a rule may know about the block it is looking at.

    ``before``/``after`` hold a few raw input lines around the block (layout needs
    them to judge the first and last line); ``is_last`` marks the document's end;
    ``open_start``/``open_end`` say that the block starts or ends inside a line
    (a line longer than the block limit was cut), so its first or last piece is
    no whole line. ``state`` is the rule's own per-document state (``new_state``).
    """

    path: str = "-"
    index: int = 0
    start: int = 0
    is_last: bool = True
    before: str = ""
    after: str = ""
    open_start: bool = False
    open_end: bool = False
    state: Any = None


class Rule:
    """Base class: subclass, set ``id``, ``stage`` and ``Params``, implement ``find``.

    Rules are immutable once built: they are shared by threads (see ``new_state``)."""

    id: ClassVar[str]
    stage: ClassVar[str]
    Params: ClassVar[type[Any]] = BaseParams

    def __init__(self, params: BaseParams) -> None:
        self.params = params
        self.setup()

    @classmethod
    def description(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""

    def setup(self) -> None:
        """Compile patterns and check parameters; raise ParamError on a bad value."""

    def warm_up(self) -> None:
        """Load now whatever ``find`` would load on first need (models, tables)."""

    def link(self, siblings: list[Rule]) -> None:
        """Called once the stage's rules are all built, with all of them in order
        (a rule that works with another finds it here)."""

    def new_state(self, path: str) -> Any:
        """A fresh per-document state, handed back to ``find`` as ``ctx.state``.

        A rule object is shared by every document and thread that uses its pipeline,
        so whatever it learns about one document lives here, never on ``self``."""
        return None

    def reports(self, state: Any) -> list[dict[str, Any]]:
        """Findings left unchanged in the document of ``state`` (say, a damaged stretch
        the rule could not repair confidently): dicts with ``offset`` and ``text``."""
        return []

    def find(self, text: str, ctx: BlockContext) -> Iterable[Edit]:
        """Yield sorted, non-overlapping edits for ``text``."""
        raise NotImplementedError
