"""Load and validate rule files (``rules/<stage>.toml``).

Each file holds one table per rule id; the table's keys are that rule's ``Params``
fields. A user's rules folder is laid over the defaults: a table there replaces
the keys it names and leaves the rest at their defaults; a file it lacks is taken
from the defaults whole.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import regex

from cleaner.core.errors import RuleFileError, Where
from cleaner.core.rule import ParamError, Params, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_PACKAGE = Path(__file__).resolve().parent.parent
# In a wheel the defaults ship as cleaner/default_rules; in a checkout they are rules/.
DEFAULT_RULES_DIR = next(
    (d for d in (_PACKAGE / "default_rules", _PACKAGE.parent / "rules") if d.is_dir()),
    _PACKAGE / "default_rules",
)


def _locate(text: str, table: str, key: str | None = None) -> int | None:
    """1-based line of ``[table]`` (or of ``key`` inside it)."""
    lines = text.splitlines()
    header = re.compile(r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
    start = next((i for i, ln in enumerate(lines) if header.match(ln)), None)
    if start is None:
        return None
    if key is None:
        return start + 1
    key_re = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for i in range(start + 1, len(lines)):
        if re.match(r"^\s*\[", lines[i]):
            break
        if key_re.match(lines[i]):
            return i + 1
    return start + 1


def _type_name(tp: Any) -> str:
    if get_origin(tp) is Literal:
        return " or ".join(repr(a) for a in get_args(tp))
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _check_type(value: Any, tp: Any) -> bool:
    origin = get_origin(tp)
    if tp is bool:
        return isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is str:
        return isinstance(value, str)
    if origin is Literal:
        return value in get_args(tp)
    if origin is list:
        (item,) = get_args(tp)
        return isinstance(value, list) and all(_check_type(v, item) for v in value)
    if origin is dict:
        k, v = get_args(tp)
        return isinstance(value, dict) and all(
            _check_type(a, k) and _check_type(b, v) for a, b in value.items()
        )
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return any(_check_type(value, a) for a in get_args(tp))
    return isinstance(value, tp)


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise RuleFileError(path, None, f"not UTF-8 ({e.reason})", "save the file as UTF-8") from e
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise RuleFileError(
            path,
            int(m.group(1)) if m else None,
            f"TOML syntax error: {e}",
            "correct the TOML syntax (strings in quotes, one key = value per line)",
        ) from e


Report = Callable[[RuleFileError], None]


def _raise(error: RuleFileError) -> None:
    raise error


def value_problems(
    rule_cls: type[Rule], values: dict[str, Any], path: Path | str, text: str
) -> Iterator[tuple[str, RuleFileError]]:
    """(key, problem) for each key of one table that its rule's Params rejects."""
    hints = typing.get_type_hints(rule_cls.Params)
    fields = [f.name for f in dataclasses.fields(rule_cls.Params)]
    rid = rule_cls.id
    for key, value in values.items():
        # the key's line is looked up only for a problem (a search of the file per key)
        if key not in fields:
            fix = f"use one of: {', '.join(fields)}"
            message = f"unknown key {key!r} in [{rid}]"
            yield key, RuleFileError(path, _locate(text, rid, key), message, fix)
            continue
        if not _check_type(value, hints[key]):
            tp = _type_name(hints[key])
            message = f"[{rid}] {key} = {value!r} is not {tp}"
            fix = f"give {key} a value of type {tp}"
            yield key, RuleFileError(path, _locate(text, rid, key), message, fix)
            continue
        allowed = rule_cls.Params.allowed(key)
        problem = allowed.problem(value)
        if problem is not None:
            message, fix = f"[{rid}] {key} = {value!r}: {problem[0]}", problem[1]
            yield key, RuleFileError(path, _locate(text, rid, key), message, fix)
            continue
        if allowed.regex and value == rule_cls.Params._default(key):
            continue  # the shipped default compiles (a test checks): not at every start-up
        for pattern in (value if isinstance(value, list) else [value]) if allowed.regex else []:
            try:
                regex.compile(pattern)
            except regex.error as e:
                message = f"[{rid}] {key}: regex {pattern!r} does not compile: {e}"
                fix = "fix the pattern (TOML literal strings '...' keep backslashes as is)"
                yield key, RuleFileError(path, _locate(text, rid, key), message, fix)
                break


# (file, its text, layer: 0 built in, 1 default rules, 2 user folder, 3 options)
Origin = tuple[Path | str, str, int]
BUILT_IN: Origin = ("<built-in defaults>", "", 0)
OPTIONS: Origin = ("<command-line options>", "", 3)


def _where(rid: str, key: str, origin: Origin) -> Where:
    path, text, _ = origin
    return Where(str(path), _locate(text, rid, key), rid, key)


class Wheres:
    """Where each parameter of a rule came from (``Params._where``, for run-time errors
    in patterns.py), by key. A key's ``Where`` is made when asked: finding its line
    searches the rule file, and only a user's pattern ever asks."""

    def __init__(self, rid: str, keys: list[str], origins: dict[str, Origin]) -> None:
        self._rid = rid
        self._keys = keys
        self._origins = origins

    def get(self, key: str, default: Where | None = None) -> Where | None:
        if key not in self._keys:
            return default
        return _where(self._rid, key, self._origins.get(key, BUILT_IN))


def make_rule(
    rule_cls: type[Rule], params: Params, origins: dict[str, Origin], report: Report = _raise
) -> Rule | None:
    """The rule, or None after reporting why its parameters do not fit together."""
    rid = rule_cls.id
    keys = [f.name for f in dataclasses.fields(params)]
    params._where = Wheres(rid, keys, origins)  # type: ignore[attr-defined]
    try:
        params.check_together()
        return rule_cls(params)
    except ParamError as e:
        # blame the key of those involved that the user set last
        key = max((e.key, *e.also), key=lambda k: origins.get(k, BUILT_IN)[2])
        path, text, _ = origins.get(key, BUILT_IN)
        report(RuleFileError(path, _locate(text, rid, key), f"[{rid}] {key}: {e.message}", e.fix))
    except RuleFileError as e:
        report(e)
    return None


def _not_a_folder(path: Path) -> RuleFileError:
    return RuleFileError(path, None, "not a folder", "give the folder of your rule files")


def stray_files(rules_dir: Path) -> list[RuleFileError]:
    """Entries of a rules folder that no stage reads (hidden files aside)."""
    from cleaner.stages import STAGES

    known = {f"{s}.toml" for s in STAGES}
    return [
        RuleFileError(
            entry,
            None,
            "no stage reads this file",
            f"name it after a stage ({', '.join(sorted(known))}) or move it out of the folder",
        )
        for entry in sorted(rules_dir.iterdir())
        if entry.name not in known and not entry.name.startswith(".")
    ]


def load_stage(
    stage: str,
    rule_classes: list[type[Rule]],
    rules_dir: Path | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
    report: Report = _raise,
) -> list[Rule]:
    """Build the rules of ``stage`` from the defaults, a user's folder and overrides.

    Every problem goes to ``report``, which raises it by default; a collecting
    ``report`` (``rules check``) gets them all, and bad values are left out."""
    known = {c.id: c for c in rule_classes}
    tables: dict[str, dict[str, Any]] = {c.id: {} for c in rule_classes}
    origins: dict[str, dict[str, Origin]] = {c.id: {} for c in rule_classes}
    if rules_dir is not None and not rules_dir.is_dir():
        report(_not_a_folder(rules_dir))
        rules_dir = None
    if rules_dir is not None and report is _raise:
        for error in stray_files(rules_dir):
            raise error
    layers: list[tuple[str, dict[str, Any], Origin]] = []  # (rule id, table, origin)
    for layer, d in enumerate([DEFAULT_RULES_DIR] + ([rules_dir] if rules_dir else []), 1):
        path = d / f"{stage}.toml"
        if not path.is_file():
            continue
        try:
            data, text = read_toml(path)
        except RuleFileError as e:
            report(e)
            continue
        for rid, table in data.items():
            if rid not in known:
                message = f"unknown rule [{rid}] for stage {stage!r}"
                fix = f"use one of: {', '.join(known)}"
                report(RuleFileError(path, _locate(text, rid), message, fix))
            elif not isinstance(table, dict):
                fix = f"write it as [{rid}] with keys below"
                report(RuleFileError(path, None, f"{rid} must be a table", fix))
            else:
                layers.append((rid, table, (path, text, layer)))
    for rid, table in (overrides or {}).items():
        if rid not in known:
            fix = f"use one of: {', '.join(known)}"
            report(RuleFileError(OPTIONS[0], None, f"unknown rule {stage}.{rid}", fix))
        else:
            layers.append((rid, table, OPTIONS))
    for rid, table, origin in layers:  # each layer's values are checked alone
        bad = set()
        for key, problem in value_problems(known[rid], table, origin[0], origin[1]):
            report(problem)
            bad.add(key)
        good = {k: v for k, v in table.items() if k not in bad}
        tables[rid].update(good)
        origins[rid].update(dict.fromkeys(good, origin))
    rules = [
        make_rule(cls, cls.Params(**tables[cls.id]), origins[cls.id], report)
        for cls in rule_classes
    ]
    return [r for r in rules if r is not None]


def check_rules_dir(rules_dir: Path) -> tuple[list[RuleFileError], int]:
    """Every problem of a rules folder laid over the defaults (``rules check``), and
    the number of rules it builds. Beyond what loading checks, the folder's regexes
    are checked for shapes that backtrack catastrophically."""
    from cleaner.stages import STAGES, rule_classes

    if not rules_dir.is_dir():
        return [_not_a_folder(rules_dir)], 0
    problems = stray_files(rules_dir)
    count = 0
    for stage in STAGES:
        classes = rule_classes(stage)
        count += len(load_stage(stage, classes, rules_dir, None, problems.append))
        problems += _risky_regexes(rules_dir / f"{stage}.toml", {c.id: c for c in classes})
    return problems, count


def _risky_regexes(path: Path, classes: dict[str, type[Rule]]) -> list[RuleFileError]:
    """The regexes of one rule file (that load) with a catastrophic shape."""
    from cleaner.core.patterns import check_pattern

    try:
        data, text = read_toml(path) if path.is_file() else ({}, "")
    except RuleFileError:
        return []  # reported by the loader
    found = []
    for rid, table in data.items():
        cls = classes.get(rid)
        if cls is None or not isinstance(table, dict):
            continue
        names = {f.name for f in dataclasses.fields(cls.Params)}
        for key, value in table.items():
            if key not in names or not cls.Params.allowed(key).regex:
                continue
            for pattern in value if isinstance(value, list) else [value]:
                try:
                    problems = check_pattern(pattern) if isinstance(pattern, str) else []
                except regex.error:
                    continue  # reported by the loader
                fix = "rewrite it so that no text can be matched in more than one way"
                line = _locate(text, rid, key)
                found += [RuleFileError(path, line, f"[{rid}] {key}: {p}", fix) for p in problems]
    return found
