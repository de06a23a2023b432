"""boilerplate: whole lines a scraper kept from the page around the article.

``markdown_image``: a line holding only markdown images (``![alt](src)``, maybe
linked). ``related_links``: a run of "related articles" lines (a title ending in
a date, after an optional bullet) near the end of the document, with an optional
heading line such as ``相关新闻`` above it. Patterns live in the rule file; lines
are removed with their line break.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, Rule, param, regex_param

_IMG = r"!\[[^\]\n]*\]\([^)\n]*\)"
IMAGE_LINE = rf"^[ \t]*(?:(?:{_IMG}|\[{_IMG}\]\([^)\n]*\))[ \t]*)+$"

_DATE = (
    r"(?:19|20)\d\d(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}"
    r"|年\d{1,2}月\d{1,2}日)"
)
_BULLET = r"(?:[-*+·•●○◆◇■□▪▸▶►>]|\d{1,2}[.、)）])"
RELATED_LINE = (
    rf"^[ \t]*(?:{_BULLET}[ \t]*)?\S[^\n]*?[^\s。，；：,;:]"
    rf"[ \t]*[\[(（【]?{_DATE}(?:[ \tT]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?[\])）】]?[ \t]*$"
)
RELATED_HEADING = (
    r"^[ \t]*[【\[]?(?:相关|相關|延伸|推荐|推薦|热门|熱門|更多|最新)"
    r"(?:新闻|新聞|阅读|閱讀|文章|链接|鏈接|报道|報道|资讯|資訊|推荐|推薦)"
    r"[】\]]?[ \t]*[:：]?[ \t]*$"
)


def _line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend ``start:end`` (inside one line) to the whole line with its break."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    return s, len(text) if e < 0 else e + 1


class MarkdownImage(Rule):
    """Remove lines that hold nothing but markdown images (![alt](src))."""

    id = "markdown_image"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # a line matching this (whole line, multiline mode) is removed
        line: str = regex_param(IMAGE_LINE)

    params: Params

    def setup(self) -> None:
        self.pattern = self.params.regex("line", flags=regex.MULTILINE)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if "](" not in text:
            return
        for m in self.pattern.finditer(text):
            s, e = _line_span(text, m.start(), m.end())
            yield Edit(s, e, "")


class RelatedLinks(Rule):
    """Remove a trailing run of "related articles" lines (title + date) and its heading."""

    id = "related_links"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # one related-article line: optional bullet, a title, a date at the end
        line: str = regex_param(RELATED_LINE)
        # a heading line directly above the run, removed with it
        heading: str = regex_param(RELATED_HEADING)
        # fewest consecutive such lines (blank lines between them allowed)
        min_lines: int = param(3, ge=1)
        # only a run in the document's last block with at most this many
        # non-blank lines after it; -1 removes runs anywhere
        max_lines_after: int = param(4, ge=-1)

    params: Params

    def setup(self) -> None:
        p = self.params
        self.pattern = p.regex("line", flags=regex.MULTILINE)
        self.heading = p.regex("heading", flags=regex.MULTILINE)

    def _runs(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, number of lines) of runs of matching lines."""
        start = end = -1
        n = 0
        for m in self.pattern.finditer(text):
            s, e = _line_span(text, m.start(), m.end())
            if n and text[end:s].strip() == "":
                end, n = e, n + 1
                continue
            if n:
                yield start, end, n
            start, end, n = s, e, 1
        if n:
            yield start, end, n

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        p = self.params
        if p.max_lines_after >= 0 and not ctx.is_last:
            return
        for start, end, n in self._runs(text):
            if n < p.min_lines:
                continue
            after = sum(1 for ln in text[end:].splitlines() if ln.strip())
            if p.max_lines_after >= 0 and after > p.max_lines_after:
                continue
            prev_end = start - 1 if start > 0 else 0
            prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
            if start > 0 and self.heading.fullmatch(text, prev_start, prev_end):
                start = prev_start
            yield Edit(start, end, "")
