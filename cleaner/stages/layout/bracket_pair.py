"""bracket_pair: brackets OCR read as the wrong kind, mended by their partner
(`〈经济日报》` → `《经济日报》`, `〈以下简称公司)` → `（以下简称公司）`).

An opening and a closing bracket with Chinese text between them and no other bracket
are a pair; when they do not match and the rule file names the pair, both become the
pair it names. Matched pairs, brackets without a partner and text with no Han inside
(`[1)`, code) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, ParamError, Rule, param
from cleaner.core.rule import Params as BaseParams

# OCR misreads an opening bracket more often than a closing one (tesseract: （ as 〈 or 《),
# so the closing bracket says which pair it was
DEFAULT_FIXES = {
    "〈）": "（）",
    "〈)": "（）",
    "《）": "（）",
    "《)": "（）",
    "（)": "（）",
    "(）": "（）",
    "〈》": "《》",
    "【]": "【】",
    "[】": "【】",
}
_BRACKETS = "（）()〈〉《》【】[]「」『』〔〕"


class BracketPair(Rule):
    """Make a mismatched bracket pair around Chinese text match (〈…》 → 《…》)."""

    id = "bracket_pair"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # mismatched pair (opening + closing as read) -> the pair it stands for
        fixes: dict[str, str] = param(DEFAULT_FIXES, nonempty=True)
        # longest text between the two (characters)
        max_chars: int = param(60, ge=1)

        def check_together(self) -> None:
            for k, v in self.fixes.items():
                if len(k) != 2 or len(v) != 2:
                    raise ParamError("fixes", f"{k!r} = {v!r}: both sides must be two brackets",
                                     'e.g. "〈》" = "《》"')  # fmt: skip

    params: Params

    def setup(self) -> None:
        fixes = self.params.fixes
        opening = "".join(sorted({k[0] for k in fixes}))
        closing = "".join(sorted({k[1] for k in fixes}))
        inner = f"([^{regex.escape(_BRACKETS)}\\n]{{1,{self.params.max_chars}}})"
        pairs = [f"[{regex.escape(opening)}]{inner}[{regex.escape(closing)}]"]
        if set(opening + closing) <= set(_BRACKETS) and not set(opening) & set(closing):
            # each opening with only the closings the rule file pairs it with: the pairs
            # it leaves (most are matched ones) are never found. No bracket is inside a
            # pair or both opens and closes, so the pairs found are the same
            pairs = []
            for o in opening:
                closes = "".join(k[1] for k in fixes if k[0] == o)
                pairs.append(f"{regex.escape(o)}{inner}[{regex.escape(closes)}]")
        self.pattern = regex.compile("(?|" + "|".join(pairs) + ")")
        self.han = regex.compile(r"\p{Han}")

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        for m in self.pattern.finditer(text):
            fixed = self.params.fixes.get(m.group()[0] + m.group()[-1])
            if fixed is None or not self.han.search(m.group(1)):
                continue
            a, b = m.group()[0], m.group()[-1]
            if a != fixed[0]:
                yield Edit(m.start(), m.start() + 1, fixed[0])
            if b != fixed[1]:
                yield Edit(m.end() - 1, m.end(), fixed[1])
