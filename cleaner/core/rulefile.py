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
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

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


class RuleFileError(Exception):
    """A rule file is broken: names the file, the line and what to do."""

    def __init__(self, path: Path | str, line: int | None, message: str, fix: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.fix = fix
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}\n  fix: {fix}")


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


def build_params(
    rule_cls: type[Rule], values: dict[str, Any], path: Path | str, text: str
) -> Params:
    """Validate one table against the rule's Params and build it."""
    hints = typing.get_type_hints(rule_cls.Params)
    fields = {f.name: f for f in dataclasses.fields(rule_cls.Params)}
    for key, value in values.items():
        line = _locate(text, rule_cls.id, key)
        if key not in fields:
            raise RuleFileError(
                path,
                line,
                f"unknown key {key!r} in [{rule_cls.id}]",
                f"use one of: {', '.join(fields)}",
            )
        if not _check_type(value, hints[key]):
            raise RuleFileError(
                path,
                line,
                f"[{rule_cls.id}] {key} = {value!r} is not {_type_name(hints[key])}",
                f"give {key} a value of type {_type_name(hints[key])}",
            )
        if fields[key].metadata.get("regex"):
            for pattern in value if isinstance(value, list) else [value]:
                try:
                    import regex

                    regex.compile(pattern)
                except regex.error as e:
                    raise RuleFileError(
                        path,
                        line,
                        f"[{rule_cls.id}] {key}: regex {pattern!r} does not compile: {e}",
                        "fix the pattern (TOML literal strings '...' keep backslashes as is)",
                    ) from e
    return rule_cls.Params(**values)


Origin = tuple[Path | str, str]  # (file, its text) a value came from
OPTIONS: Origin = ("<command-line options>", "")


def make_rule(rule_cls: type[Rule], params: Params, origins: dict[str, Origin]) -> Rule:
    try:
        return rule_cls(params)
    except ParamError as e:
        path, text = origins.get(e.key, ("<defaults>", ""))
        raise RuleFileError(
            path, _locate(text, rule_cls.id, e.key), f"[{rule_cls.id}] {e.key}: {e.message}", e.fix
        ) from e


def load_stage(
    stage: str,
    rule_classes: list[type[Rule]],
    rules_dir: Path | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
) -> list[Rule]:
    """Build the rules of ``stage`` from the defaults, a user's folder and overrides."""
    known = {c.id: c for c in rule_classes}
    tables: dict[str, dict[str, Any]] = {c.id: {} for c in rule_classes}
    origins: dict[str, dict[str, Origin]] = {c.id: {} for c in rule_classes}
    dirs = [DEFAULT_RULES_DIR] + ([rules_dir] if rules_dir is not None else [])
    for d in dirs:
        path = d / f"{stage}.toml"
        if not path.is_file():
            continue
        data, text = read_toml(path)
        for rid, table in data.items():
            if rid not in known:
                raise RuleFileError(
                    path,
                    _locate(text, rid),
                    f"unknown rule [{rid}] for stage {stage!r}",
                    f"use one of: {', '.join(known)}",
                )
            if not isinstance(table, dict):
                raise RuleFileError(
                    path, None, f"{rid} must be a table", f"write it as [{rid}] with keys below"
                )
            build_params(known[rid], table, path, text)  # validate this layer alone
            tables[rid].update(table)
            origins[rid].update(dict.fromkeys(table, (path, text)))
    for rid, table in (overrides or {}).items():
        if rid not in known:
            raise RuleFileError(
                OPTIONS[0], None, f"unknown rule {stage}.{rid}", f"use one of: {', '.join(known)}"
            )
        build_params(known[rid], table, *OPTIONS)
        tables[rid].update(table)
        origins[rid].update(dict.fromkeys(table, OPTIONS))
    return [
        make_rule(cls, build_params(cls, tables[cls.id], "<merged rules>", ""), origins[cls.id])
        for cls in rule_classes
    ]
