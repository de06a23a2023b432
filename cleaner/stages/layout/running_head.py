"""running_head: page furniture of newspapers read with the text: running heads
(`2023年5月8日 星期一`, `要闻 A2`, both on one line) and folios (`A2`, `第5版`, `— 2 —`).

Only a whole line goes, with its line break: one that a pattern of the rule file
matches, or (``repeat``) one that stands alone between blank lines and comes back in the
document with only its numbers changed (`人民日报 2023年5月8日`, `第 3 页`): a short line
with Han characters and a digit, no clause or sentence mark, seen ``repeat`` times. A line
that holds a sentence (``line_guard``) never goes, whatever a pattern of your own
matches: it is kept and reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param, regex_param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.line_guard import holds_prose

# a date as OCR reads it: a digit may come out as a letter or mark, or gain one
# (2021]年11]月, l1日); the weekday may be lost
_N = r"[0-9０-９Il|\]]{1,3}"
_YEAR = r"[12][0-9Il|\]]{3,4}"
_DATE = rf"{_YEAR}\s*年\s*{_N}\s*月\s*{_N}\s*日\s*(?:星期|[周週]|礼拜|禮拜)[一二三四五六日天]?"
# an edition (A2, B12), its digits as OCR reads them (Al2, Al12: a 1 read as l or gaining
# one), at least one of them a digit (AI alone is no folio)
_EDITION = r"[A-H]\s?(?=[0-9Il|\]]*[0-9])[0-9Il|\]]{1,3}"
_SECTION = rf"\p{{Han}}{{2,4}}\s*(?:{_EDITION}|第\s*[0-9]{{1,2}}\s*版)"
DEFAULT_PATTERNS = [
    _DATE,  # 2023年5月8日 星期一
    _SECTION,  # 要闻 A2, 经济B3, 法治 第5版
    rf"{_DATE}\s+{_SECTION}|{_SECTION}\s+{_DATE}",  # both heads read as one line
    _EDITION,  # folio: A2
    r"第\s*[0-9]{1,2}\s*版",  # folio: 第5版
    r"[—–\-一]{1,2}\s*[0-9]{1,3}\s*[—–\-一]{1,2}",  # folio: — 2 — (一1一)
]


# a date split over two lines (OCR cut the head at a wide gap: ``2021年2`` ⏎ ``12日 星期五``,
# a character between them may be lost): its beginning, and its end with the weekday
DATE_HEAD = rf"{_YEAR}\s*年(?:\s*{_N}(?:\s*月(?:\s*{_N})?)?)?"
DATE_TAIL = rf"(?:{_N}\s*月\s*)?{_N}\s*日\s*(?:星期|[周週]|礼拜|禮拜)[一二三四五六日天]"

_DIGITS = regex.compile(r"[0-9０-９]+")
_MARKS = regex.compile(r"[，。！？；：,.!?;:]")
_HAN = regex.compile(r"\p{Han}")


@dataclass
class _Seen:
    """Per document: lines the guard kept, and how often each line shape stood alone."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    shapes: Counter[str] = field(default_factory=Counter)


class RunningHead(Rule):
    """Remove lines that are running heads or folios (2023年5月8日 星期一, 要闻 A2, — 2 —)."""

    id = "running_head"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # regexes, each matched against a whole line (leading and trailing spaces aside)
        patterns: list[str] = regex_param(DEFAULT_PATTERNS, nonempty=True)
        # a line with sentence punctuation and more than this many Han characters is
        # prose, never removed (kept and reported)
        prose_han: int = param(20, ge=0)
        # lines with more Han characters than this are never page furniture (and are
        # not matched at all: body lines are skipped cheaply)
        max_han: int = param(12, ge=1)
        # a line alone between blank lines that comes back this often in a document with
        # only its numbers changed is a running head too (0: off)
        repeat: int = param(3, ge=0)
        # a running head split over two lines: a line the first regex matches whole,
        # then (at most one blank line between) a line the second matches whole ("": off)
        date_head: str = regex_param(DATE_HEAD)
        date_tail: str = regex_param(DATE_TAIL)

    params: Params

    def setup(self) -> None:
        alt = "|".join(f"(?:{p})" for p in self.params.patterns)
        self.pattern = self.params.regex("patterns", rf"[ \t\u3000]*(?:{alt})[ \t\u3000]*")
        # every shipped pattern holds an ASCII digit (a year, an edition, a folio): with
        # them, a line without a digit is not tried (nor the pattern compiled for it)
        self.needs_digit = self.params.patterns == DEFAULT_PATTERNS
        # lines with few Han characters only: the patterns are tried on far fewer lines
        many = self.params.max_han + 1
        self.short = regex.compile(rf"(?m)^(?!(?:[^\n\p{{Han}}]*\p{{Han}}){{{many}}})[^\n]+$")
        p = self.params
        pad = r"[ \t\u3000]*"
        # the two lines of a split date: its beginning, found in the text, then its end
        on = bool(p.date_head and p.date_tail)
        self.split_head = (
            p.regex("date_head", rf"(?m)^{pad}(?:{p.date_head}){pad}$") if on else None
        )
        self.split_tail = p.regex("date_tail", rf"{pad}(?:{p.date_tail}){pad}") if on else None

    def new_state(self, path: str) -> _Seen:
        return _Seen()

    def reports(self, state: _Seen) -> list[dict[str, Any]]:
        return state.reports

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        seen: _Seen = ctx.state
        candidates = [m for m in self.short.finditer(text) if m.group().strip()]
        shapes = [self._shape(text, m) for m in candidates]
        seen.shapes.update(s for s in shapes if s)
        split = self._split_heads(text) if candidates else set()  # asked of candidates only
        for m, shape in zip(candidates, shapes, strict=True):
            repeated = bool(shape) and 0 < self.params.repeat <= seen.shapes[shape]
            if not repeated and m.start() not in split and not self._matches(m.group()):
                continue
            line = m.group().strip()
            if holds_prose(line, self.params.prose_han):
                seen.reports.append({"path": ctx.path, "offset": ctx.start + m.start(),
                                     "text": line, "guard": "prose"})  # fmt: skip
                continue
            end = m.end() + 1 if m.end() < len(text) else m.end()  # with its line break
            note = {"furniture": line} if not repeated else {"furniture": line, "repeated": True}
            yield Edit(m.start(), end, "", note=note)

    def _split_heads(self, text: str) -> set[int]:
        """Starts of the two lines of a date split over two lines (``date_head`` then
        ``date_tail``, at most one blank line between them)."""
        head, tail = self.split_head, self.split_tail
        if head is None or tail is None:
            return set()
        out: set[int] = set()
        for m in head.finditer(text):
            start = m.end() + 1  # the next line
            for _ in range(2):  # that line, or the one after it if that one is blank
                end = text.find("\n", start)
                end = len(text) if end < 0 else end
                if text[start:end].strip() or end == len(text):
                    break
                start = end + 1
            if start < len(text) and tail.fullmatch(text, start, end):
                out.update((m.start(), start))
        return out

    def _matches(self, line: str) -> bool:
        """A pattern matches the whole line."""
        if self.needs_digit and _DIGITS.search(line) is None:
            return False
        return self.pattern.fullmatch(line) is not None

    def _shape(self, text: str, m: regex.Match[str]) -> str:
        """The line with its numbers blanked, if it may be a repeated running head: alone
        between blank lines (or the block's ends), with 4 Han characters or more and a
        digit, no marks."""
        if not self.params.repeat:
            return ""
        alone = (m.start() < 2 or text[m.start() - 2] == "\n") and text[m.end() : m.end() + 2] in (
            "\n\n",
            "\n",
            "",
        )
        line = m.group().strip()
        if not alone or not _DIGITS.search(line) or _MARKS.search(line):
            return ""
        if len(_HAN.findall(line)) < 4:
            return ""  # 第1章 alone on its line, chapter after chapter, is a heading
        return _DIGITS.sub("#", " ".join(line.split()))
