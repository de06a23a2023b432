"""fold_punct: ASCII punctuation that stands for full-width marks in Chinese text.

A mark is in Chinese context when the character on at least one side is Han or
CJK punctuation (a curly quote passes the test on to the character beyond it)
and the two sides are not both digits (``1,000``, ``第1,2,3条``, ``10:30`` stay).
URLs, e-mail addresses, HTML entities and code in backticks are never touched.

Parentheses fold as a pair: when their content holds Chinese text (unless they
follow an identifier and are not followed by Chinese: ``print(中文)``), or when a
neighbour is Chinese and neither neighbour is a letter or digit (``苹果(apple)``,
``第(1)条``). A lone parenthesis folds only between two Chinese characters.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param, regex_param
from cleaner.stages.encoding.punct_classes import QUESTION_ANCHOR_NEXT, QUOTES, STRONG

FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}

_STRONG = regex.compile(f"[{STRONG}]")
_ALNUM = regex.compile(r"[A-Za-z0-9_]")
_ANCHOR_NEXT = regex.compile(f"[{QUESTION_ANCHOR_NEXT}]")


PROTECT = [
    r"(?:https?|ftp)://[!-~]*[A-Za-z0-9/#=_&%~+-]",  # URLs (trailing marks excluded)
    r"\bwww\.[!-~]*[A-Za-z0-9/#=_&%~+-]",
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # e-mail
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",  # HTML entities
    r"(?s:```.*?```)",  # fenced code
    r"`[^`\n]+`",  # inline code
    r"!(?=\[[^\]\n]*\]\([^)\n]*\))",  # markdown image marker
    r"\]\([^)\s]*\)",  # markdown link target
]


_INF = float("inf")


def _inside(spans: list[tuple[int, int]], *points: int) -> bool:
    """True if a point lies in one of the sorted, disjoint ``spans``."""
    for x in points:
        k = bisect_right(spans, (x, _INF)) - 1
        if k >= 0 and spans[k][0] <= x < spans[k][1]:
            return True
    return False


class FoldPunct(Rule):
    """Turn ASCII , ; : ! ? ( ) in Chinese context into ，；：！？（）."""

    id = "fold_punct"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # the ASCII marks to fold (a subset of , ; : ! ? ( ))
        marks: str = ",;:!?()"
        # drop spaces between a folded mark and the Chinese text after it
        eat_space: bool = True
        # longest parenthesised text (characters) that folds as a pair
        max_paren_chars: int = param(120, ge=1)
        # leave an ASCII '?' for gbk_shift when it looks like a decoding anchor: next to
        # another ASCII mark, before a CJK mark or a Latin letter (and marks next to it)
        keep_question_anchor: bool = True
        # spans never touched (regexes)
        protect: list[str] = regex_param(PROTECT)

    params: Params

    def setup(self) -> None:
        p = self.params
        bad = set(p.marks) - set(FULL)
        if bad:
            raise ParamError(
                "marks", f"cannot fold {''.join(sorted(bad))!r}", "use some of ,;:!?()"
            )
        simple = regex.escape("".join(c for c in p.marks if c not in "()"))
        parens = regex.escape("".join(c for c in p.marks if c in "()"))
        near = f"[{STRONG}]"
        near_left = f"[{STRONG})]"  # an ASCII ')' may fold in the same pass
        cls = f"[{simple}{parens}]" if simple or parens else "(?!)"
        # cheap screen: a candidate mark with Chinese (maybe behind a quote/space) next to it
        self.screen = regex.compile(
            f"(?<={near_left}[{QUOTES}]?){cls}|{cls}(?=[ \\t]*[{QUOTES}]?{near})"
        )
        self.protect = p.regex("protect", "|".join(f"(?:{x})" for x in p.protect) or r"(?!)")

    # -- context -----------------------------------------------------------
    @staticmethod
    def _left(text: str, i: int) -> str:
        """The character before ``i``, looking through one curly quote."""
        if i <= 0:
            return ""
        c = text[i - 1]
        if c in QUOTES and i >= 2:
            return text[i - 2]
        return c

    @staticmethod
    def _right(text: str, j: int, skip_space: bool = False) -> str:
        """The character at ``j``, looking through spaces (if asked) and one curly quote."""
        n = len(text)
        if skip_space:
            while j < n and text[j] in " \t":
                j += 1
        if j >= n:
            return ""
        c = text[j]
        if c in QUOTES and j + 1 < n:
            return text[j + 1]
        return c

    @staticmethod
    @lru_cache(maxsize=8192)
    def _strong(c: str) -> bool:
        return bool(c) and _STRONG.match(c) is not None

    def _protected(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.protect.finditer(text)]

    @staticmethod
    def _anchor(text: str, i: int) -> bool:
        """A '?' (or a mark touching one) that may be a GBK lead byte gone astray."""
        prev, nxt = text[i - 1 : i], text[i + 1 : i + 2]
        if text[i] != "?":
            return "?" in (prev, nxt)
        return bool((prev and prev in ",;!?") or (nxt and _ANCHOR_NEXT.match(nxt)))

    # -- parentheses ---------------------------------------------------------
    def _partner(self, text: str, i: int) -> int | None:
        """Index of the parenthesis matching the one at ``i``, within the limit."""
        step, here, there = (1, "(", ")") if text[i] == "(" else (-1, ")", "(")
        depth = 0
        lo = max(0, i - self.params.max_paren_chars - 1)
        hi = min(len(text), i + self.params.max_paren_chars + 2)
        j = i
        while lo <= j < hi:
            c = text[j]
            if c == here:
                depth += 1
            elif c == there:
                depth -= 1
                if depth == 0:
                    return j
            elif c == "\n" and text[j + step : j + step + 1] == "\n":
                return None  # a blank line ends the search
            j += step
        return None

    def _pair_folds(self, text: str, o: int, c: int) -> bool:
        left, right = self._left(text, o), self._right(text, c + 1)
        if left == "]":  # markdown link target
            return False
        if _STRONG.search(text, o + 1, c):
            return not (_ALNUM.match(left or " ") and not self._strong(right))
        if not (self._strong(left) or self._strong(right)):
            return False
        return not (_ALNUM.match(left or " ") or _ALNUM.match(right or " "))

    # -- main ----------------------------------------------------------------
    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        cands = [m.start() for m in self.screen.finditer(text)]
        if not cands:
            return
        spans = self._protected(text)
        edits: dict[int, Edit] = {}
        done: set[int] = set()
        strong = self._strong
        k = 0
        for i in cands:
            while k < len(spans) and spans[k][1] <= i:
                k += 1
            if (k < len(spans) and spans[k][0] <= i) or i in done:
                continue
            ch = text[i]
            if ch in ",;:!" and strong(text[i - 1 : i]) and strong(text[i + 1 : i + 2]):
                edits[i] = Edit(i, i + 1, FULL[ch])  # the common case: 召開,深入
                continue
            if ch in "()":
                j = self._partner(text, i)
                if j is not None:
                    o, c = min(i, j), max(i, j)
                    done.update((o, c))
                    if self._pair_folds(text, o, c) and not _inside(spans, o, c):
                        edits[o] = Edit(o, o + 1, FULL["("])
                        edits[c] = Edit(c, c + 1, FULL[")"])
                elif self._strong(self._left(text, i)) and self._strong(self._right(text, i + 1)):
                    edits[i] = Edit(i, i + 1, FULL[ch])
                continue
            if self.params.keep_question_anchor and self._anchor(text, i):
                continue
            left, right = self._left(text, i), self._right(text, i + 1, skip_space=True)
            if i - 1 in edits:  # a parenthesis folded just before: Chinese context
                left = FULL[text[i - 1]]
            if not (self._strong(left) or self._strong(right)):
                continue
            if left.isdigit() and text[i + 1 : i + 2].isdigit():
                continue
            end = i + 1
            if self.params.eat_space and self._strong(right):
                while end < len(text) and text[end] in " \t":
                    end += 1
            if end > i + 1 and not self._strong(left):
                end = i + 1  # "word, 中文": keep the space that English put there
            edits[i] = Edit(i, end, FULL[ch])
        yield from (edits[p] for p in sorted(edits))
