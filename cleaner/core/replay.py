"""Replay change records: apply them to the input and get the output back.

Like ftfy's ``apply_plan``: the records of a run are a complete account of what it
did, so ``replay(input, records) == output``. Each record names where it applies in
the text as it stood then (``at``) and what it expects to find there (``before``);
a record that does not fit raises ``ReplayError`` instead of producing a wrong text.
"""

from __future__ import annotations

from collections.abc import Iterable

from cleaner.core.records import Change


class ReplayError(ValueError):
    """A record does not apply to the text it is replayed on."""


def replay(text: str, changes: Iterable[Change]) -> str:
    """Apply ``changes`` (one document's records, in the order written) to ``text``.

    >>> c = Change("-", "encoding", "stray_comma", 1, 2, ",", "", at=1)
    >>> replay("a,,b", [c])
    'a,b'
    """
    # Records that follow each other left to right are applied in one pass; a record
    # that goes back (a later rule, or a later stage) starts a new pass.
    parts: list[str] = []
    pos = 0  # in ``text``: everything before it is in ``parts`` already
    shift = 0  # output length minus input length of this pass so far
    for c in changes:
        if c.at is None:
            if c.before != c.after:
                raise ReplayError(f"record without a position: {c}")
            continue  # a finding left unchanged
        start = c.at - shift
        if start < pos:  # goes back: finish this pass
            parts.append(text[pos:])
            text, pos, shift = "".join(parts), 0, 0
            parts = []
            start = c.at
        end = start + len(c.before)
        if text[start:end] != c.before:
            raise ReplayError(
                f"{c.stage}.{c.rule} at {c.at}: expected {c.before!r}, found {text[start:end]!r}"
            )
        parts.append(text[pos:start])
        parts.append(c.after)
        pos = end
        shift += len(c.after) - len(c.before)
    parts.append(text[pos:])
    return "".join(parts)
