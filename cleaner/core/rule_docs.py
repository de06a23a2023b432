"""A rule's reference, from the rule itself: its docstring, its ``Params`` declarations
(type, default, allowed values) and its table in the default rule file, whose comment
above each key says what the key means. ``cleaner rules show`` prints it;
``cleaner rules doc`` writes all of them as docs/rules.md."""

from __future__ import annotations

import inspect
import json
import re
import typing
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from cleaner.core.rule import Allowed, Rule
from cleaner.core.rulefile import DEFAULT_RULES_DIR, _type_name

_HEADER = re.compile(r"^\s*\[\s*([^\]\s]+)\s*\]")
_KEY = re.compile(r"^\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?\s*=")
_RULER = re.compile(r"^#\s*---.*---\s*$")  # a section title inside a table, not a meaning
CASES_DIR = DEFAULT_RULES_DIR.parent / "tests" / "cases"  # in a checkout only


@dataclass
class ParamDoc:
    name: str
    type: str
    default: Any
    allowed: str
    meaning: str


@dataclass
class RuleDoc:
    stage: str
    id: str
    enabled: bool
    summary: str
    details: str
    params: list[ParamDoc]
    table: str  # as written in the default rule file
    examples: list[tuple[str, str, str]]  # label, input, expected


def allowed_text(allowed: Allowed, default: Any) -> str:
    """What a parameter accepts beyond its type, in words."""
    parts = []
    if allowed.ge is not None:
        parts.append(f">= {allowed.ge:g}")
    if allowed.gt is not None:
        parts.append(f"> {allowed.gt:g}")
    if allowed.le is not None:
        parts.append(f"<= {allowed.le:g}")
    if allowed.choices is not None:
        choices = allowed.choices() if callable(allowed.choices) else allowed.choices
        listed = [json.dumps(c, ensure_ascii=False) for c in choices]
        if len(listed) > 8:
            listed = [*listed[:8], f"... ({len(listed)} in all)"]
        parts.append("one of " + ", ".join(listed))
    if allowed.nonempty:
        parts.append("not empty")
    if allowed.regex:
        parts.append("regex" + ("es" if isinstance(default, list) else ""))
    return "; ".join(parts)


def table_text(stage: str, rule_id: str, rules_dir: Path = DEFAULT_RULES_DIR) -> str:
    """``[rule_id]`` and its keys as written in ``rules_dir/<stage>.toml``; comments
    that lead into the next table are left to it."""
    path = rules_dir / f"{stage}.toml"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    start = next((i for i, ln in enumerate(lines) if _header(ln) == rule_id), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(lines)) if _header(lines[i])), len(lines))
    body = lines[start:end]
    while len(body) > 1 and (not body[-1].strip() or body[-1].lstrip().startswith("#")):
        body.pop()
    return "\n".join(body)


def _header(line: str) -> str | None:
    m = _HEADER.match(line)
    return m.group(1) if m else None


def meanings(table: str) -> dict[str, str]:
    """The comment lines right above each key of a table, joined; a key without one
    takes an earlier comment of the table that names it (``margin`` and ``min_gain``)."""
    out: dict[str, str] = {}
    comment: list[str] = []
    earlier: list[str] = []
    for line in table.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            if not _RULER.match(stripped):
                comment.append(stripped.lstrip("#").strip())
            continue
        m = _KEY.match(line)
        if m:
            key = m.group(1)
            if comment:
                earlier.append(" ".join(comment))
                out.setdefault(key, earlier[-1])
            else:
                named = [c for c in earlier if re.search(rf"\b{key}\b", c)]
                if named:
                    out.setdefault(key, named[-1])
        comment = []
    return out


def examples(stage: str, rule_id: str, limit: int = 2) -> list[tuple[str, str, str]]:
    """A few cases of the rule's case file that change something (checkouts only)."""
    path = CASES_DIR / stage / f"{rule_id}.json"
    if not path.is_file():
        return []
    cases = json.loads(path.read_text(encoding="utf-8"))
    found = [
        (c["label"], c["input"], c["expected"])
        for c in cases
        if c.get("rule", rule_id) == rule_id
        and c["input"] != c["expected"]
        and len(c["input"]) <= 120
        and not c.get("params")
    ]
    return found[:limit]


def rule_doc(rule: Rule, rules_dir: Path = DEFAULT_RULES_DIR) -> RuleDoc:
    """The reference of a rule as loaded (its parameters at their loaded values)."""
    cls = type(rule)
    table = table_text(cls.stage, cls.id, rules_dir)
    meaning = meanings(table)
    hints = typing.get_type_hints(cls.Params)
    params = []
    for f in fields(cls.Params):
        value = getattr(rule.params, f.name)
        allowed = cls.Params.allowed(f.name)
        params.append(
            ParamDoc(
                f.name,
                _type_name(hints[f.name]),
                value,
                allowed_text(allowed, value),
                meaning.get(f.name, "switches the rule on or off" if f.name == "enabled" else ""),
            )
        )
    doc = inspect.cleandoc(cls.__doc__ or "")
    summary, _, details = doc.partition("\n")
    return RuleDoc(
        cls.stage,
        cls.id,
        bool(rule.params.enabled),
        summary,
        details.strip(),
        params,
        table,
        examples(cls.stage, cls.id),
    )


def shown(value: Any, limit: int = 60) -> str:
    """A parameter value as TOML-like text, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_text(doc: RuleDoc) -> str:
    """``cleaner rules show``: the reference of one rule, for a terminal."""
    state = "on" if doc.enabled else "off"
    out = [f"{doc.stage}.{doc.id} ({state})", "", doc.summary]
    if doc.details:
        out += ["", doc.details]
    out += ["", "parameters:"]
    for p in doc.params:
        allowed = f"; {p.allowed}" if p.allowed else ""
        out.append(f"  {p.name} ({p.type}{allowed}) = {shown(p.default)}")
        if p.meaning:
            out.append(f"      {p.meaning}")
    if doc.examples:
        out += ["", "examples:"]
        for label, before, after in doc.examples:
            out += [f"  {label}:", f"    {shown(before, 200)}", f"    -> {shown(after, 200)}"]
    if doc.table:
        out += ["", f"in rules/{doc.stage}.toml:", *("  " + ln for ln in doc.table.splitlines())]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(docs: list[RuleDoc]) -> str:
    """docs/rules.md: every rule, in run order."""
    out = [
        "# Rules",
        "",
        "<!-- generated by `cleaner rules doc` from the rules themselves; do not edit -->",
        "",
        "Every rule in run order: what it does, its parameters (type, allowed values,",
        "default as shipped) and its table in the default rule file. `cleaner rules show ID`",
        "prints the same for one rule.",
        "",
    ]
    for doc in docs:
        state = "" if doc.enabled else " (off by default)"
        out += [f"## {doc.stage}.{doc.id}{state}", "", doc.summary, ""]
        if doc.details:
            out += [doc.details, ""]
        out += ["| parameter | type | allowed | default | meaning |", "|---|---|---|---|---|"]
        for p in doc.params:
            cells = [p.name, p.type, p.allowed, f"`{shown(p.default)}`", p.meaning]
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        out.append("")
        for label, before, after in doc.examples:
            out += [f"- {label}: `{shown(before, 200)}` → `{shown(after, 200)}`"]
        if doc.examples:
            out.append("")
        if doc.table:
            out += ["```toml", doc.table, "```", ""]
    return "\n".join(out)
