"""boilerplate: whole lines a scraper kept from the page around the article.

``markdown_image``: a line holding only markdown images (``![alt](src)``, maybe
linked). ``related_links``: a run of "related articles" lines (a title ending in
a date, after an optional bullet) near the end of the document, with an optional
heading line such as ``相关新闻`` above it; never a run with nothing before it (the
list is the document: a timeline, a list of titles). Patterns live in the rule file; lines
are removed with their line break.

Neither removes a line that holds a sentence (``line_guard``): a prose line that
matches is kept and reported, and boilerplate glued onto its end (an image, a
related-article item after its bullet) is cut off and removed alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, Rule, param, regex_param
from cleaner.stages.line_guard import HAN, cut_point, holds_prose

PROSE_HAN = 20
WHOLE, KEEP = -1, -2  # how a related-article line goes (else: where its item starts)
_IMG = r"!\[[^\]\n]*\]\([^)\n]*\)"
# a non-blank line, cut as str.splitlines cuts and judged as str.strip judges (stdlib
# re: its \\S is not str.isspace, and every line break is a space)
NON_BLANK_LINE = re.compile(r"\S[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*")
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
# where an image starts, and the last word character before an image glued onto prose
_IMAGE_START = LazyPattern(r"\[?!\[")
# searched backwards, from each line's end: forwards it was tried from every "![" and
# read to the line's end from each (quadratic on a line of unclosed images)
_IMAGE_TAIL = LazyPattern(
    rf"(?:{_IMG}|\[{_IMG}\]\([^)\n]*\))[ \t]*$", regex.MULTILINE | regex.REVERSE
)
_WORD_END = LazyPattern(r"[\p{Han}\p{L}\p{N}][ \t]*$")
RELATED_HEADING = (
    r"^[ \t]*[【\[]?(?:相关|相關|延伸|推荐|推薦|热门|熱門|更多|最新)"
    r"(?:新闻|新聞|阅读|閱讀|文章|链接|鏈接|报道|報道|资讯|資訊|推荐|推薦)"
    r"[】\]]?[ \t]*[:：]?[ \t]*$"
)


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend ``start:end`` (inside one line) to the whole line with its break."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    return s, len(text) if e < 0 else e + 1


def _eol(text: str, end: int) -> int:
    """The end of the line that ``text[:end]`` ends in, without its break."""
    return end - 1 if end > 0 and text[end - 1] == "\n" else end


def lines_after_exceed(text: str, start: int, limit: int) -> bool:
    """More than ``limit`` non-blank lines in ``text[start:]``: counted up to ``limit + 1``,
    not to the end of the block (a footer run per page made the count quadratic)."""
    return next(islice(NON_BLANK_LINE.finditer(text, start), limit, None), None) is not None


class KeptLines:
    """Lines the guard kept, reported per document (before == after in the records)."""

    def new_state(self, path: str) -> list[dict[str, Any]]:
        return []

    def reports(self, state: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return state

    def _keep(
        self, ctx: BlockContext, text: str, start: int, end: int, guard: str = "prose"
    ) -> None:
        line = text[start : _eol(text, end)]
        ctx.state.append({"path": ctx.path, "offset": ctx.start + start, "text": line,
                          "guard": guard})  # fmt: skip


class MarkdownImage(KeptLines, Rule):
    """Remove lines that hold nothing but markdown images (![alt](src))."""

    id = "markdown_image"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # a line matching this (whole line, multiline mode) is removed
        line: str = regex_param(IMAGE_LINE)
        # a line with sentence punctuation and more than this many Han characters is
        # never removed; images glued onto its end after the sentence are cut off
        prose_han: int = param(PROSE_HAN, ge=0)

    params: Params

    def setup(self) -> None:
        self.pattern = self.params.regex("line", flags=regex.MULTILINE)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if "](" not in text:
            return
        edits: list[Edit] = []
        lines: set[int] = set()  # starts of the lines looked at
        for m in self.pattern.finditer(text):
            s, e = line_span(text, m.start(), m.end())
            if s in lines:
                continue
            lines.add(s)
            if holds_prose(text[s:e], self.params.prose_han):
                self._keep(ctx, text, s, e)
            else:
                edits.append(Edit(s, e, ""))
        for m in _IMAGE_TAIL.finditer(text):
            s, e = line_span(text, m.start(), m.end())
            if s in lines:
                continue
            lines.add(s)
            eol = _eol(text, e)
            cut = self._glued(text[s:eol])
            if cut >= 0:
                edits.append(Edit(s + cut, eol, "", note={"cut_from": "prose"}))
        yield from sorted(edits, key=lambda x: x.start)

    def _glued(self, line: str) -> int:
        """Where images glued onto the end of a prose line start, or -1: only after
        the end of a sentence (``如图![示意图](a.png)`` is part of its sentence)."""
        cut = cut_point(line, _IMAGE_START, self.pattern, self.params.prose_han)
        if cut <= 0 or not holds_prose(line[:cut], self.params.prose_han):
            return -1
        if _WORD_END.search(line, 0, cut):
            return -1
        return cut


class RelatedLinks(KeptLines, Rule):
    """Remove a trailing run of "related articles" lines (title + date) and its heading."""

    id = "related_links"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # one related-article line: optional bullet, a title, a date at the end
        line: str = regex_param(RELATED_LINE)
        # a heading line above the run (blank lines between allowed), removed with it
        heading: str = regex_param(RELATED_HEADING)
        # fewest consecutive such lines (blank lines between them allowed)
        min_lines: int = param(3, ge=1)
        # fewest under a heading (相关阅读： names the list)
        min_lines_headed: int = param(1, ge=1)
        # only a run in the document's last block with at most this many
        # non-blank lines after it; -1 removes runs anywhere (a run with nothing
        # before it is the document itself: kept and reported)
        max_lines_after: int = param(4, ge=-1)
        # a line with sentence punctuation and more than this many Han characters is
        # never removed; an item glued onto its end is cut off at its `marker`
        prose_han: int = param(PROSE_HAN, ge=0)
        # what opens an item (a bullet) when it is glued onto the end of a prose line
        marker: str = regex_param(_BULLET)

    params: Params

    def setup(self) -> None:
        p = self.params
        self.pattern = p.regex("line", flags=regex.MULTILINE)
        self.heading = p.regex("heading", flags=regex.MULTILINE)
        self.marker = p.regex("marker")
        # the default line ends in a date: look only at lines holding one
        self.screen = regex.compile(_DATE) if p.line == RELATED_LINE else None

    def matches(self, text: str) -> Iterator[regex.Match[str]]:
        """The related-article lines of ``text``: ``line``'s matches, found by the
        screen's lines when there is one (the same matches, one search per dated line)."""
        if self.screen is None:
            yield from self.pattern.finditer(text)
            return
        line_start = -1
        for hit in self.screen.finditer(text):
            start = text.rfind("\n", 0, hit.start()) + 1
            if start == line_start:
                continue
            line_start = start
            end = text.find("\n", hit.end())
            m = self.pattern.search(text, start, len(text) if end < 0 else end)
            if m:
                yield m

    def _entries(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, cut) of each related-article line with its break. ``cut`` is
        WHOLE for a line that goes whole, KEEP for a prose line that stays, else the
        position where an item glued onto the end of a prose line starts."""
        n = self.params.prose_han
        for m in self.matches(text):
            s, e = line_span(text, m.start(), m.end())
            line = text[s : _eol(text, e)]
            cut = cut_point(line, self.marker, self.pattern, n)
            if holds_prose(line, n):
                yield s, e, KEEP if cut < 0 else s + cut
            elif cut > 0 and self._text_head(line[:cut]):
                yield s, e, s + cut  # an item glued onto text that is no title
            else:
                yield s, e, WHOLE

    def _text_head(self, head: str) -> bool:
        """``head``, before an item glued onto it, is text: no item itself (no bullet
        opens it) and longer than a title (more than ``prose_han`` Han characters)."""
        if self.marker.match(head.lstrip()):
            return False
        return sum(1 for _ in HAN.finditer(head)) > self.params.prose_han

    def _runs(self, text: str) -> Iterator[list[tuple[int, int, int]]]:
        """Runs of related-article lines with nothing but blank lines between them."""
        run: list[tuple[int, int, int]] = []
        for entry in self._entries(text):
            if run and text[run[-1][1] : entry[0]].strip():
                yield run
                run = []
            run.append(entry)
        if run:
            yield run

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        p = self.params
        if p.max_lines_after >= 0 and not ctx.is_last:
            return
        for run in self._runs(text):
            end = run[-1][1]
            headed = self._heading(text, run[0][0]) < run[0][0]
            if len(run) < (p.min_lines_headed if headed else p.min_lines):
                continue
            if p.max_lines_after >= 0 and lines_after_exceed(text, end, p.max_lines_after):
                continue
            if self._alone(text, ctx, run):
                # the list is the document (a timeline, a list of titles), no footer
                # trailing an article; it stays and is reported
                self._keep(ctx, text, run[0][0], run[0][1], guard="alone")
                continue
            yield from self._remove(text, ctx, run)

    def _alone(self, text: str, ctx: BlockContext, run: list[tuple[int, int, int]]) -> bool:
        """The run is all the document holds: nothing but blank lines (and a heading)
        before it, no prose line in it (the article an item is glued onto)."""
        if ctx.index > 0 or any(cut != WHOLE for _, _, cut in run):
            return False
        return not text[: self._heading(text, run[0][0])].strip()

    def _remove(
        self, text: str, ctx: BlockContext, run: list[tuple[int, int, int]]
    ) -> Iterator[Edit]:
        """Whole lines go (with the blank lines between them and a heading above the
        first), a glued item goes from its cut, a prose line stays and is reported."""
        start, end = -1, -1  # the span of whole lines being gathered
        for k, (s, e, cut) in enumerate(run):
            if cut == WHOLE:
                if start < 0:
                    start = s
                    if k == 0:
                        start = self._heading(text, s)
                end = e
                continue
            if start >= 0:
                yield Edit(start, end, "")
                start = -1
            if cut == KEEP:
                self._keep(ctx, text, s, e)
            else:  # the prose keeps its line and its line break
                yield Edit(cut, _eol(text, e), "", note={"cut_from": "prose"})
        if start >= 0:
            yield Edit(start, end, "")

    def _heading(self, text: str, start: int) -> int:
        """The start of a heading line above ``start`` (blank lines between them
        allowed), else ``start``."""
        prev_end = start - 1
        while prev_end >= 0:
            prev_start = text.rfind("\n", 0, prev_end) + 1
            if text[prev_start:prev_end].strip():
                return prev_start if self.heading.fullmatch(text, prev_start, prev_end) else start
            prev_end = prev_start - 1
        return start
