"""stray_comma: an ASCII comma directly before a Chinese mark or another comma.

A scraper that folded full-width punctuation also inserted a ``,`` before many
marks: ``,,`` means ``，``, ``,。`` means ``。``, ``,;`` means ``；``, ``,?`` means
``？``. Before a Chinese mark the comma is always spurious; before an ASCII mark only
in Chinese context (``1,,2`` in a CSV line stays), and never before a ``?`` that
looks like the anchor of a GBK stretch gbk_shift left (``,?!坝``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, Rule, regex_param
from cleaner.stages.encoding.fold_punct import PROTECT
from cleaner.stages.encoding.punct_classes import QUESTION_ANCHOR_NEXT, QUOTES, STRONG

RUN = r"[,;:!?]"
# the marks fold_punct folds, in both forms, and white space
FOLDED = r"[,;:!?()\uff0c\uff1b\uff1a\uff01\uff1f\uff08\uff09\s]"


class StrayComma(Rule):
    """Drop an ASCII ',' directly before one of ，、。；！？ or (in Chinese text) , ; ! ?."""

    id = "stray_comma"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # a comma directly before one of these is dropped
        before: str = "，、。；！？"
        # a comma before one of these is dropped only with Chinese text on either side
        before_ascii: str = ",;!?"
        # spans never touched: URLs, e-mail, code (regexes; fold_punct's by default)
        protect: list[str] = regex_param(PROTECT)

    params: Params

    def setup(self) -> None:
        full = regex.escape(self.params.before)
        plain = regex.escape(self.params.before_ascii.replace("?", ""))
        # a run of ASCII marks holding a '?' is a GBK anchor's: left whole for gbk_shift,
        # but for ",?" (",,?") before a character that no anchor '?' precedes (吗,?当 -> 吗?当)
        not_after_q = f"(?<!\\?{RUN}*,)"
        marks = [f"[{plain}](?!{RUN}*\\?)"] if plain else []
        if "?" in self.params.before_ascii:
            marks.append(f",*\\?(?![{QUESTION_ANCHOR_NEXT}])")
        ascii_ = "|".join(marks)
        alts = []  # each looks around the comma it comes after
        if full:
            alts.append(f"(?=[{full}])")
        if ascii_:
            # Chinese context on either side, looking through the marks fold_punct folds
            # (in either form) and through spaces and line breaks (layout removes them),
            # so that neither changes what a second pass sees
            ctx = f"(?!{FOLDED})[{STRONG}{QUOTES}]"
            alts.append(f"(?<={ctx}{FOLDED}*,)(?={ascii_})")
            alts.append(f"(?=(?:{ascii_}){FOLDED}*{ctx})")
        protect = "|".join(f"(?:{x})" for x in self.params.protect) or "(?!)"
        self.protect = self.params.regex("protect", protect)
        self.pattern = LazyPattern(f",{not_after_q}(?:{'|'.join(alts) or '(?!)'})")

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if "," not in text:
            return
        spans: list[tuple[int, int]] | None = None
        k = 0  # spans[k] is the first protected span that does not end before the match
        for m in self.pattern.finditer(text):
            i = m.start()
            if spans is None:
                spans = [p.span() for p in self.protect.finditer(text)]
            while k < len(spans) and spans[k][1] <= i:
                k += 1
            if k == len(spans) or i < spans[k][0]:
                yield Edit(i, m.end(), "")
