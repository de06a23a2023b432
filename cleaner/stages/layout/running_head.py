"""running_head: page furniture of newspapers read with the text: running heads
(`2023年5月8日 星期一`, `要闻 A2`, both on one line) and folios (`A2`, `第5版`, `— 2 —`).

Only a whole line that one of the rule file's patterns matches goes, with its line
break; a line that holds a sentence (``line_guard``) never does, whatever a pattern of
your own matches: it is kept and reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
_EDITION = r"[A-H]\s?[0-9]{1,2}"
_SECTION = rf"\p{{Han}}{{2,4}}\s*(?:{_EDITION}|第\s*[0-9]{{1,2}}\s*版)"
DEFAULT_PATTERNS = [
    _DATE,  # 2023年5月8日 星期一
    _SECTION,  # 要闻 A2, 经济B3, 法治 第5版
    rf"{_DATE}\s+{_SECTION}|{_SECTION}\s+{_DATE}",  # both heads read as one line
    _EDITION,  # folio: A2
    r"第\s*[0-9]{1,2}\s*版",  # folio: 第5版
    r"[—–\-一]{1,2}\s*[0-9]{1,3}\s*[—–\-一]{1,2}",  # folio: — 2 — (一1一)
]


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

    params: Params

    def setup(self) -> None:
        alt = "|".join(f"(?:{p})" for p in self.params.patterns)
        self.pattern = self.params.regex("patterns", rf"[ \t\u3000]*(?:{alt})[ \t\u3000]*")
        # lines with few Han characters only: the patterns are tried on far fewer lines
        many = self.params.max_han + 1
        self.short = regex.compile(rf"(?m)^(?!(?:[^\n\p{{Han}}]*\p{{Han}}){{{many}}})[^\n]+$")

    def new_state(self, path: str) -> list[dict[str, Any]]:
        return []  # lines the guard kept, reported at the end

    def reports(self, state: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return state

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        for m in self.short.finditer(text):
            if not self.pattern.fullmatch(m.group()):
                continue
            line = m.group().strip()
            if holds_prose(line, self.params.prose_han):
                ctx.state.append({"path": ctx.path, "offset": ctx.start + m.start(),
                                  "text": line, "guard": "prose"})  # fmt: skip
                continue
            end = m.end() + 1 if m.end() < len(text) else m.end()  # with its line break
            yield Edit(m.start(), end, "", note={"furniture": line})
