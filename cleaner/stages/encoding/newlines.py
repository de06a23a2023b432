"""newlines: Windows (CRLF) and old Mac (CR) line breaks become "\\n".

Files are read without translating line breaks, so that this change is recorded
like any other; the API and JSON Lines fields get the same treatment. It runs
first: every later rule (boilerplate lines, the layout stage's line joins) reads
lines ending in "\\n".
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule

BREAK = regex.compile(r"\r\n?")


class Newlines(Rule):
    """CRLF and lone CR line breaks to LF."""

    id = "newlines"
    stage = "encoding"

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if "\r" not in text:
            return
        for m in BREAK.finditer(text):
            yield Edit(m.start(), m.end(), "\n")
