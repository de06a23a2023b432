"""The changes of a document as a reviewer sees them: the records of one rule that
make one change together (a letter-spaced run, a converted word) as one, each with the
input around it, its line and column, and whether it is risky."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.core.records import Change

CONTEXT = 10  # characters of input shown on each side
GAP = 3  # records of one rule this close together are one change
# repairs a reader should check: decoded mojibake, pinyin removed on local evidence (in a
# document too sparsely annotated to be an annotated page: see is_risky)
RISKY_RULES = {"legacy_mojibake", "utf8_as_gbk", "utf8_mojibake", "gbk_shift"}


@dataclass
class Shown:
    """One change, ready to show: ``left + before + right`` is the input there."""

    path: str
    stage: str
    rule: str
    line: int
    column: int
    left: str
    before: str
    after: str
    right: str
    risky: bool
    unchanged: bool  # found, not changed (the rule was unsure)
    note: str

    @property
    def rule_id(self) -> str:
        return f"{self.stage}.{self.rule}"


def is_risky(change: Change) -> bool:
    """Mojibake repairs, pinyin removals in sparse documents (not where the whole page is
    annotated), ambiguous conversions, and what a rule left unchanged because it was unsure."""
    note = change.note or {}
    if change.rule == "pinyin" and note.get("evidence") not in (None, "dense"):
        return True
    return change.rule in RISKY_RULES or "alternatives" in note or bool(note.get("unchanged"))


def _note(change: Change) -> str:
    note = change.note or {}
    if "alternatives" in note:
        alts = note["alternatives"]
        return "alternatives: " + (
            " ".join(map(str, alts)) if isinstance(alts, list) else str(alts)
        )
    return ", ".join(f"{k}: {v}" for k, v in note.items() if k != "unchanged")


def _groups(text: str, changes: list[Change]) -> list[list[Change]]:
    """Records of one rule next to each other on a line of the input (one change in
    several records), in input order."""
    out: list[list[Change]] = []
    for c in sorted(changes, key=lambda c: (c.start, c.end)):
        last = out[-1][-1] if out else None
        if (
            last is not None
            and (last.stage, last.rule) == (c.stage, c.rule)
            and bool(last.note) == bool(c.note)
            and 0 <= c.start - last.end <= GAP
            and "\n" not in text[last.end : c.start]
        ):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def shown(text: str, changes: list[Change]) -> list[Shown]:
    """The changes of the document ``text`` (its decoded input), in input order."""
    out = []
    for group in _groups(text, changes):
        first, last = group[0], group[-1]
        start, end = first.start, max(c.end for c in group)
        before, after = "", ""
        pos = start
        for c in group:  # the input between the records belongs to both sides
            between = text[pos : c.start] if c.start > pos else ""
            before += between + c.before
            after += between + c.after
            pos = max(pos, c.end)
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        left = text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]
        right = text[end : end + CONTEXT].split("\n", 1)[0]
        out.append(
            Shown(
                first.path, first.stage, first.rule, line, column, left, before, after, right,
                any(is_risky(c) for c in group), bool((last.note or {}).get("unchanged")),
                "; ".join(dict.fromkeys(n for n in map(_note, group) if n)),
            )
        )  # fmt: skip
    return out


def selected(items: list[Shown], rules: set[str] | None, risky: bool) -> list[Shown]:
    """Only the given rules (ids or stage.ids), only the risky ones."""
    return [
        s
        for s in items
        if (rules is None or s.rule in rules or s.rule_id in rules) and (s.risky or not risky)
    ]
