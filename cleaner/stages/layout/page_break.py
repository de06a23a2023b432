"""page_break: form feeds, the page breaks PDF extractors print (pdftotext ends every
page with one, so the next page's first line starts with it)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule

# a form feed with the horizontal space around it
_FORM_FEED = regex.compile(r"[ \t\u3000]*\f[ \t\u3000\f]*")


class PageBreak(Rule):
    """Turn a form feed (a PDF extractor's page break) into a line break."""

    id = "page_break"
    stage = "layout"

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        # a page break is a line break: at a line's start it leaves a blank line between
        # the pages (a column break for unwrap to decide), and the next page's running
        # head, folio or first line starts a line of its own
        if "\f" not in text:
            return
        for m in _FORM_FEED.finditer(text):
            yield Edit(m.start(), m.end(), "\n", note={"page_break": m.group().count("\f")})
