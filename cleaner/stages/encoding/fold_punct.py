"""fold_punct: ASCII punctuation that stands for full-width marks in Chinese text.

A mark is in Chinese context when the character on at least one side is Han or
CJK punctuation (a curly quote passes the test on to the character beyond it)
and the two sides are not both digits (``1,000``, ``第1,2,3条``, ``10:30`` stay).
URLs, e-mail addresses, HTML entities and code in backticks are never touched.

Parentheses fold as a pair: when their content holds Chinese text (unless they
follow an identifier and are not followed by Chinese: ``print(中文)``), or when a
neighbour is Chinese and neither neighbour is a letter or digit (``苹果(apple)``,
``第(1)条``). A lone parenthesis folds only between two Chinese characters.
A run of ASCII marks holding a '?' that looks like a GBK anchor is left for gbk_shift.
An annotation the pinyin rule kept (``区(qū)别``) keeps its parentheses, and so does
any pinyin with tone marks or zhuyin in parentheses (``件(hé)``: a reading of another
character, or one after a character a decoder broke).

Cleaning the output again changes nothing: a mark next to one that folds is judged
again with the folded mark as its neighbour (``的,:`` -> ``的，：``), neighbours are
looked for through a line break (layout may join the lines), and parentheses pair
across blank lines (layout closes them up).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterator, MutableSequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param, regex_param
from cleaner.stages.encoding.punct_classes import (
    ANCHOR_RUN,
    QUESTION_ANCHOR_NEXT,
    QUOTES,
    STRONG,
)
from cleaner.stages.encoding.ruby_forms import annotation_shaped, is_annotation
from cleaner.stages.sparse_find import sparse_offsets

FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}

_STRONG = regex.compile(f"[{STRONG}]")
_ALNUM = regex.compile(r"[A-Za-z0-9_]")
_HAN = regex.compile(r"\p{Han}")
_ASCII_MARK = regex.compile(r"[,;:!?()]")
_ANCHOR_NEXT = regex.compile(f"[{QUESTION_ANCHOR_NEXT}]")
_PARENS = regex.compile(r"[()]")  # where buf can hold an ASCII parenthesis: folds only remove


PROTECT = [
    r"(?:https?|ftp)://[!-~]*[A-Za-z0-9/#=_&%~+-]",  # URLs (trailing marks excluded)
    r"\bwww\.[!-~]*[A-Za-z0-9/#=_&%~+-]",
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # e-mail
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",  # HTML entities
    r"(?s:```.*?```)",  # fenced code
    r"`[^`\n]+`",  # inline code
    # markdown image marker; its alt text and target end before the next "![" (so each
    # "!" looks only up to the next: read to the line's end from each, a line of images
    # never closed was quadratic)
    r"!(?=\[(?:[^\]\n!]|!(?!\[))*\]\((?:[^)\n!]|!(?!\[))*\))",
    r"\]\((?:[^)\s\]]|\](?!\())*\)",  # markdown link target (ends before the next "](")
]


# every pattern of PROTECT holds one of these: with the shipped patterns, a block
# without one has nothing protected, and the patterns need not run over it
PROTECT_NEEDS = ("://", "www.", "@", "&", "`", "![", "](")

# a text with fewer candidate marks than one in this many characters is searched mark by mark
SPARSE = 50

# the block as a mutable sequence of characters, the folds decided so far written into
# it: an array of code points costs a copy of the text, where a list builds one string
# object per character ("w" since Python 3.13, where "u" is deprecated; "u" holds a
# character only where wchar_t has four bytes, not on Windows)
Buf = MutableSequence[str]
_CHARS = "w" if sys.version_info >= (3, 13) else "u" if array("u").itemsize == 4 else None


def characters(text: str) -> Buf:
    return array(_CHARS, text) if _CHARS else list(text)


def _han_before(buf: Buf, o: int) -> str:
    """The Han characters (a word's at most) right before ``o``."""
    start = o
    while start > max(0, o - 8) and _HAN.match(buf[start - 1]):
        start -= 1
    return "".join(buf[start:o])


_INF = float("inf")


def _at(buf: Buf, j: int) -> str:
    return buf[j] if 0 <= j < len(buf) else ""


def inside(spans: list[tuple[int, int]], *points: int) -> bool:
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
        # cheap screen: a candidate mark with Chinese next to it (maybe behind a quote,
        # spaces or a line break)
        gap = f"[ \\t\\n{QUOTES}]*"
        self.screen = regex.compile(f"{cls}(?:(?<={near_left}{gap}.)|(?={gap}{near}))")
        self.protect = p.regex("protect", "|".join(f"(?:{x})" for x in p.protect) or r"(?!)")
        self.protect_needs = PROTECT_NEEDS if p.protect == PROTECT else None
        self.fold_set = frozenset(p.marks)
        # a fold next to one of these may change what its neighbours decide
        self.near = self.fold_set | set(QUOTES) | {" ", "\t", "\n"}

    # -- context (``buf`` is the block with the folds decided so far) ---------
    @staticmethod
    def _back_break(buf: Buf, j: int) -> int:
        """``j`` moved back over a line break and the spaces around it (layout may join
        the lines: what is beyond is the neighbour a second pass would see)."""
        k = j
        while k >= 0 and buf[k] in " \t":
            k -= 1
        if k < 0 or buf[k] != "\n":
            return j
        while k >= 0 and buf[k] in " \t\n":
            k -= 1
        return k

    @staticmethod
    def _skip_break(buf: Buf, j: int) -> int:
        """``j`` moved on over a line break and the spaces around it."""
        n, k = len(buf), j
        while k < n and buf[k] in " \t":
            k += 1
        if k >= n or buf[k] != "\n":
            return j
        while k < n and buf[k] in " \t\n":
            k += 1
        return k

    def _left(self, buf: Buf, i: int) -> str:
        """The character before ``i``, looking through a line break and one curly quote."""
        j = self._back_break(buf, i - 1)
        if j >= 1 and buf[j] in QUOTES:
            j = self._back_break(buf, j - 1)
        return buf[j] if j >= 0 else ""

    def _right(self, buf: Buf, j: int, skip_space: bool = False) -> str:
        """The character at ``j``, looking through spaces (if asked), a line break and one
        curly quote."""
        n = len(buf)
        if skip_space:
            while j < n and buf[j] in " \t":
                j += 1
        j = self._skip_break(buf, j)
        if j + 1 < n and buf[j] in QUOTES:
            j = self._skip_break(buf, j + 1)
        return buf[j] if j < n else ""

    @staticmethod
    @lru_cache(maxsize=8192)
    def _strong(c: str) -> bool:
        return bool(c) and _STRONG.match(c) is not None

    def _protected(self, text: str) -> list[tuple[int, int]]:
        needs = self.protect_needs
        if needs is not None and not any(n in text for n in needs):
            return []
        return [m.span() for m in self.protect.finditer(text)]

    @staticmethod
    def _anchored(buf: Buf, i: int) -> bool:
        """The mark at ``i`` is in a run of ASCII , ; : ! ? holding a '?' that may be a
        GBK lead byte gone astray (after another ASCII mark, or before a CJK mark or a
        Latin letter): the run is left whole for gbk_shift."""
        n = len(buf)
        a = i
        while a > 0 and buf[a - 1] in ANCHOR_RUN:
            a -= 1
        b = i + 1
        while b < n and buf[b] in ANCHOR_RUN:
            b += 1
        for q in range(a, b):
            if buf[q] != "?":
                continue
            if q > a or (q + 1 < n and _ANCHOR_NEXT.match(buf[q + 1])):
                return True  # after another mark of the run, or before an anchor mark
        return False

    # -- parentheses ---------------------------------------------------------
    def _partner(self, text: str, buf: Buf, i: int) -> int | None:
        """Index of the parenthesis matching the one at ``i``, within the limit. Only the
        places of ``text``'s ASCII parentheses are looked at (found at C speed): ``buf``
        is ``text`` with some marks folded, so it holds none elsewhere."""
        step, here, there = (1, "(", ")") if buf[i] == "(" else (-1, ")", "(")
        depth = 0
        limit = self.params.max_paren_chars
        if step == 1:
            places = [m.start() for m in _PARENS.finditer(text, i, min(len(buf), i + limit + 2))]
        else:
            places = [m.start() for m in _PARENS.finditer(text, max(0, i - limit - 1), i + 1)]
            places.reverse()
        for j in places:
            c = buf[j]
            if c == here:
                depth += 1
            elif c == there:
                depth -= 1
                if depth == 0:
                    return j
        return None

    def _pair_folds(self, text: str, buf: Buf, o: int, c: int) -> bool:
        left, right = self._left(buf, o), self._right(buf, c + 1)
        if left == "]":  # markdown link target
            return False
        if (
            _STRONG.search(text, o + 1, c)
            or (  # or a mark inside has folded
                _ASCII_MARK.search(text, o + 1, c) and _STRONG.search("".join(buf[o + 1 : c]))
            )
        ):
            return not (_ALNUM.match(left or " ") and not self._strong(right))
        if not (self._strong(left) or self._strong(right)):
            return False
        inside = text[o + 1 : c]
        if annotation_shaped(inside) or (
            o and _HAN.match(buf[o - 1]) and is_annotation(_han_before(buf, o), inside)
        ):
            return False  # an annotation the pinyin rule kept: 風(fēng), 件(hé) stay as they are
        return not (_ALNUM.match(left or " ") or _ALNUM.match(right or " "))

    # -- decisions -----------------------------------------------------------
    def _decide(self, text: str, buf: Buf, i: int, spans: list[tuple[int, int]]) -> list[int]:
        """The positions that fold because of the mark at ``i`` (none, it, or its pair)."""
        ch = buf[i]
        strong = self._strong
        if ch in "()":
            j = self._partner(text, buf, i)
            if j is not None:
                o, c = min(i, j), max(i, j)
                if self._pair_folds(text, buf, o, c) and not inside(spans, o, c):
                    return [o, c]
            elif strong(self._left(buf, i)) and strong(self._right(buf, i + 1)):
                return [i]
            return []
        if self.params.keep_question_anchor and self._anchored(buf, i):
            return []
        left, right = self._left(buf, i), self._right(buf, i + 1, skip_space=True)
        if not (strong(left) or strong(right)):
            return []
        if left.isdigit() and _at(buf, i + 1).isdigit():
            return []
        return [i]

    def _neighbours(self, buf: Buf, p: int) -> Iterator[int]:
        """Marks whose decision may change once ``p`` folds: those that see ``p`` as
        their left or right context (through a quote, spaces or a line break), or touch
        it."""
        n = len(buf)
        yield from (q for q in (p - 1, p + 1) if 0 <= q < n)
        j = self._skip_break(buf, p + 1)
        if j < n and buf[j] in QUOTES:
            j = self._skip_break(buf, j + 1)
        if p + 1 < j < n:
            yield j
        j = p - 1
        while j >= 0 and buf[j] in " \t\n" + QUOTES:
            j -= 1
        if 0 <= j < p - 1:
            yield j

    def _again(
        self,
        text: str,
        buf: Buf,
        p: int,
        spans: list[tuple[int, int]],
        folded: list[int],
    ) -> None:
        """Judge again the marks next to a new fold at ``p``, and theirs, until nothing
        changes."""
        marks = self.fold_set
        todo = [q for q in self._neighbours(buf, p) if buf[q] in marks]
        while todo:
            i = todo.pop()
            if buf[i] not in marks or (spans and inside(spans, i)):
                continue
            for p in self._decide(text, buf, i, spans):
                folded.append(p)
                buf[p] = FULL[buf[p]]
                todo.extend(q for q in self._neighbours(buf, p) if buf[q] in marks)

    # -- main ----------------------------------------------------------------
    def _candidates(self, text: str) -> list[int]:
        """``[m.start() for m in self.screen.finditer(text)]``: where the marks are few
        (clean text), found by ``str.find`` and the screen tried at each alone."""
        at = sparse_offsets(text, self.fold_set, SPARSE)
        if at is None:
            return [m.start() for m in self.screen.finditer(text)]
        match = self.screen.match
        return [i for i in at if match(text, i)]

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        """Fold to a fixpoint: a mark next to one that folds is judged again with the
        folded mark as its neighbour, so cleaning the output again changes nothing."""
        cands = self._candidates(text)
        if not cands:
            return
        spans = self._protected(text)
        buf = characters(text)
        n = len(buf)
        marks, near, strong = self.fold_set, self.near, self._strong
        folded: list[int] = []
        k = 0
        for i in cands:
            while k < len(spans) and spans[k][1] <= i:
                k += 1
            if (k < len(spans) and spans[k][0] <= i) or buf[i] not in marks:
                continue  # protected, or folded already
            ch = buf[i]
            if ch in ",;:!" and 0 < i < n - 1 and strong(text[i - 1]) and strong(text[i + 1]):
                folded.append(i)  # the common case: 召開,深入 (no mark next to it)
                buf[i] = FULL[ch]
                continue
            fold = self._decide(text, buf, i, spans)
            for p in fold:
                folded.append(p)
                buf[p] = FULL[buf[p]]
            for p in fold:
                if (p and buf[p - 1] in near) or (p + 1 < n and buf[p + 1] in near):
                    self._again(text, buf, p, spans, folded)
        eat = self.params.eat_space
        for i in sorted(folded):
            end = i + 1
            if not (eat and end < n and buf[end] in " \t"):
                yield Edit(i, end, buf[i])
                continue
            if buf[i] not in "（）":
                if self._strong(self._right(buf, end, skip_space=True)):
                    while end < n and buf[end] in " \t":
                        end += 1
                if end > i + 1 and not self._strong(self._left(buf, i)):
                    end = i + 1  # "word, 中文": keep the space that English put there
            yield Edit(i, end, buf[i])
