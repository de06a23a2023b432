"""Regexes from rule files and ``--set``: untrusted input.

They are compiled with the ``regex`` module and every call runs under a time limit
(``compile_user``), so a pattern that backtracks catastrophically stops the run with
an error naming the rule file, the rule and the key instead of hanging it.
``risky_shapes`` finds the usual catastrophic shapes for ``cleaner rules check``:
nested quantifiers (``(a+)+``, ``(a*)*``) and alternatives that can match the same
text under a quantifier (``(a|a)+``, ``(a|ab)*``), confirmed or not by a trial match
against a pumped string.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from cleaner.core.errors import RuleFileError, Where

if sys.version_info >= (3, 11):
    import re._constants as _c
    import re._parser as _sre
else:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _sre

# Seconds of CPU time one call (search, match, one step of finditer, sub) may take (the
# `regex` module counts process CPU time; under load a call lasts longer by the clock).
# Normal patterns take microseconds a block; a catastrophic one longer than any limit.
TIMEOUT = 1.0
TRIAL_TIMEOUT = 0.02  # `rules check`: a pumped string must be matched this fast


class PatternTimeout(RuleFileError):
    """A user regex took too long on the text being cleaned."""

    def __init__(self, where: Where, pattern: str) -> None:
        self.where = where
        self.pattern = pattern
        shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
        super().__init__(
            where.path,
            where.line,
            f"[{where.rule}] {where.key}: regex {shown!r} took longer than {TIMEOUT:g}s on one "
            "block of the input (catastrophic backtracking); the run stopped there",
            "rewrite the pattern without nested or overlapping repetition "
            "(`cleaner rules check` finds the usual shapes)",
        )

    def __reduce__(self) -> Any:  # picklable: worker processes send it back
        return (PatternTimeout, (self.where, self.pattern))


class UserPattern:
    """A compiled user regex whose calls run under ``TIMEOUT``; the methods rules use."""

    __slots__ = ("_re", "where", "pattern")

    def __init__(self, compiled: regex.Pattern[str], where: Where) -> None:
        self._re = compiled
        self.where = where
        self.pattern = compiled.pattern

    def _fail(self, e: TimeoutError) -> PatternTimeout:
        return PatternTimeout(self.where, self.pattern)

    def search(self, string: str, *args: Any) -> regex.Match[str] | None:
        try:
            return self._re.search(string, *args, timeout=TIMEOUT)
        except TimeoutError as e:
            raise self._fail(e) from None

    def match(self, string: str, *args: Any) -> regex.Match[str] | None:
        try:
            return self._re.match(string, *args, timeout=TIMEOUT)
        except TimeoutError as e:
            raise self._fail(e) from None

    def fullmatch(self, string: str, *args: Any) -> regex.Match[str] | None:
        try:
            return self._re.fullmatch(string, *args, timeout=TIMEOUT)
        except TimeoutError as e:
            raise self._fail(e) from None

    def finditer(self, string: str, *args: Any) -> Iterator[regex.Match[str]]:
        try:
            yield from self._re.finditer(string, *args, timeout=TIMEOUT)
        except TimeoutError as e:
            raise self._fail(e) from None

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        try:
            return self._re.sub(repl, string, count, timeout=TIMEOUT)
        except TimeoutError as e:
            raise self._fail(e) from None


def compile_user(pattern: str, flags: int, where: Where) -> UserPattern:
    """Compile a user regex with the ``regex`` module (errors name ``where``)."""
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as e:
        raise RuleFileError(
            where.path,
            where.line,
            f"[{where.rule}] {where.key}: regex {pattern!r} does not compile: {e}",
            "fix the pattern (TOML literal strings '...' keep backslashes as is)",
        ) from None
    return UserPattern(compiled, where)


# --- static check for `rules check` ---------------------------------------------------

# A quantifier that repeats without bound (or many times): + * {n,} {n,m} with m > 1.
_QUANT = re.compile(r"(?:[+*]|\{\d*,\d*\}|\{\d+\})(?![+])")
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
# first candidates for a pump: Latin, digit, space, Han, punctuation, kana
_PUMP_CHARS = "a1 中，。!?-.あ_A\t"


def _groups(pattern: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, quantifier) of each parenthesised group followed by a repeating
    quantifier; ``pattern[start + 1 : end - 1]`` is the group's text."""
    stack: list[int] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if pattern.startswith("[^]", i) or pattern.startswith("[]", i):
                i += 2 if pattern[i + 1] == "]" else 3
                continue
        elif c == "(":
            stack.append(i)
        elif c == ")" and stack:
            start = stack.pop()
            m = _QUANT.match(pattern, i + 1)
            if m and _repeats(m.group()):
                yield start, i + 1, m.group()
        i += 1


def _repeats(quant: str) -> bool:
    if quant in ("+", "*"):
        return True
    lo, _, hi = quant.strip("{}").partition(",")
    if "," not in quant:
        return int(lo or 0) > 1
    return hi == "" or int(hi) > 1


def _body(group: str) -> str | None:
    """The text inside a group, without its opening ``(?:``/``(?P<n>``; None for
    atomic groups and lookarounds (which do not backtrack into their body)."""
    inner = group[1:-1]
    if not inner.startswith("?"):
        return inner
    m = re.match(r"\?(?:[:|]|P?<[A-Za-z_]\w*>|'[A-Za-z_]\w*'|[a-zA-Z-]+:)", inner)
    return inner[m.end() :] if m else None


def _split_top(body: str) -> list[str]:
    """Alternatives of ``body`` at its top level."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    out.append(body[start:])
    return out


_ATOM = re.compile(r"\\[pP]\{[^}]*\}|\\.|\[(?:\\.|[^\]\\])+\]|\[\]?[^\]]*\]|\(|.", re.S)


def _first_atom(alt: str) -> str:
    m = _ATOM.match(alt)
    return m.group() if m else ""


def _witness(atom: str, flags: int) -> str | None:
    """A character ``atom`` matches, for a pumped string."""
    if not atom or atom == "(":
        return None
    try:
        one = regex.compile(atom, flags)
    except regex.error:
        return None
    return next((c for c in _PUMP_CHARS if one.fullmatch(c)), None)


@dataclass(frozen=True)
class Risk:
    shape: str  # the group at fault, e.g. "(a+)+"
    why: str
    witness: str | None  # a character to pump with, if one was found


def _inner_repeat(body: str) -> bool:
    """Does ``body`` hold a repeated element that alone may fill one iteration of the
    outer repeat (nothing else beside it needs a character)?"""
    try:
        tree = _sre.parse(_PROPERTY.sub("x", body))
    except (re.error, OverflowError, RecursionError):
        return False
    return _fills(tree)


def _fills(seq: Any) -> bool:
    items = list(seq)
    widths = [_sre.SubPattern(seq.state, [item]).getwidth()[0] for item in items]
    for k, (op, av) in enumerate(items):
        if sum(widths) - widths[k] > 0:
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] > 1:
            return True
        if op is _c.SUBPATTERN and _fills(av[-1]):
            return True
        if op is _c.BRANCH and any(_fills(alt) for alt in av[1]):
            return True
    return False


def risky_shapes(pattern: str, flags: int = 0) -> list[Risk]:
    """Groups repeated by a quantifier whose body can match the same text in more than
    one way: a repeated element inside (``(a+)+``, ``(\\s*\\S+)*``) or alternatives
    that begin alike (``(a|a)+``, ``(a|ab)*``)."""
    risks = []
    for start, end, quant in _groups(pattern):
        group = pattern[start:end]
        body = _body(group)
        if body is None:
            continue
        alts = _split_top(body)
        firsts = [_first_atom(a) for a in alts]
        if _inner_repeat(body):
            atom = _first_atom(body.lstrip("^"))
            risks.append(Risk(group + quant, "a repeated element inside a repeated group",
                              _witness(atom, flags)))  # fmt: skip
            continue
        seen: dict[str, int] = {}
        for k, atom in enumerate(firsts):
            if atom and atom != "(" and atom in seen:
                why = f"alternatives {alts[seen[atom]]!r} and {alts[k]!r} begin alike"
                risks.append(Risk(group + quant, why, _witness(atom, flags)))
                break
            seen.setdefault(atom, k)
    return risks


def slow_on_pump(pattern: str, flags: int, witness: str, timeout: float = TRIAL_TIMEOUT) -> bool:
    """Does a search for ``pattern`` time out on ``witness`` repeated, then a stopper?"""
    compiled = regex.compile(pattern, flags)
    for n in (24, 32):
        for stop in ("!", "\x00", "\n", ""):
            try:
                compiled.search(witness * n + stop, timeout=timeout)
            except TimeoutError:
                return True
    return False


def check_pattern(pattern: str, flags: int = 0) -> list[str]:
    """Problems of one user regex for ``rules check``: each names the risky group."""
    problems = []
    for risk in risky_shapes(pattern, flags):
        confirmed = risk.witness is not None and slow_on_pump(pattern, flags, risk.witness)
        trial = (
            f"; a search on {risk.witness * 24!r}... took over {TRIAL_TIMEOUT:g}s"
            if confirmed and risk.witness
            else ""
        )
        problems.append(
            f"regex {pattern!r}: {risk.shape} can backtrack catastrophically ({risk.why}){trial}"
        )
    if not problems:  # a shape the static check missed: pump the pattern's own letters
        for c in dict.fromkeys(ch for ch in _PROPERTY.sub("", pattern) if ch.isalnum()):
            if slow_on_pump(pattern, flags, c):
                problems.append(
                    f"regex {pattern!r}: a search on {c * 24!r}... took over "
                    f"{TRIAL_TIMEOUT:g}s (catastrophic backtracking)"
                )
                break
    return problems
