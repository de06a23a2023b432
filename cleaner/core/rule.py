"""The rule contract every stage implements.

A rule is a small class with an ``id`` (the same word in its rule file, in
``--explain`` records, in statistics and in test cases), a ``Params`` dataclass
whose fields are the keys its rule-file table accepts, and one method, ``find``,
that proposes edits for a block of text. Rules never edit text themselves; the
stage applies their edits so that every change is recorded.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any, ClassVar

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern

# A parameter's allowed values, declared once on its field (``param(...)``) and
# checked by the loader for every value a rule file or an option gives.
Choices = tuple[Any, ...] | Callable[[], Iterable[Any]]
Span = tuple[int, int]  # start, end in a block's text


@dataclass(frozen=True)
class Allowed:
    """What a parameter accepts beyond its type (floats must also be finite)."""

    ge: float | None = None  # at least
    gt: float | None = None  # above
    le: float | None = None  # at most
    choices: Choices | None = None  # the value (each item of a list) is one of these
    nonempty: bool = False  # a string, list or table must not be empty
    regex: bool = False  # each value is a user regex (see cleaner.core.patterns)
    what: str = "value"  # what a choice is, for messages: "unknown OpenCC configuration 'x'"

    def problem(self, value: Any) -> tuple[str, str] | None:
        """(what is wrong, how to fix it), or None when ``value`` is allowed."""
        if isinstance(value, float) and not math.isfinite(value):
            return "must be a finite number", f"give a number{self._range_hint()}"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if (self.ge is not None and value < self.ge) or (
                self.gt is not None and value <= self.gt
            ):
                return f"must be {self._range()}", f"give a number{self._range_hint()}"
            if self.le is not None and value > self.le:
                return f"must be {self._range()}", f"give a number{self._range_hint()}"
        if self.nonempty and isinstance(value, (str, list, dict)) and not value:
            return "must not be empty", "give at least one value, or set enabled = false"
        if self.choices is not None:
            allowed = list(self.choices() if callable(self.choices) else self.choices)
            items = value if isinstance(value, list) else [value]
            bad = [v for v in items if v not in allowed]
            if bad:
                shown = ", ".join(str(c).encode("unicode_escape").decode() for c in allowed if c)
                none = ' (or "" for none)' if "" in allowed else ""
                return f"unknown {self.what} {bad[0]!r}", f"use one of: {shown}{none}"
        return None

    def _range(self) -> str:
        parts = []
        if self.ge is not None:
            parts.append(f"at least {self.ge:g}")
        if self.gt is not None:
            parts.append(f"above {self.gt:g}")
        if self.le is not None:
            parts.append(f"at most {self.le:g}")
        return " and ".join(parts) or "a number"

    def _range_hint(self) -> str:
        rng = self._range()
        return "" if rng == "a number" else f" {rng}"


def param(
    default: Any,
    *,
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
    choices: Choices | None = None,
    nonempty: bool = False,
    regex: bool = False,
    what: str = "value",
) -> Any:
    """A ``Params`` field with its allowed values, e.g. ``beam: int = param(24, ge=1)``."""
    allowed = Allowed(ge, gt, le, choices, nonempty, regex, what)
    meta = {"allowed": allowed}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: copy.deepcopy(default), metadata=meta)
    return field(default=default, metadata=meta)


def regex_param(default: str | list[str], **kw: Any) -> Any:
    """A str or list[str] parameter whose value(s) are user regexes: they must compile,
    and rules compile them with ``Params.regex`` so that they run under a time limit."""
    return param(default, regex=True, **kw)


class ParamError(ValueError):
    """A rule rejects a parameter value; the loader adds file and line.

    ``also`` names other keys the problem involves (``min_width`` < ``max_width``): the
    loader blames whichever of them the user set last."""

    def __init__(self, key: str, message: str, fix: str = "", also: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.fix = fix
        self.also = also


@dataclass
class Params:
    """Base of every rule's parameters. ``enabled`` switches the rule off.

    Declare each field's allowed values on it with ``param``/``regex_param``; values
    that only make sense together are checked in ``check_together``."""

    enabled: bool = True

    @classmethod
    def allowed(cls, key: str) -> Allowed:
        for f in fields(cls):
            if f.name == key:
                found = f.metadata.get("allowed")
                return found if isinstance(found, Allowed) else Allowed()
        raise KeyError(key)

    @classmethod
    def check_value(cls, key: str, value: Any) -> None:
        """Raise ParamError if ``value`` is outside what ``key`` allows."""
        problem = cls.allowed(key).problem(value)
        if problem is not None:
            raise ParamError(key, *problem)

    def check(self) -> None:
        """Every field, then the relations between fields."""
        for f in fields(self):
            self.check_value(f.name, getattr(self, f.name))
        self.check_together()

    def check_together(self) -> None:
        """Relations between fields; raise ParamError naming the keys involved."""

    def regex(self, key: str, pattern: str | None = None, flags: int = 0) -> Any:
        """Compile the user regex ``key`` (or ``pattern`` built from it) to run under a
        time limit; an error names the rule file, the rule and ``key``. The shipped
        default (tested by ``rules check``) runs without one: the limit costs some
        microseconds a call; it is compiled when first used (``LazyPattern``)."""
        source = getattr(self, key) if pattern is None else pattern
        if getattr(self, key) == self._default(key):
            return LazyPattern(source, flags)
        from cleaner.core.errors import Where
        from cleaner.core.patterns import compile_user

        where = getattr(self, "_where", {}).get(key) or Where("<defaults>", None, "?", key)
        return compile_user(source, flags, where)

    @classmethod
    def _default(cls, key: str) -> Any:
        f = next(f for f in fields(cls) if f.name == key)
        return f.default_factory() if f.default is MISSING else f.default  # type: ignore[operator]


BaseParams = Params  # the base, under a name a rule's own ``Params`` does not shadow


@dataclass
class BlockContext:
    """What a rule may know about the block it is looking at.

    ``before``/``after`` hold a few raw input lines around the block (layout needs
    them to judge the first and last line); ``is_last`` marks the document's end;
    ``open_start``/``open_end`` say that the block starts or ends inside a line
    (a line longer than the block limit was cut), so its first or last piece is
    no whole line. ``state`` is the rule's own per-document state (``new_state``);
    ``scratch`` holds what a rule keeps for the block over the pipeline's passes (a
    decision made once need not be searched again).
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
    scratch: dict[str, Any] = field(default_factory=dict)


class Rule:
    """Base class: subclass, set ``id``, ``stage`` and ``Params``, implement ``find``.

    Rules are immutable once built: they are shared by threads (see ``new_state``)."""

    id: ClassVar[str]
    stage: ClassVar[str]
    # a rule that reads the input's layout (blank lines, indents, widths) runs in the
    # later passes only until it has edited the block: its output has no such layout
    # left, but text it left alone (unwrap's gate failed on a line still mojibake) is
    # read again where another rule changed it, as the next run would read it
    first_pass_only: ClassVar[bool] = False
    # a rule whose output must not go through it again (a script conversion) edits, in
    # the later passes, only the stretches other rules changed since it ran (find_within)
    converts_once: ClassVar[bool] = False
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

    def find_within(self, text: str, spans: list[Span], ctx: BlockContext) -> list[Edit]:
        """Sorted, non-overlapping edits inside ``spans`` (sorted, apart) of ``text``
        only: a ``converts_once`` rule's later pass, where the rest is done. By default
        each span is read on its own; a rule whose decision for a stretch depends on the
        text around it (a script screen) reads the whole text and edits the spans."""
        return [
            replace(e, start=e.start + s, end=e.end + s) if s else e
            for s, t in spans
            for e in self.find(text[s:t], ctx)
        ]
