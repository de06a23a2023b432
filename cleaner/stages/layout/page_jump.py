"""page_jump: page-jump markers of newspapers (▶下转A6版, （下转第八版）, (上接1版)).

A match that holds a sentence (``line_guard``; possible with a pattern of your own) is
never removed: it is kept and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param, regex_param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.line_guard import holds_prose

# an edition as OCR reads it: a 1 may come out as l or I (Al5版)
_NUM = r"(?:第\s*)?[A-Za-z]?\s*[0-9０-９一二三四五六七八九十Il]{1,3}\s*[版面]"
DEFAULT_PATTERNS = [
    # bracketed: （下转第八版） (上接1版) （转A2版） （下轉第2版） （續見B2版）, the opening
    # bracket read as 〈 by OCR: 〈转第9版)
    r"[（(〈]\s*(?:上接|下[转轉]|[转轉]|接|[续續][见見]?)\s*" + _NUM + r"[^（）()\n]{0,8}[）)]",
    # arrowed: ▶下转A6版 ►转2版
    r"[▶►→]\s*(?:上接|下[转轉]|[转轉]|接|[续續])\s*" + _NUM,
    # bare: 下转第2版 上接1版 转第2版
    r"(?:上接|下[转轉])\s*" + _NUM,
    r"(?:详见|请见|见|(?<!\p{Han}))[转轉]第\s*[A-Za-z]?[0-9０-９一二三四五六七八九十]{1,3}\s*版",
    # bracketed and alone on its line (padding allowed) or in its column (after a gap of
    # 3 spaces or more: columns an OCR engine read across), the edition before 版 misread
    # by OCR: （下转嫩版） (下轉(版) (續見Bo版)
    r"(?<=^[ \t\u3000]*|[ \t\u3000]{3})[（(]\s*(?:上接|下[转轉]|[续續][见見])"
    r"[^\s）)]{0,3}[版面][）)](?=[ \t\u3000]*$)",
    # the same with the edition read right (a letter and digits) and 版 misread: (下轉Cl4乒)
    r"(?<=^[ \t\u3000]*|[ \t\u3000]{3})[（(]\s*(?:上接|下[转轉]|[续續][见見])\s*"
    r"[A-H]\s?[0-9Il]{1,2}\p{Han}[）)](?=[ \t\u3000]*$)",
]
# every shipped pattern holds one of these (上接 下转 转 接 续见): with the shipped
# patterns, a text without one holds no marker, and the pattern is neither compiled nor run
SHIPPED_NEEDS = frozenset("接转轉续續")
_NEEDED = re.compile("[接转轉续續]")  # re: a plain class, found faster than by regex
# what stands in a shipped marker before its first needed character: padding, spaces,
# a bracket or an arrow, 上 下 详见 请见 见 (``\s`` is within ``str.isspace``)
_LEAD_IN = frozenset(" \t\u3000（(〈▶►→上下详请见")
# the opening of a bracketed marker (for the screen in ``find``: a marker whose 版 OCR
# misread has neither 版 nor 面)
_OPENING = regex.compile(r"[（(]\s*(?:上接|下[转轉]|[续續][见見])")


class PageJump(Rule):
    """Remove newspaper page-jump markers such as ▶下转A6版 or (上接1版)."""

    id = "page_jump"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # regexes of the markers; a marker alone on its line removes the whole line
        patterns: list[str] = regex_param(DEFAULT_PATTERNS, nonempty=True)
        # a match with sentence punctuation and more than this many Han characters is
        # prose, never removed (kept and reported)
        prose_han: int = param(20, ge=0)

    params: Params

    def setup(self) -> None:
        alt = "|".join(f"(?:{p})" for p in self.params.patterns)
        # the marker with the horizontal space before it; a whole line also takes its newline
        self.pattern = self.params.regex(
            "patterns", rf"(?m)^[ \t\u3000]*(?:{alt})[ \t\u3000]*(?:\n|\Z)|[ \t\u3000]*(?:{alt})"
        )
        self.needs = SHIPPED_NEEDS if self.params.patterns == DEFAULT_PATTERNS else None

    def new_state(self, path: str) -> list[dict[str, Any]]:
        return []  # matches the guard kept, reported at the end

    def reports(self, state: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return state

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if "版" not in text and "面" not in text and not _OPENING.search(text):
            return  # no marker, unless one whose 版 OCR misread: (下轉Cl4乒)
        # the shipped patterns run only near 接转轉续續 (not at all in a text without them)
        found = self.pattern.finditer(text) if self.needs is None else self._shipped(text)
        for m in found:
            marker = m.group().strip()
            if holds_prose(marker, self.params.prose_han):
                ctx.state.append({"path": ctx.path, "offset": ctx.start + m.start(),
                                  "text": marker, "guard": "prose"})  # fmt: skip
                continue
            yield Edit(m.start(), m.end(), "", note={"marker": marker})

    def _shipped(self, text: str) -> Iterator[regex.Match[str]]:
        """``self.pattern.finditer(text)`` for the shipped patterns, tried only from a
        needed character back over what may stand before it in a marker (``_LEAD_IN``)."""
        pos = 0
        for q in (m.start() for m in _NEEDED.finditer(text)):
            if q < pos:
                continue
            s = q
            while s > pos and (text[s - 1] in _LEAD_IN or text[s - 1].isspace()):
                s -= 1
            for p in range(s, q + 1):
                m = self.pattern.match(text, p)
                if m is not None:
                    yield m
                    pos = m.end()
                    break
