"""The properties as functions of one input, shared by the CI-sized tests and the
``slow`` ones at length; each counts the examples it passed (counts.py)."""

from __future__ import annotations

from collections import Counter

from hypothesis import assume

import cleaner
from cleaner.core.records import Change
from cleaner.core.replay import replay
from tests.properties.counts import checked
from tests.properties.known import known_idempotence_failure
from tests.properties.strategies import is_han

TARGETS = ("simplified", "traditional", "taiwan", "hongkong", "keep")


def check_idempotent(text: str, to: str, prop: str) -> None:
    pipeline = cleaner.get_pipeline(to=to)
    once = pipeline.clean_text(text)
    second: list[Change] = []
    twice = pipeline.clean_text(once, sink=second.append)
    if twice != once:
        rules = {c.rule for c in second if not (c.note or {}).get("unchanged")}
        assume(not known_idempotence_failure(text, rules))  # a known one: FINDINGS.md
        assert twice == once, f"the second pass changed it: {sorted(rules)}"
    checked(prop)


def _han(text: str) -> Counter[str]:
    return Counter(c for c in text if is_han(c))


def _net_removed(changes: list[Change]) -> Counter[str]:
    """Han characters the records say were taken out, net of those they put in."""
    removed: Counter[str] = Counter()
    for c in changes:
        removed.update(_han(c.before))
        removed.subtract(_han(c.after))
    return removed


def check_no_han_lost(text: str, to: str, prop: str) -> None:
    result = cleaner.clean_with_changes(text, to=to)
    missing = _han(text) - _han(result.text)
    named = {ch for c in result.changes for ch in c.before}
    assert not {ch for ch in missing if ch not in named}, "removed without a record"
    balance = _han(text)
    balance.subtract(_han(result.text))
    net = _net_removed(result.changes)
    wrong = {ch: (balance[ch], net[ch]) for ch in set(balance) | set(net) if balance[ch] != net[ch]}
    assert not wrong, "records do not account for these Han characters: (in - out, net removed)"
    checked(prop)


def check_replay(text: str, to: str, prop: str) -> None:
    result = cleaner.clean_with_changes(text, to=to)
    assert replay(text, result.changes) == result.text
    checked(prop)
