"""Line-break decisions for OCR'd column text: pure functions used by ``unwrap``.

A block is cut into non-blank lines; every gap between two of them gets one of
J (same paragraph, join without space), S (join with a space: a headline split
over two lines, or two Latin words) or B (paragraph boundary). The column width
is estimated locally: the median width of the few lines before and after. Each gap goes
through ``GAP_CHECKS`` in order, named checks that each recognise one kind of gap; the
first that does decides it. A check declares (``@needs``) what a gap must have for it to
decide it (``a`` ends a sentence, a blank line between ...): on a gap without that it
returns None, and is not called.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import regex

from cleaner.core.lazy_pattern import LazyPattern
from cleaner.stages.encoding.models.char_model import char_lm
from cleaner.stages.han import is_han
from cleaner.stages.layout.list_items import INLINE, list_items
from cleaner.stages.layout.text import (
    CLOSING,
    FINAL_MARKS,
    HSPACE,
    em_width,
    line_widths,
    median,
)
from cleaner.stages.layout.verse import couplet_line, parallel_share

# display type read as text lines: a deck of Han phrases set one space apart, no marks
# (两市签署合作协议 共建产业园区), and letter-spaced lines (加 班 费 的 仲 裁)
_DECK = regex.compile(r"^\p{Han}{3,}(?: \p{Han}{3,})+$")
_SPACED = regex.compile(r"^(?:\S ){3,}\S$")
# a space between two phrases of a headline deck (not a letter-spacing remnant: 百 個項目)
_PHRASES = regex.compile(r"\p{Han}{2} +\p{Han}{2}")
# two single characters set apart: a letter-spaced line (or a piece of one)
_SPACED_PAIR = regex.compile(r"(?<!\S)\S \S(?!\S)")
_MID_WORD_END = regex.compile(r"[\p{Han}A-Za-z0-9]$")
_CLAUSE_MARK = regex.compile(r"[，、；]")
_MARKS = regex.compile(r"[\p{P}\p{S}]+")
_HAN_CHAR = regex.compile(r"\p{Han}")
# the rest of a sentence opening a line: one or two Han characters, then its full stop
# (not ！ or ？: a lead may open with an exclamation or question of its own, 冷！, 为何？)
_SENTENCE_REST = regex.compile(r"\p{Han}{1,2}。")
# an ordinal cut by a line break: 第 and perhaps numerals ending a line, the rest of the
# numerals (one at least) and the measure word opening the next (第四 / 十七條, 第 / 5条)
_NUMERALS = "〇零一二三四五六七八九十百千两兩0-9０-９"
_ORDINAL_HEAD = regex.compile(rf"第[{_NUMERALS}]*$")
_ORDINAL_TAIL = regex.compile(
    rf"[{_NUMERALS}]+[条條款项項章节節编編届屆次期版号號批轮輪名位个個页頁集卷场場]"
)
_DIGIT_HAN = frozenset("一二三四五六七八九两兩")
# an article cited after a title (``《劳动合同法》`` ⏎ ``第二十六条规定``): its number runs
# straight into the text (a statute's own article heading has a space after it)
_ARTICLE_CITED = regex.compile(rf"第[{_NUMERALS}]+[条條款项項章节節](?![ \t\u3000])")
_HAN_OR_CLAUSE_END = regex.compile(r"[\p{Han}，、；]$")
_SENTENCE_MARK = regex.compile(r"[。！？!?；;]")
_LATIN_END = regex.compile(r"[A-Za-z][,.;:!?)]?$")
_LATIN_START = regex.compile(r"^[A-Za-z(]")
# the last character of a _LATIN_END match: tested first, it spares most lines the search
_LATIN_TAIL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz,.;:!?)")
# a Latin word or number opening a line, with the opening marks that go with it
# (《GB19299-2015: an opening mark never ends a line)
_LATIN_WORD = regex.compile(r"[《“（(「『〈]*[A-Za-z0-9][A-Za-z0-9.\-]*")
# characters whose printed width the em measure may get wrong (half-width Latin and
# digits, curly quotes: full-width in a CJK font)
_UNSURE = regex.compile(r"[\x00-\x7f“”‘’]")


# marks that never start a line in Chinese typesetting: a line starting with one goes on
# with the line before it
_NO_LINE_START = frozenset("，、；：。！？）》」』”’")
_CLOSERS = frozenset("）)》〉”’」』—-")  # closing brackets and quotes, dashes
_CLOSERS_OR_COLON = _CLOSERS | {"：", ":"}  # and a colon: what it introduces follows
_HANGING = regex.compile(r"[，。、；：！？,.;:!?”’」』）)]$")
_WORD_CUTS = frozenset(("word", "sentence_rest", "ordinal"))  # a break inside a word
# a headline run whose last line goes on as body text: body read apart, not a title
_RUN_GOES_ON = _WORD_CUTS | {"body_run"}
_INDENT_EVIDENCE = 2  # paragraph first lines that show how indents came out, at least
_TAIL = 3  # _MID_WORD_END, _LATIN_END, _HANGING: at most two characters (and a newline)


def _ends_with(pattern: regex.Pattern[str], text: str) -> bool:
    """``pattern`` (one of the short ones anchored at the end) matches at the end of
    ``text``: searched in the last characters only, not tried from every position."""
    return pattern.search(text, max(0, len(text) - _TAIL)) is not None


def _marked(text: str) -> bool:
    """``text`` holds a clause or sentence mark."""
    return _CLAUSE_MARK.search(text) is not None or _SENTENCE_MARK.search(text) is not None


def _marked_clause(text: str) -> bool:
    """``text`` holds a clause mark (``，、；``)."""
    return _CLAUSE_MARK.search(text) is not None


def _speck_width(ln: Line) -> float:
    """Width of a fragment, without the brackets and marks around a speck with no Han
    character in it (``【e】``: dirt an OCR engine read as a letter in brackets). A
    fragment of text (``物的；``) counts whole: its marks are its own."""
    if not _MARKS.search(ln.text) or _HAN_CHAR.search(ln.text):
        return ln.width
    return em_width(_MARKS.sub("", ln.text))


def _body_width(text: str, width: float) -> float:
    """Width without a mark hanging past the column edge (print allows one)."""
    return width - 1.0 if _ends_with(_HANGING, text) else width


@dataclass(frozen=True, slots=True)
class Config:
    min_lines: int = 4  # fewer non-blank lines: never column layout
    min_width: float = 10.0  # column widths in ems the gate accepts
    max_width: float = 30.0
    min_regular: float = 0.35  # share of neighbouring lines (column width+) within 1 em
    min_wrapped: float = 0.25  # share of lines that end mid-sentence
    narrow_width: float = 6.0  # narrower columns (4-5 on a page) pass with this median ...
    narrow_mid_word: float = 0.5  # ... if this share of lines ends inside a word
    verse_share: float = 0.6  # this share of clauses parallel (verse.py): verse (0: off)
    list_items: bool = True  # lines opening a numbered list's items stand apart (list_items.py)
    tolerance: float = 1.5  # a line this close to the local width is full
    final_tolerance: float = 1.0  # the same for a line ending a sentence
    wide: float = 1.0  # a line this much wider than the column is a headline
    indent: float = 2.0  # ems a paragraph's first line is indented in print
    window: int = 5  # lines on each side for the local width
    headline_lines: int = 3  # longest run of lines taken for a headline
    evidence: int = 40  # lines on each side that show how paragraph indents came out
    spanning: float = 4.0  # a headline line this much wider than the column stands alone
    title_rest: float = 5.0  # the rest of a wrapped title after a blank line: at most this
    stray: float = 2.0  # a fragment alone between blank lines inside a paragraph: at most this
    junk: float = 6.0  # a line alone between the two pieces of a word: at most this (0: off)
    word_p: float = 0.8  # a break the character model puts inside a word: no boundary (0: off)
    title_word_p: float = 0.2  # the same inside a headline: joined without a space (0: off)
    deck_rest_p: float = 0.003  # a deck's last phrase wrapped: its rest joined without a space
    para_start: str = (
        r"^(?:本[报報][讯訊]|本[报報][^\s，。]{0,6}[电電]|新[华華]社|中新社"
        r"|[■□⊙●◆▲★▶◎]|[（(][记記]者|[-*•] )"
    )
    byline: str = r"^[■□⊙●◆▲★◎]"
    byline_more: str = r"^(?:通[讯訊][员員]|[实實][习習]生|[记記]者|[摄攝]影)"
    standalone: str = r"^(?:“[^“”。！？]{1,30}”|…{1,3}|\.{3,6}|—{1,2}|[（(][^（）()]{1,30}[）)])$"


_SHIPPED = Config()
# the shipped patterns, all anchored at a line's start and never empty: the characters a
# line they match may open with (tests/layout/test_gap_screens.py); other lines are not
# searched. A pattern set in a rule file is searched on every line.
SHIPPED_HEADS: dict[str, regex.Pattern[str]] = {
    _SHIPPED.para_start: regex.compile(r"[本新中■□⊙●◆▲★▶◎（(\-*•]"),
    _SHIPPED.byline: regex.compile(r"[■□⊙●◆▲★◎]"),
    _SHIPPED.standalone: regex.compile(r"[“….—（(]"),
}


@dataclass(slots=True)
class Line:
    start: int  # offset of the content (after indentation) in the block
    end: int  # offset just after the content (before trailing space and newline)
    text: str
    width: float
    indent: bool
    blank_before: bool
    blank_after: bool = False
    final: bool = False


def split_lines(text: str) -> list[Line]:
    """Non-blank lines of ``text`` with their offsets and blank-line neighbours."""
    out: list[Line] = []
    blank = True
    start = 0  # of the raw line in text
    for raw, width in zip(text.split("\n"), line_widths(text), strict=True):
        content = raw.strip(HSPACE)
        if not content:
            blank = True
            if out:
                out[-1].blank_after = True
        else:
            lead = 0
            if len(content) < len(raw):  # padded: the padding has a width of its own
                lead = len(raw) - len(raw.lstrip(HSPACE))
                width = em_width(content)
            s = start + lead
            body = content.rstrip(CLOSING)  # ends_sentence(content), inline: no newline
            final = body != "" and body[-1] in FINAL_MARKS
            out.append(Line(s, s + len(content), content, width, lead > 0, blank, False, final))
            blank = False
        start += len(raw) + 1
    if out:
        out[-1].blank_after = True
    return out


def _samples(lines: list[Line]) -> tuple[list[int], list[float]]:
    """Indices and widths of lines that show the column width.

    Body lines sit in runs (lines with no blank between) of three or more, or in
    runs holding a sentence end; a run's final short line and very short lines
    (under 0.6 of the block median) say nothing about the width.
    """
    ws = sorted(ln.width for ln in lines)
    floor = 0.6 * ws[len(ws) // 2] if ws else 0.0
    idx: list[int] = []
    wid: list[float] = []
    i, n = 0, len(lines)
    while i < n:
        j = i + 1
        while j < n and not lines[j].blank_before:
            j += 1
        if j - i >= 3 or any(ln.final for ln in lines[i:j]):
            for t in range(i, j):
                ln = lines[t]
                if ln.width >= floor and not (t == j - 1 and ln.final):
                    idx.append(t)
                    wid.append(ln.width)
        i = j
    return idx, wid


def local_widths(
    lines: list[Line], k: int, barrier: list[bool] | None = None
) -> list[tuple[float, float]]:
    """Column width before and after every line: medians of ``k`` nearby body lines,
    not looking past a barrier (headline, byline: another article may follow)."""
    idx, wid = _samples(lines)
    n, m = len(lines), len(idx)
    if not idx:
        ws = [ln.width for ln in lines]
        mid = median(ws) if ws else 0.0
        return [(mid, mid)] * len(lines)
    marks = [0] * (n + 1)
    for t in idx:
        marks[t + 1] = 1
    before = list(accumulate(marks))  # before[i]: samples among lines[:i]
    lo = [0] * n  # the first sample at or after the nearest barrier at or before line i
    hi = [m] * n  # the first sample at or after the nearest barrier after line i
    if barrier:
        cur = 0
        for i in range(n):
            if barrier[i]:
                cur = before[i]
            lo[i] = cur
        cur = m
        for i in range(n - 1, -1, -1):
            hi[i] = cur
            if barrier[i]:
                cur = before[i]
    # the median of k samples from a (``median``, without a call for each)
    h = k // 2
    if k % 2:
        full = [sorted(wid[a : a + k])[h] for a in range(m - k + 1)]
    else:
        full = [(s[h - 1] + s[h]) / 2 for s in (sorted(wid[a : a + k]) for a in range(m - k + 1))]

    def med(a: int, b: int) -> float:
        """The median of samples a to b (not included)."""
        return full[a] if b - a == k else median(wid[a:b])

    out = []
    for i in range(n):
        q, p = before[i], before[i + 1]  # the samples before line i and up to it
        lb = p - k if p - k > lo[i] else lo[i]
        rb = q + k if q + k < hi[i] else hi[i]
        if lb < p and q < rb:
            if p - lb == k and rb - q == k:  # most lines: two full windows
                out.append((full[lb], full[q]))
            else:
                out.append((med(lb, p), med(q, rb)))
        elif q < rb or lb < p:  # a barrier on one side: the other side's width
            w = med(q, rb) if q < rb else med(lb, p)
            out.append((w, w))
        else:  # barriers on both sides: look past them
            left = wid[max(0, p - k) : p]
            right = wid[q : q + k]
            lm = median(left) if left else median(right)
            out.append((lm, median(right) if right else lm))
    return out


def _mid_word_share(lines: list[Line]) -> float:
    """Share of lines (the last aside) that end inside a word: on a Han character,
    letter or digit, not a mark. Column lines mostly do; lines of verse or lists do not."""
    ends = [_ends_with(_MID_WORD_END, ln.text) for ln in lines[:-1]]
    return sum(ends) / len(ends) if ends else 0.0


VERSE_LINES = 80  # verse is told from a stretch's first lines: a poem is short
VERSE_RUN = 4  # short lines in a row at least, for a poem set inside a column page
_CLAUSE_END = frozenset("，。、；！？!?")  # a verse line ends its clause on a mark


def list_item_flags(lines: list[Line], cfg: Config) -> list[str]:
    """For each line: the kind of marker opening an item of a numbered list
    (``list_items``), or ""."""
    if not cfg.list_items:
        return [""] * len(lines)
    return list_items([ln.text for ln in lines])


def is_columns(lines: list[Line], cfg: Config, items: list[str] | None = None) -> bool:
    """The gate: does this block look like text hard-wrapped into columns? Lines opening
    a numbered list's items (``items``, computed if not given) say nothing of the column
    width (short items would set it), and a stretch of verse (parallel clauses in its
    first ``VERSE_LINES`` lines) is no column."""
    if items is None:
        items = list_item_flags(lines, cfg)
    measured = (
        [ln for ln, item in zip(lines, items, strict=True) if not item] if any(items) else lines
    )
    if not _column_shape(lines, measured, cfg):
        return False
    if cfg.verse_share <= 0:
        return True
    return parallel_share([ln.text for ln in lines[:VERSE_LINES]]) < cfg.verse_share


def _column_shape(lines: list[Line], measured: list[Line], cfg: Config) -> bool:
    """Widths and line ends of justified columns: enough lines (of ``measured``, the
    lines that may show the width) and a median width a column may have, lines cut
    mid-sentence, neighbours of one width."""
    if len(measured) < cfg.min_lines:
        return False
    ws = sorted(ln.width for ln in measured)
    mid = ws[len(ws) // 2]
    floor = cfg.min_width
    if cfg.narrow_width <= mid < cfg.min_width and _mid_word_share(measured) >= cfg.narrow_mid_word:
        floor = cfg.narrow_width  # narrow columns, not a poem: lines end inside words
    if not floor <= mid <= cfg.max_width:
        return False
    n = len(lines)
    wrapped = sum(1 for ln in lines[:-1] if not ln.final) / n
    if wrapped < cfg.min_wrapped:
        return False
    # justified columns: neighbouring lines have the same width (a first line of a
    # paragraph, after a sentence end, counted with the indent OCR dropped)
    ws = [
        ln.width + (cfg.indent if not k or lines[k - 1].final else 0.0)
        for k, ln in enumerate(lines)
    ]
    regular = sum(1 for x, y in zip(ws, ws[1:], strict=False) if x >= floor and abs(x - y) <= 1)
    return regular / (n - 1) >= cfg.min_regular


class Decider:
    """Decides J/S/B for every gap between the non-blank lines of a column block."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.para_start = LazyPattern(cfg.para_start) if cfg.para_start else None
        self.byline = LazyPattern(cfg.byline) if cfg.byline else None
        self.byline_more = LazyPattern(cfg.byline_more) if cfg.byline_more else None
        self.standalone = LazyPattern(cfg.standalone) if cfg.standalone else None
        self.log_word_p = math.log(cfg.word_p) if cfg.word_p > 0 else 0.0
        self.log_title_word_p = math.log(cfg.title_word_p) if cfg.title_word_p > 0 else None

    @staticmethod
    def _match(pattern: LazyPattern | None, s: str) -> bool:
        return pattern is not None and pattern.search(s) is not None

    @staticmethod
    def _matches(
        pattern: regex.Pattern[str] | None, lines: list[Line], heads: str | None = None
    ) -> list[bool]:
        """``_match`` for every line; ``heads``: the lines' first characters, one each.
        A shipped pattern (``SHIPPED_HEADS``) is tried on the lines it may match only."""
        if pattern is None or not lines:
            return [False] * len(lines)
        screen = SHIPPED_HEADS.get(getattr(pattern, "pattern", None))  # type: ignore[arg-type]
        if screen is not None:
            if heads is None:
                heads = "".join([ln.text[0] for ln in lines])
            out = [False] * len(lines)
            for m in screen.finditer(heads):
                i = m.start()
                out[i] = pattern.search(lines[i].text) is not None
            return out
        # the first call compiles a LazyPattern, which then holds the compiled pattern's
        # own method: bound after it, ``search`` goes straight to that
        first = pattern.search(lines[0].text) is not None
        search = pattern.search
        return [first, *[search(ln.text) is not None for ln in lines[1:]]]

    def decide(self, lines: list[Line], items: list[str] | None = None) -> list[tuple[str, str]]:
        """(decision, reason) for the gap after each line but the last; ``items``: the
        lines that open list items (``list_item_flags``), computed if not given."""
        # regex flags once per line
        heads = "".join([ln.text[0] for ln in lines])
        self.opens = self._matches(self.para_start, lines, heads)
        self.bylines = self._matches(self.byline, lines, heads)
        self.quotes = self._matches(self.standalone, lines, heads)
        self.items = list_item_flags(lines, self.cfg) if items is None else items
        barrier = [
            self.bylines[k]
            or self.opens[k]
            or (ln.blank_before and ln.blank_after and not ln.final)
            for k, ln in enumerate(lines)
        ]
        self._lines = lines
        lw = self.widths = local_widths(lines, self.cfg.window, barrier)
        self._runs(lines, lw)
        self._indent_evidence(lines, lw)
        self.verse = self._verse_runs(lines, lw)
        self.as_a, self.as_b = self._features(lines)
        out: list[tuple[str, str]] = []
        first = True  # the current line opens a paragraph
        # joined_in[k]: line k opens a run (after a blank line) and goes on with the body
        # line before it (the gap was joined), in a paragraph that holds a clause or
        # sentence mark (text, not a title read as body): the paragraph runs into it
        self.joined_in = [False] * len(lines)
        marked = _marked(lines[0].text) if lines else False
        for k in range(len(lines) - 1):
            d = self._gap(lines, lw, k, first)
            out.append(d)
            first = d[0] == "B"
            self.joined_in[k + 1] = (
                marked
                and not first
                and lines[k + 1].blank_before
                and d[1] not in ("title_wrap", "headline")
            )
            marked = (marked and not first) or _marked(lines[k + 1].text)
        return out

    def _verse_runs(self, lines: list[Line], lw: list[tuple[float, float]]) -> list[bool]:
        """Lines of a poem set inside a column page: ``VERSE_RUN`` or more lines in a row,
        each narrower than the column on its wider side (by more than the tolerance: the
        poem's own lines pull the other side's median down) or a couplet line as wide
        as it (``couplet_line``: ``两个黄鹂鸣翠柳，一行白鹭上青天。``), and ending on a mark
        (a headline's lines, stacked, end on none), whose clauses are
        parallel (``verse_share`` of them of verse length and as long as the clause next
        to them: ``床前明月光，`` ⏎ ``疑是地上霜。``). The gate refuses a stretch of verse;
        this keeps the lines of a short poem among prose (the gate's share is the
        prose's). Column lines are full: runs of short lines are few and short."""
        c, n = self.cfg, len(lines)
        out = [False] * n
        if c.verse_share <= 0:
            return out
        short = [
            ln.text[-1] in _CLAUSE_END
            and (ln.width < max(w) - c.tolerance or couplet_line(ln.text))
            for ln, w in zip(lines, lw, strict=True)
        ]
        i = 0
        while i < n:
            if not short[i]:
                i += 1
                continue
            j = i + 1
            while j < n and short[j]:
                j += 1
            texts = [ln.text for ln in lines[i:j]]
            if j - i >= VERSE_RUN and parallel_share(texts, VERSE_RUN) >= c.verse_share:
                out[i:j] = [True] * (j - i)
            i = j
        return out

    def _body_read_as_head(self, g: Gap) -> bool:
        """``g`` parts the two lines of a headline run whose second is cut inside a word
        that the line after the run goes on with (``word_cut``, ``sentence_rest``,
        ``ordinal_cut`` decide the gap after it: no title ends inside a word), or whose
        second goes on as body text (``body_run_goes_on``): body text
        read apart, not a title (``《民法典》第763条明确规`` ⏎ ``合同中基础合同关系不存``
        ⏎⏎ ``在时…``). Only a run of two lines: the gap after it is then decided after
        a join, as asked here."""
        k, run = g.k, self.run
        last = k + 1
        if (k > 0 and run[k - 1] == run[k]) or last + 1 >= len(run) or run[last + 1] == run[last]:
            return False
        return self._gap(self._lines, self.widths, last, False)[1] in _RUN_GOES_ON

    def _features(self, lines: list[Line]) -> tuple[list[int], list[int]]:
        """What each line brings to the gaps a check may need: as ``a`` (the line
        before the gap) and as ``b`` (the line after it)."""
        flags = zip(
            lines,
            self.opens,
            self.bylines,
            self.quotes,
            self.headline,
            self.items,
            self.verse,
            strict=True,
        )
        junk, stray = self.cfg.junk, self.cfg.stray
        end_bits, start_bits = _END_BITS, _START_BITS
        as_a, as_b = [], []
        for ln, opens, byline, quote, headline, item, verse in flags:
            text, width = ln.text, ln.width
            if (a := end_bits.get(text[-1])) is None:
                a = _end_bits(text[-1])
            if (b := start_bits.get(text[0])) is None:
                b = _start_bits(text[0])
            as_a.append(
                a
                | (QUOTE if quote else 0)
                | (VERSE if verse else 0)
                | (A_FINAL if ln.final else 0)
                | (A_BLANK_BEFORE if ln.blank_before else 0)
                | (A_HEADLINE if headline else 0)
                | (A_BYLINE if byline else 0)
                | (A_OPENS if opens else 0)
                | (A_JUNK if width <= junk else 0)
                | (A_STRAY if width <= stray else 0)
            )
            as_b.append(
                b
                | (QUOTE if quote else 0)
                | (VERSE if verse else 0)
                | (BLANK if ln.blank_before else 0)
                | (B_INDENT if ln.indent else 0)
                | (B_OPENS if opens else 0)
                | (B_ITEM if item else 0)
                | (B_JUNK if width <= junk else 0)
                | (B_REST if "。" in text[1:3] else 0)
                | (B_HEADLINE if headline else 0)
            )
        return as_a, as_b

    def _runs(self, lines: list[Line], lw: list[tuple[float, float]]) -> None:
        """Mark headline runs: up to ``headline_lines`` lines between blank lines, none
        ending a sentence or opening a paragraph, whose last line is short or wide
        (a body run cut by a column break ends full) or with a very short line."""
        c = self.cfg
        self.run = [0] * len(lines)
        self.run_start = [0] * len(lines)  # the first line of each line's run
        self.headline = [False] * len(lines)
        i, n, r = 0, len(lines), 0
        while i < n:
            j = i + 1
            while j < n and not lines[j].blank_before:
                j += 1
            for t in range(i, j):
                self.run[t] = r
                self.run_start[t] = i
            run = lines[i:j]
            if (
                j - i <= c.headline_lines
                and not any(ln.final for ln in run)
                and run[-1].text[-1] not in "，、；"
                and not any(self.opens[i:j])
                and (
                    self._short_or_wide(run[-1], lw[j - 1], 0.0)
                    or any(
                        self._short_or_wide(ln, lw[i + t], c.indent * (1 if t == 0 else 2))
                        for t, ln in enumerate(run)
                    )
                )
            ):
                for t in range(i, j):
                    self.headline[t] = True
            elif h := self._spanning_head(lines, i, j):
                for t in range(i, i + h):
                    self.headline[t] = True
                    self.run[t] = -1 - i  # a run of its own: the body after it is another
            i, r = j, r + 1

    def _spanning_head(self, lines: list[Line], i: int, j: int) -> int:
        """How many lines at the start of the run ``lines[i:j]`` are a headline glued to
        its lead (PDF extractors put no blank line between them): up to
        ``headline_lines`` lines, each wider than the column below by more than
        ``spanning`` (display type across columns), none holding a sentence mark or
        ending on a clause mark (a title is a phrase) or opening a paragraph, with the
        rest of a title wrapped for width (at most half the line before, cut inside a
        word) after them; then a body line as wide as the column. The column is the
        median width of the run's next lines (the head's own lines are a minority)."""
        c = self.cfg
        if j - i < 5:
            return 0
        col = median(ln.width for ln in lines[i + 1 : min(j, i + 1 + 2 * c.window)])

        def title(ln: Line) -> bool:
            return not (_SENTENCE_MARK.search(ln.text) or ln.text[-1] in "，、；：" or ln.final)

        h = 0
        while (
            h < c.headline_lines
            and i + h < j - 3
            and lines[i + h].width > col + c.spanning
            and title(lines[i + h])
            and not self.opens[i + h]
        ):
            h += 1
        if not h:
            return 0
        rest = lines[i + h]
        if (
            rest.width <= lines[i + h - 1].width / 2
            and rest.width < col - c.indent - c.tolerance
            and _ends_with(_MID_WORD_END, rest.text)
            and title(rest)
        ):
            h += 1
        body = lines[i + h]
        if (
            col - c.indent - c.tolerance <= body.width <= col + c.wide
            and not body.final
            and not self.bylines[i + h]
        ):
            return h
        return 0

    def _indent_evidence(self, lines: list[Line], lw: list[tuple[float, float]]) -> None:
        """Count, for ``indents_kept`` and ``indents_lost``, indented lines and the first
        lines of paragraphs told by a sentence end and a blank line, or by a sentence end
        short of the column by more than the indent (a paragraph's last line: tesseract
        sets no blank line before many paragraphs), and the narrow ones among them:
        ``indented[i]`` and so on over ``lines[:i]``. A line is narrow by the column on
        the wider side (the narrower side's width may come from the first lines of short
        paragraphs, as in ``next_indent_lost``); one with characters the em measure may
        get wrong (``_UNSURE``) by the narrower side's; one narrow by the wider side's
        only says nothing either way (not counted)."""
        c = self.cfg
        cand = [
            k > 0
            and lines[k - 1].final
            and (ln.blank_before or lines[k - 1].width < min(lw[k - 1]) - c.indent - c.tolerance)
            and not (ln.final or self.headline[k] or self.opens[k] or self.bylines[k])
            for k, ln in enumerate(lines)
        ]
        short = [  # asked of candidates only: it counts for nothing else
            x and ln.width <= (min(w) if _UNSURE.search(ln.text) else max(w)) - c.indent + 0.5
            for x, ln, w in zip(cand, lines, lw, strict=True)
        ]
        cand = [  # an unsure line narrow by the wider side only: no evidence
            x and (y or not (_UNSURE.search(ln.text) and ln.width <= max(w) - c.indent + 0.5))
            for x, y, ln, w in zip(cand, short, lines, lw, strict=True)
        ]
        self.indented = [0, *accumulate(ln.indent for ln in lines)]
        self.seen = [0, *accumulate(cand)]
        self.narrow = [0, *accumulate(x and y for x, y in zip(cand, short, strict=True))]

    def _evidence(self, k: int) -> tuple[int, int]:
        """The lines around line ``k`` (``evidence`` on each side) as a range."""
        half, n = self.cfg.evidence, len(self.indented) - 1
        return max(0, k - half), min(n, k + half + 1)

    def indents_kept(self, k: int) -> bool:
        """From the lines around line ``k``: paragraph indents are kept as leading spaces
        (then a full line not indented goes on with the paragraph before it)."""
        lo, hi = self._evidence(k)
        return self.indented[hi] - self.indented[lo] >= 3

    def indents_lost(self, k: int, judged: int) -> bool:
        """From the lines around line ``k``: paragraph indents are lost (paragraphs after a
        sentence end and a blank line start narrow; then a full line goes on): at least
        ``_INDENT_EVIDENCE`` such first lines, three quarters of them narrow. Line
        ``judged``, the one whose place is being decided, is no evidence of its own (a
        full line there would count against the join it is asked about)."""
        lo, hi = self._evidence(k)
        seen, narrow = self.seen[hi] - self.seen[lo], self.narrow[hi] - self.narrow[lo]
        if lo <= judged < hi:
            seen -= self.seen[judged + 1] - self.seen[judged]
            narrow -= self.narrow[judged + 1] - self.narrow[judged]
        return seen >= _INDENT_EVIDENCE and narrow >= 0.75 * seen

    def indents_unknown(self, k: int, judged: int) -> bool:
        """No line around line ``k`` shows how paragraph indents came out: none indented,
        no paragraph's first line after a sentence end but line ``judged``."""
        lo, hi = self._evidence(k)
        seen = self.seen[hi] - self.seen[lo]
        if lo <= judged < hi:
            seen -= self.seen[judged + 1] - self.seen[judged]
        return seen == 0 and self.indented[hi] == self.indented[lo]

    def _standalone(self, k: int, ln: Line, w: tuple[float, float]) -> bool:
        """A quoted line, an ellipsis, or a short bracketed credit line."""
        if not self.quotes[k]:
            return False
        return ln.text[0] not in "（(" or ln.width < min(w) - self.cfg.tolerance

    def _display(self, ln: Line, column: float) -> bool:
        """A line in display type: a deck of phrases set a space apart, or letter-spaced
        but not of the column's width (an extractor may space out a justified body
        line). PDF extractors put such a headline straight before the lead, with no
        blank line; it opens its block (a dateline, ``本报讯 核酸检测是``, is no deck)."""
        if _DECK.match(ln.text):
            return True
        spaced = _SPACED.match(ln.text) is not None
        return spaced and abs(ln.width - column) > self.cfg.tolerance

    def _title_wrap(self, lines: list[Line], lo: float, k: int) -> bool:
        """A title set in large type and wrapped for width: a headline line at least as
        wide as the column (or letter-spaced: display type) that ends inside a word, then
        the rest of the title, at most half as wide (a subtitle is a phrase of its own),
        ending its run. OCR often reads the two as separate blocks, a blank line between
        them (the large line spacing). A title is a phrase: a line with a clause mark
        (，、；) in it, unless display type (letter-spaced, or wider than the column by
        more than ``spanning``: set across columns), is body text, not a title to
        continue across a blank line (the tool's own output, a paragraph per line, would
        be joined when cleaned again)."""
        a, b = lines[k], lines[k + 1]
        last = k + 2 >= len(lines) or self.run[k + 2] != self.run[k + 1]
        spaced = _SPACED.match(a.text) is not None
        spanning = a.width > lo + self.cfg.spanning  # display type across columns
        if b.blank_before and not (spaced or spanning) and _CLAUSE_MARK.search(a.text) is not None:
            return False
        # across a blank line the rest must be a remnant (a headline of its own, or a
        # name under it, is longer), unless the title is letter-spaced display type
        rest = (
            a.width / 2 if spaced or not b.blank_before else min(a.width / 2, self.cfg.title_rest)
        )
        return (
            self.headline[k + 1]
            and last
            and _ends_with(_MID_WORD_END, a.text)
            and (a.width >= lo - self.cfg.tolerance or spaced)
            and b.width <= rest
        )

    def _headline_join(self, a: Line, b: Line) -> str:
        """S between two phrases of a headline deck, J inside a phrase broken for width.
        A line ending in a colon or dash introduces the next, and one starting with a
        mark no line may start with (``、湖北省人民政府…``) goes on with the one before:
        J. Letter-spaced lines (two single characters set apart) are joined with a
        space, for ``letter_spacing`` to collapse the whole run, and so are two Latin
        words. A break the character
        model puts inside a word (the next line's first character at least
        ``title_word_p`` after the last two of the line before: ``…良渚街`` + ``道辦事處…``,
        ``…内容存`` + ``在例外情形``; between two phrases of a deck it gives 0.04 or less)
        is J. A line after a deck (phrases a space apart, pieces of 2 Han characters or
        more; a single character before a piece is a remnant of letter-spacing, ``百 個
        項目``) that is the rest of its last phrase (``_deck_rest``) is J, other lines
        with or after a deck S, and lines both at least 10 ems are phrases: S."""
        if a.text[-1] in "：:—-" or b.text[0] in _NO_LINE_START:
            return "J"
        x, y = a.text, b.text
        if _SPACED_PAIR.search(x) or _SPACED_PAIR.search(y):
            return "S"
        if x[-1] in _LATIN_TAIL and _ends_with(_LATIN_END, x) and _LATIN_START.match(y):
            return "S"  # two Latin words
        if (
            self.log_title_word_p is not None
            and is_han(x[-1])
            and is_han(y[0])
            and char_lm().lp(x[-2:], y[0]) >= self.log_title_word_p
        ):
            return "J"
        if _PHRASES.search(y):
            return "S"
        if _PHRASES.search(x):
            return "J" if self._deck_rest(x, y, a.width, b.width) else "S"
        return "S" if min(a.width, b.width) >= 10 else "J"

    def _deck_rest(self, x: str, y: str, wx: float, wy: float) -> bool:
        """``y`` is the rest of the last phrase of the deck ``x`` (phrases set a space
        apart), wrapped for width: at most half as wide, and the character model does
        not put a phrase boundary at the break (``…改造 今年完成`` + ``一百个项目``: 0.012;
        between two phrases of a deck, ``…迅速扑灭本土疫情`` + ``全力打赢``, it gives
        0.0002 or less). A phrase of its own would have been set on the deck's line."""
        c = self.cfg
        return (
            c.deck_rest_p > 0
            and wy <= wx / 2
            and is_han(x[-1])
            and is_han(y[0])
            and char_lm().lp(x[-2:], y[0]) >= math.log(c.deck_rest_p)
        )

    def _short_or_wide(self, ln: Line, w: tuple[float, float], slack: float) -> bool:
        """Narrower than the column by more than ``slack`` + tolerance, or wider than it."""
        c = self.cfg
        return (
            _body_width(ln.text, ln.width) > max(w) + c.wide
            or ln.width + slack < min(w) - c.tolerance
        )

    def _piece_run(self, k: int) -> bool:
        """The run of line ``k`` is a piece of body text rather than a headline: it holds
        a clause mark, or it is one speck of at most ``stray`` ems (``系``, ``理``)."""
        lines, s = self._lines, self.run_start[k]
        t = s
        while t < len(lines) and self.run_start[t] == s:
            if _CLAUSE_MARK.search(lines[t].text):
                return True
            t += 1
        return t - s == 1 and lines[s].width <= self.cfg.stray

    def _body_first(self, g: Gap) -> bool:
        """``a``, opening a paragraph alone between blank lines, is a body line read apart
        from its neighbours (tesseract set blank lines between a column's lines): it holds
        a clause mark (most titles are a phrase), is wider than a first line that lost its
        indent would be, and ``b`` is a body line that goes on, no narrower than that
        either (a lead's first line after a title of two phrases, ``党旗一线映红心，战“疫”
        路上显担当``, is narrower by the indent OCR lost, or indented)."""
        a = g.a
        return (
            _CLAUSE_MARK.search(a.text) is not None
            and a.width > g.hi - self.cfg.indent + 0.5
            and g.b_full
            and g.b_body(self)
        )

    def _headlineish(self, ln: Line, w: tuple[float, float]) -> bool:
        """Not a sentence end, and short even for a first line, or wider than the column."""
        return not ln.final and self._short_or_wide(ln, w, self.cfg.indent)

    def _gap(
        self, lines: list[Line], lw: list[tuple[float, float]], k: int, first: bool
    ) -> tuple[str, str]:
        """The first of ``GAP_CHECKS`` that recognises the gap after line ``k`` decides it
        (of those whose needs the gap meets: the others return None on it)."""
        a, b = lines[k], lines[k + 1]
        if a.width + (self.cfg.indent if first else 0.0) >= min(lw[k]) - self.cfg.tolerance:
            # a is full (``Gap.full``): most gaps are a wrap that only ``full_line``, the
            # first check they need, decides (the same as from the Gap)
            checks = checks_for(self.as_a[k] | self.as_b[k + 1] | FULL)
            if checks[0] is full_line:
                return _join(a.text, b.text, b.blank_before)
        g = Gap(self, lines, lw, k, first)
        for check in checks_for(self.as_a[k] | self.as_b[k + 1] | (FULL if g.full else NOT_FULL)):
            if (d := check(self, g)) is not None:
                return d
        raise AssertionError("the last gap check always decides")


Decision = tuple[str, str]
Check = Callable[["Decider", "Gap"], "Decision | None"]

# what a gap has that a check may need before it can decide it
A_FINAL = 1 << 0  # a ends a sentence
A_BLANK_BEFORE = 1 << 1  # a blank line before a
A_HEADLINE = 1 << 2  # a is in a headline run
A_BYLINE = 1 << 3  # a is a byline
A_OPENS = 1 << 4  # a matches para_start
BLANK = 1 << 5  # a blank line between a and b
B_INDENT = 1 << 6  # b is indented
B_OPENS = 1 << 7  # b matches para_start
QUOTE = 1 << 8  # a or b matches standalone
FULL = 1 << 9  # a is full (``Gap.full``)
B_ITEM = 1 << 10  # b opens an item of a numbered list
VERSE = 1 << 11  # a or b is a line of a poem (``Decider._verse_runs``)
# screens: what a line's ends and width show, so that a check that cannot decide a gap
# is not called on it (tests/layout/test_gap_screens.py: each check returns None where
# its screen skips it)
A_JUNK = 1 << 12  # a is at most ``junk`` ems wide
B_JUNK = 1 << 13  # b is at most ``junk`` ems wide
A_HAN_END = 1 << 14  # a ends on a Han character (``is_han``)
B_HAN_START = 1 << 15  # b opens with a Han character
B_REST = 1 << 16  # b has a full stop second or third (``_SENTENCE_REST`` may match)
A_ORDINAL = 1 << 17  # a ends on 第 or a numeral (``_ORDINAL_HEAD`` may match)
A_TITLE_END = 1 << 18  # a ends on 》
A_COMMA_END = 1 << 19  # a ends on ， or 、
A_STRAY = 1 << 20  # a is at most ``stray`` ems wide
NOT_FULL = 1 << 21  # a is not full (``Gap.full``)
B_HEADLINE = 1 << 22  # b is in a headline run

NEEDS: dict[Check, int] = {}  # by check: what a gap needs for it (all of it); none if absent
NEEDS_ANY: dict[Check, int] = {}  # by check: one of these at least; none if absent
_END_BITS: dict[str, int] = {}  # by a line's last character: ``_end_bits``, kept
_START_BITS: dict[str, int] = {}  # by a line's first character: ``_start_bits``, kept


def _end_bits(ch: str) -> int:
    """What a line ending on ``ch`` brings to the gap after it (remembered)."""
    bits = (
        (A_HAN_END if is_han(ch) else 0)
        | (A_ORDINAL if ch in _ORDINAL_END else 0)
        | (A_TITLE_END if ch == "》" else 0)
        | (A_COMMA_END if ch in "，、" else 0)
    )
    _END_BITS[ch] = bits
    return bits


def _start_bits(ch: str) -> int:
    """What a line opening with ``ch`` brings to the gap before it (remembered)."""
    bits = _START_BITS[ch] = B_HAN_START if is_han(ch) else 0
    return bits


_ORDINAL_END = frozenset("第〇零一二三四五六七八九十百千两兩0123456789０１２３４５６７８９")


def needs(features: int, any_of: int = 0) -> Callable[[Check], Check]:
    """Declare what a gap must have (all of ``features``, and one of ``any_of`` at
    least) for the check to decide it: on any other gap the check returns None, and
    ``Decider._gap`` skips it."""

    def declare(check: Check) -> Check:
        NEEDS[check] = features
        if any_of:
            NEEDS_ANY[check] = any_of
        return check

    return declare


def _may_decide(check: Check, features: int) -> bool:
    """A gap with ``features`` has what ``check`` needs (``needs``)."""
    if NEEDS.get(check, 0) & ~features:
        return False
    some = NEEDS_ANY.get(check, 0)
    return not some or some & features != 0


@cache
def checks_for(features: int) -> tuple[Check, ...]:
    """``GAP_CHECKS`` that may decide a gap with ``features``, in order."""
    return tuple(c for c in GAP_CHECKS if _may_decide(c, features))


class Gap:
    """The gap between ``lines[k]`` (``a``) and ``lines[k + 1]`` (``b``), with what the
    checks read about it; ``first``: ``a`` opens a paragraph."""

    __slots__ = (
        "a",
        "b",
        "blank",
        "cfg",
        "first",
        "full",
        "k",
        "lines",
        "lo",
        "lw",
    )

    def __init__(
        self, dec: Decider, lines: list[Line], lw: list[tuple[float, float]], k: int, first: bool
    ) -> None:
        c = self.cfg = dec.cfg
        self.lines, self.lw, self.k, self.first = lines, lw, k, first
        a, b = self.a, self.b = lines[k], lines[k + 1]
        self.blank = b.blank_before  # a blank line between a and b
        self.lo = min(lw[k])  # the column width: the narrower side's
        # a is as wide as the column (a first line counts its lost indent), or the Latin
        # word opening b did not fit after it
        width = a.width + (c.indent if first else 0.0)
        self.full = width >= self.lo - c.tolerance
        if not self.full and (m := _LATIN_WORD.match(b.text)):
            self.full = width + em_width(m.group()) > self.lo

    @property
    def hi(self) -> float:
        """The column width on the wider side of ``a``."""
        return max(self.lw[self.k])

    @property
    def b_full(self) -> bool:
        """``b`` is wider than a first line that kept its indent would be."""
        return self.b.width > self.lo - self.cfg.indent + 0.5

    def join(self) -> Decision:
        """How ``a`` and ``b`` join when they are one paragraph's lines."""
        return _join(self.a.text, self.b.text, self.blank)

    def b_body(self, dec: Decider) -> bool:
        """``b`` is a body line that goes on (no sentence end, headline or blank after)."""
        b = self.b
        return not b.final and not dec.headline[self.k + 1] and not b.blank_after

    def b_read_apart(self, dec: Decider) -> bool:
        """``b`` is a body line that goes on across a blank line after it (tesseract
        sets blank lines between a column's lines): no sentence end, headline, dateline,
        byline or quotation, and the line after it no narrower than ``b`` must be (a
        title before a lead whose indent was lost is followed by a narrow line)."""
        k, b, lines = self.k + 1, self.b, self.lines
        if b.final or not b.blank_after or k + 1 >= len(lines):
            return False
        c = lines[k + 1]
        flags = (dec.headline, dec.opens, dec.quotes, dec.bylines)
        return (
            not any(f[k] or f[k + 1] for f in flags)
            and not c.final
            and c.width > self.lo - self.cfg.indent + 0.5
        )


def _join(a: str, b: str, blank: bool) -> Decision:
    """How lines ``a`` and ``b`` (a blank line between them or not) join when they are one
    paragraph's lines (``Gap.join``)."""
    if a[-1] in _LATIN_TAIL and _ends_with(_LATIN_END, a) and _LATIN_START.match(b):
        return "S", "latin"
    return "J", "column_break" if blank else "wrap"


# --- the checks, in order: each recognises one kind of gap, or returns None ---


@needs(VERSE)
def verse(dec: Decider, g: Gap) -> Decision | None:
    """``a`` or ``b`` is a line of a poem set inside a column page (``_verse_runs``):
    each line of it stands alone."""
    return ("B", "verse") if dec.verse[g.k] or dec.verse[g.k + 1] else None


@needs(B_INDENT)
def indented(dec: Decider, g: Gap) -> Decision | None:
    """``b`` is indented: it opens a paragraph. Unless ``a`` is a full line cut
    mid-sentence and ``b`` as wide as the column even so: an indent makes a line
    narrower, and a space in front of a full line is a mark OCR lost (``她说 ：⏎ 孩子…``,
    the opening quote read as a space)."""
    if not g.b.indent or (g.full and not g.a.final and g.b_full):
        return None
    return "B", "indented"


@needs(B_OPENS)
def paragraph_start(dec: Decider, g: Gap) -> Decision | None:
    """``b`` matches ``para_start`` (a dateline, a byline)."""
    return ("B", "paragraph_start") if dec.opens[g.k + 1] else None


@needs(B_ITEM)
def list_item(dec: Decider, g: Gap) -> Decision | None:
    """``b`` opens an item of a numbered list (``一、``, ``（二）``, ``3.``: its neighbour
    number opens another line, ``list_items``): an item starts a line of its own. An
    enumeration that runs inline as often (``一是…。二是…``) only after a line ending on
    a colon that introduces it (``体现在两个方面：`` ⏎⏎ ``一是…``)."""
    kind = dec.items[g.k + 1]
    if not kind or (kind == INLINE and g.a.text[-1] not in "：:"):
        return None
    return "B", "list_item"


@needs(A_BYLINE)
def byline_goes_on(dec: Decider, g: Gap) -> Decision | None:
    """A byline whose next line, with no blank line between, names more people."""
    if dec.bylines[g.k] and not g.blank and dec._match(dec.byline_more, g.b.text):
        return "S", "byline"
    return None


@needs(A_BYLINE)
def byline(dec: Decider, g: Gap) -> Decision | None:
    """A byline is a paragraph of its own."""
    return ("B", "byline") if dec.bylines[g.k] else None


@needs(QUOTE)
def standalone(dec: Decider, g: Gap) -> Decision | None:
    """A quotation, an ellipsis or a short credit line on either side stands alone."""
    k = g.k
    if dec._standalone(k, g.a, g.lw[k]) or dec._standalone(k + 1, g.b, g.lw[k + 1]):
        return "B", "standalone"
    return None


@needs(A_HAN_END | B_HAN_START, any_of=NOT_FULL | BLANK | A_BLANK_BEFORE | A_HEADLINE | B_HEADLINE)
def word_cut(dec: Decider, g: Gap) -> Decision | None:
    """The break falls inside a word: after the last two characters of ``a`` the
    character model gives the first of ``b`` a probability of at least ``word_p``
    (``为人民法`` ⏎⏎ ``院``, ``关于加班费的请`` ⏎⏎ ``求是否…``). No paragraph or title ends
    inside a word; the paragraph goes on. Not asked where only ``full_line`` can follow
    (a full line with no blank line before or after it, neither it nor the next line in
    a headline run: the checks before this one decide such a gap or it is joined), so
    the outcome is the same as if asked everywhere: a gap the other checks end comes
    back after a blank line from ``separator``, and cleaning again must agree."""
    a_line, k = g.a, g.k
    if a_line.final or dec.cfg.word_p <= 0:
        return None
    if (
        g.full
        and not g.blank
        and not a_line.blank_before
        and not (dec.headline[k] or dec.headline[k + 1])
    ):
        return None
    a, b = g.a.text, g.b.text
    if is_han(a[-1]) and is_han(b[0]) and char_lm().lp(a[-2:], b[0]) >= dec.log_word_p:
        return "J", "word"
    return None


_JUNK_LINES = 4  # the most lines read between the two pieces of a word


def _junk(dec: Decider, ln: Line) -> bool:
    """A line that may be junk or a fragment inside a paragraph: at most ``junk`` ems,
    next to a blank line, ending no sentence (a speck with no Han character may end on
    ``？``)."""
    return (
        ln.width <= dec.cfg.junk
        and (ln.blank_before or ln.blank_after)
        and (not ln.final or _HAN_CHAR.search(ln.text) is None)
    )


@needs(0, any_of=A_JUNK | B_JUNK)
def word_across_junk(dec: Decider, g: Gap) -> Decision | None:
    """The gap is next to a few short lines by blank lines (``junk`` ems at most, up
    to four: ``？``, ``否 主张``, ``GE``) that sit between the two pieces of a word: the
    line before them ends mid-sentence on a Han character, and after its last two the
    character model gives the first of the line after them at least ``word_p``
    (``…强制性规`` ⏎⏎ ``？`` ⏎⏎ ``否 主张`` ⏎⏎ ``GE`` ⏎ ``用`` ⏎⏎ ``定，且…``, a blank line
    between them somewhere). No paragraph ends inside a
    word: the lines between are junk or a fragment an OCR engine read into the
    paragraph, which goes on through them."""
    junk = dec.cfg.junk
    if (g.a.width > junk and g.b.width > junk) or junk <= 0 or dec.cfg.word_p <= 0:
        return None  # no junk next to the gap (most gaps: told by the widths alone)
    lines, k = g.lines, g.k
    s = k  # the line before the junk
    while s > k - _JUNK_LINES and _junk(dec, lines[s]):
        s -= 1
    e = k + 1  # the line after it
    while e < min(len(lines), s + _JUNK_LINES + 1) and _junk(dec, lines[e]):
        e += 1
    if e - s < 2 or e - s > _JUNK_LINES + 1 or e >= len(lines) or s < 0:
        return None  # no junk between, or too much
    if not all(_junk(dec, lines[t]) for t in range(s + 1, e)):
        return None
    a, c = lines[s], lines[e]
    if not any(lines[t].blank_before for t in range(s + 1, e + 1)):
        return None  # no blank line: lines of one run, decided as such
    if a.final or not is_han(a.text[-1]) or not is_han(c.text[0]):
        return None
    if any(dec.opens[t] or dec.quotes[t] or dec.bylines[t] for t in range(s + 1, e + 1)):
        return None
    if char_lm().lp(a.text[-2:], c.text[0]) < dec.log_word_p:
        return None
    return "J", "word_across_junk"


@needs(A_HAN_END | B_REST)
def sentence_rest(dec: Decider, g: Gap) -> Decision | None:
    """``b`` opens with the rest of a sentence: at most two Han characters, then a full
    stop (``請求。陳某某不服…`` after ``…駁回陳某某、王某某的訴訟``, a blank line
    between), and ``a`` ends inside a word, on a Han character, mid-sentence. No
    paragraph opens with a statement of one or two characters (a reply in dialogue is
    quoted: ``“好。”``; a lead may open with ``冷！`` or ``为何？``, so not those marks),
    and no title or paragraph ends where its sentence goes on: the
    paragraph goes on. Cleaned output, a paragraph per line, has no line cut
    mid-sentence before another paragraph: cleaning it again changes nothing."""
    a, k = g.a, g.k
    if (
        not a.final
        and is_han(a.text[-1])
        and _SENTENCE_REST.match(g.b.text)
        and not (dec.quotes[k] or dec.opens[k] or dec.bylines[k])
        and not dec.opens[k + 1]
    ):
        return g.join()[0], "sentence_rest"
    return None


@needs(A_ORDINAL)
def ordinal_cut(dec: Decider, g: Gap) -> Decision | None:
    """The break falls inside an ordinal: ``a`` ends on ``第`` and perhaps numerals,
    ``b`` opens with the rest of its numerals and a measure word (``《中華人民共和國勞動法》
    第四`` ⏎⏎ ``十七條規定：…``, ``第一百四十八條第`` ⏎ ``二款``). A number cut in two is
    no end of a title or paragraph: the paragraph goes on. ``b``'s numerals must go on
    from ``a``'s (``四`` then ``十七``; two Chinese digits in a row do not: a title
    ending on ``全省第一`` is followed by a lead opening ``一批…``)."""
    a, b = g.a.text, g.b.text
    if g.a.final or not (head := _ORDINAL_HEAD.search(a)):
        return None
    if not _ORDINAL_TAIL.match(b):
        return None
    if head.group()[-1] in _DIGIT_HAN and b[0] in _DIGIT_HAN:
        return None
    return g.join()[0], "ordinal"


@needs(A_TITLE_END)
def article_cited(dec: Decider, g: Gap) -> Decision | None:
    """``a`` ends on a title's closing mark ``》`` and ``b`` opens with the number of an
    article run into the text (``《中华人民共和国劳动合同法》`` ⏎⏎ ``第二十六条规定：…``):
    a citation, title and article, cut by a line break; no title ends a paragraph
    there. A statute's own heading sets a space after the number (``第一条 为了…``)."""
    if g.a.text[-1] != "》" or not _ARTICLE_CITED.match(g.b.text):
        return None
    return g.join()[0], "article_cited"


@needs(A_HEADLINE)
def body_run_goes_on(dec: Decider, g: Gap) -> Decision | None:
    """The last line of a headline run (lines between blank lines, one of them short)
    holds a clause mark, ends inside a word, is no narrower than a first line that lost
    its indent and no wider than the column, and a full body line goes on after it
    (``_body_first``): body text an OCR engine read apart (``2019年2月1日，週某某`` ⏎
    ``舉行婚禮，聘請某演繹公司為其做`` ⏎⏎ ``成，且…``), not a title. A title is a phrase;
    one with a clause mark is set wider than the column (display type) or its lead
    starts narrower by the indent OCR lost. The paragraph goes on (and the run's lines
    join without a space: ``_body_read_as_head``)."""
    k = g.k
    if not dec.headline[k] or dec.run[k] == dec.run[k + 1] or g.a.final:
        return None
    if not _ends_with(_MID_WORD_END, g.a.text) or not dec._body_first(g):
        return None
    if _body_width(g.a.text, g.a.width) > g.hi + dec.cfg.wide:
        return None
    if dec.headline[k + 1] or dec.opens[k + 1] or dec.quotes[k + 1] or dec.bylines[k + 1]:
        return None
    return g.join()[0], "body_run"


@needs(A_COMMA_END)
def clause_goes_on(dec: Decider, g: Gap) -> Decision | None:
    """``a`` ends on a comma or an enumeration comma (no paragraph or title ends there:
    ``志属，`` before ``事宜。``, ``合同、`` alone between blank lines, pieces of a line
    an OCR engine read apart) and ``b`` is no headline: the paragraph goes on. A line
    cut where a page-jump marker went (``…值班轮守，▶下转A6版``) is followed by the next
    article's headline, and stays apart from it; so does a line narrower by the indent
    that goes on (a paragraph's first line, its indent lost: OCR may read 。 as ，)."""
    b = g.b
    first_line = not b.final and b.width <= g.hi - dec.cfg.indent + 0.5
    if g.a.text[-1] in "，、" and not dec.headline[g.k + 1] and not first_line:
        return g.join()[0], "clause"
    return None


@needs(A_BLANK_BEFORE | BLANK)
def stray_fragment(dec: Decider, g: Gap) -> Decision | None:
    """A fragment of at most ``stray`` ems alone between blank lines (``者 6``, ``院``:
    specks, a mark or a character an OCR engine read apart from its line), after a
    line it was joined to (cut mid-sentence: the paragraph is not over) and before a
    full body line: the paragraph goes on through it. A name or a folio alone comes
    after a paragraph's end, not inside one (and cleaned output has no line joined
    before a paragraph: cleaning it again changes nothing)."""
    a, b, k = g.a, g.b, g.k
    if (
        not g.first
        and a.blank_before
        and g.blank
        and dec.cfg.stray > 0
        and _speck_width(a) <= dec.cfg.stray
        and not a.final
        and not (dec.quotes[k] or dec.opens[k] or dec.bylines[k])
        and b.width >= g.lo - dec.cfg.tolerance
        and not (dec.headline[k + 1] or dec.opens[k + 1] or dec.quotes[k + 1])
    ):
        return g.join()[0], "stray"  # as any wrap: a space between two Latin words
    return None


@needs(A_STRAY)
def stray_in_run(dec: Decider, g: Gap) -> Decision | None:
    """A fragment of at most ``stray`` ems, no blank line before or after it, that ends
    inside a word (a speck OCR read as a line of its own, ``o`` between ``…基本信`` and
    ``息。``), after a line it was joined to (cut mid-sentence: the paragraph is not
    over): the paragraph goes on into the next line, unless that is a headline, a
    dateline, a byline or a quotation. A paragraph's short last line ends a sentence or
    on a closing mark (``六）``), not inside a word; cleaned output has no line joined
    before a paragraph, so cleaning it again changes nothing."""
    a, k = g.a, g.k
    if (
        not g.first
        and not a.blank_before
        and not g.blank
        and a.width <= dec.cfg.stray
        and not a.final
        and _ends_with(_MID_WORD_END, a.text)
        and not (dec.quotes[k] or dec.opens[k] or dec.bylines[k])
        and not (dec.headline[k + 1] or dec.opens[k + 1] or dec.quotes[k + 1] or dec.bylines[k + 1])
    ):
        return g.join()[0], "stray"
    return None


@needs(A_BLANK_BEFORE | BLANK | FULL)
def first_line_alone(dec: Decider, g: Gap) -> Decision | None:
    """A paragraph's first line alone between blank lines (an extractor's column break
    after it: pdfminer), after a sentence end, on a page whose paragraphs start narrow
    (indents lost, ``indents_lost``): narrower than the column by the indent and full
    with it, all full-width characters (a sure width), cut inside a word, before a
    full body line, the column as wide around it as before it (not another article's).
    The paragraph goes on. A title alone is not narrower by exactly the indent on
    such a page; cleaned output, a paragraph per line, has no line cut inside a word
    before a body line. Where nothing around it shows how indents came out
    (``indents_unknown``: a short page, 003 ``法院認為，革演繹公司除攝影``), a line with a
    clause mark (body text: most titles are a phrase) is taken for a first line too."""
    a, b, k, c = g.a, g.b, g.k, dec.cfg
    if (
        g.first
        and k > 0
        and g.lines[k - 1].final
        and a.blank_before
        and g.blank
        and g.full
        and not a.final
        and a.width <= g.lo - c.indent + 0.5
        and _ends_with(_MID_WORD_END, a.text)
        and not _UNSURE.search(a.text)
        and not (dec.quotes[k] or dec.opens[k] or dec.bylines[k])
        and g.b_full
        and not b.final
        and not (dec.opens[k + 1] or dec.quotes[k + 1] or dec.bylines[k + 1])
        and max(g.lw[k - 1] + g.lw[k] + g.lw[k + 1]) - min(g.lw[k - 1] + g.lw[k] + g.lw[k + 1])
        <= c.tolerance
        and (dec.indents_lost(k, k) or (_marked_clause(a.text) and dec.indents_unknown(k, k)))
    ):
        return g.join()[0], "first_line"
    return None


@needs(A_HEADLINE)
def fragment_run(dec: Decider, g: Gap) -> Decision | None:
    """A headline run that a paragraph of text ran into (``joined_in``: a headline does
    not follow a line cut mid-sentence) is a fragment of that paragraph an OCR engine
    read apart (``涉及到``, ``度在執行``, its order scrambled): its lines go on with each
    other, and its last line, ending on a Han character or a clause mark (not specks:
    ``Doo``), with the line after it if that is no headline, dateline, byline or
    quotation. Cleaned output has no line cut mid-sentence joined to a line after a
    blank line (a paragraph per line), so cleaning it again changes nothing."""
    k = g.k
    if not (dec.headline[k] and dec.joined_in[dec.run_start[k]]):
        return None
    if dec.run[k] == dec.run[k + 1]:
        return g.join()[0], "fragment"
    if (
        not _ends_with(_HAN_OR_CLAUSE_END, g.a.text)
        or (dec.headline[k + 1] and not dec._piece_run(k + 1))
        or dec.opens[k + 1]
        or dec.quotes[k + 1]
        or dec.bylines[k + 1]
    ):
        return None
    return g.join()[0], "fragment"


def _lone_char(ln: Line) -> bool:
    """One Han character alone between blank lines."""
    return len(ln.text) == 1 and ln.blank_before and ln.blank_after and is_han(ln.text)


@needs(BLANK)
def stray_by_headline(dec: Decider, g: Gap) -> Decision | None:
    """One Han character alone between blank lines next to a headline run (before it,
    after its last line, or next to another such character): a piece of a letter-spaced
    headline an OCR engine read apart (``與`` ⏎⏎ ``人`` ⏎⏎ ``消 買 苦 影樓``), unless the
    paragraph before ran into it (``…经营明`` ⏎⏎ ``知``). No paragraph
    or title is one character: it goes with the headline, joined as two headline lines
    are (``_headline_join``: with a space next to a letter-spaced line, for
    ``letter_spacing`` to collapse the whole run; two such characters as the headline
    line after them is joined)."""
    a, b, k, lines = g.a, g.b, g.k, g.lines
    # after a body line (not a headline) it was joined to, it is that paragraph's
    a_lone = _lone_char(a) and (g.first or (k > 0 and dec.headline[k - 1]))
    b_lone = _lone_char(b)
    if not (a_lone or b_lone):
        return None
    if a_lone and b_lone:
        t = k + 2
        while t < len(lines) and _lone_char(lines[t]):
            t += 1
        if t < len(lines) and dec.headline[t]:
            return dec._headline_join(b, lines[t]), "stray_by_headline"
        return None
    if (a_lone and dec.headline[k + 1]) or (b_lone and dec.headline[k]):
        return dec._headline_join(a, b), "stray_by_headline"
    return None


@needs(A_HEADLINE)
def title_wrap(dec: Decider, g: Gap) -> Decision | None:
    """A title wrapped for width, its rest on the next line (see ``_title_wrap``)."""
    if dec.headline[g.k] and dec._title_wrap(g.lines, g.lo, g.k):
        return dec._headline_join(g.a, g.b), "title_wrap"
    return None


@needs(A_BLANK_BEFORE | BLANK)
def full_title_wrap(dec: Decider, g: Gap) -> Decision | None:
    """A title as wide as the column (not a headline run by its width) alone between
    blank lines, cut inside a word, with no clause or sentence mark, and the short rest
    of it alone after a blank line (``_title_wrap``: at most ``title_rest`` ems, ending
    its run): ``作出人格权保护禁令应将程序审查与实体判断`` + ``相结合``. A body line cut
    there is followed by the rest of its paragraph, so the join is right either way."""
    k, a = g.k, g.a
    if (
        a.blank_before
        and g.blank
        and not a.final
        and not dec.headline[k]
        and not (dec.quotes[k] or dec.opens[k] or dec.bylines[k])
        and not _SENTENCE_MARK.search(a.text)
        and dec._title_wrap(g.lines, g.lo, k)
    ):
        return dec._headline_join(a, g.b), "title_wrap"
    return None


@needs(A_HEADLINE)
def headline_end(dec: Decider, g: Gap) -> Decision | None:
    """The last line of a headline run, or a headline line spanning columns (unless the
    next line starts with a mark no line may start with: the same title goes on)."""
    k, c = g.k, dec.cfg
    if dec.headline[k] and (
        dec.run[k] != dec.run[k + 1]
        or (max(g.a.width, g.b.width) > g.hi + c.spanning and g.b.text[0] not in _NO_LINE_START)
    ):
        return "B", "headline"
    return None


@needs(A_HEADLINE)
def inside_headline(dec: Decider, g: Gap) -> Decision | None:
    """Two lines of one headline run: a phrase broken for width, or two phrases; two
    lines of body text read apart (``Decider._body_read_as_head``) join without a space."""
    if not dec.headline[g.k]:
        return None
    join = dec._headline_join(g.a, g.b)
    if join == "S" and dec._body_read_as_head(g):
        return "J", "body_read_as_head"
    return join, "headline"


@needs(A_BLANK_BEFORE)
def display_before_lead(dec: Decider, g: Gap) -> Decision | None:
    """A headline in display type glued to the lead (no blank line between)."""
    k, a = g.k, g.a
    if (
        a.blank_before
        and not (a.final or dec.opens[k])
        and dec._display(a, g.hi)
        and not dec._display(g.b, max(g.lw[k + 1]))
    ):
        return "B", "display"
    return None


@needs(A_OPENS)
def dateline(dec: Decider, g: Gap) -> Decision | None:
    """A line opening a paragraph (a dateline) that ends mid-sentence goes on."""
    k = g.k
    if dec.opens[k] and not g.a.final and not dec.headline[k + 1]:
        return "J", "dateline"
    return None


@needs(A_FINAL)
def inside_quote(dec: Decider, g: Gap) -> Decision | None:
    """``a`` ends a sentence inside a quotation it opens (its last ``“`` not closed) and
    the next line, with no blank line between, closes it (a ``”`` before any ``“``):
    ``“工资总额由下列六个部分组成：……`` then ``（五）加班加点工资”。``. A paragraph does
    not end inside a quotation; the paragraph goes on."""
    a, b = g.a.text, g.b.text
    if not g.a.final or g.blank:
        return None
    opened, close = a.rfind("“"), b.find("”")
    if opened > a.rfind("”") and close >= 0 and ("“" not in b[:close]):
        return g.join()[0], "quote"
    return None


@needs(A_FINAL)
def short_sentence_end(dec: Decider, g: Gap) -> Decision | None:
    """``a`` ends a sentence short of the column: the paragraph ends."""
    c, a = dec.cfg, g.a
    if a.final and a.width + (c.indent if g.first else 0.0) < g.hi - c.final_tolerance:
        return "B", "sentence_end"
    return None


@needs(A_FINAL)
def full_sentence_end_not_indented(dec: Decider, g: Gap) -> Decision | None:
    """A full line ends a sentence, and the page keeps indents: a full body line after
    it, not indented, goes on with the paragraph."""
    if g.a.final and dec.indents_kept(g.k) and g.b_full and g.b_body(dec):
        return "J", "not_indented"
    return None


@needs(A_FINAL | BLANK)
def column_break_after_sentence(dec: Decider, g: Gap) -> Decision | None:
    """A full line ends a sentence, a blank line (a column break), and on a page that
    lost its indents a full body line: the paragraph goes on. Full by the column on
    the wider side, a mark hanging past its edge aside (a first line narrower by the
    indent may end on a comma set past the edge: ``…决策部署，``). Also a full line
    alone between blank lines (``Gap.b_read_apart``: tesseract set blank lines between
    a column's lines) before another full line, on a page that does not keep its
    indents (there a headline, not indented either, may stand alone)."""
    wide = _body_width(g.b.text, g.b.width) > g.hi - dec.cfg.indent + 0.5
    if not (g.a.final and g.blank and wide and dec.indents_lost(g.k, g.k + 1)):
        return None
    if g.b_body(dec) or (g.b_read_apart(dec) and not dec.indents_kept(g.k)):
        return "J", "column_break"
    return None


@needs(A_FINAL | BLANK)
def blank_after_sentence(dec: Decider, g: Gap) -> Decision | None:
    """A full line ends a sentence, then a blank line: the paragraph ends."""
    return ("B", "sentence_end") if g.a.final and g.blank else None


@needs(A_FINAL)
def next_indent_lost(dec: Decider, g: Gap) -> Decision | None:
    """A full line ends a sentence and the next line, narrower by the indent OCR lost,
    goes on to another line: it opens a paragraph. Narrower than the column on the
    wider side of ``a`` if the next line is all full-width (the narrower side's width
    may come from the first lines of short paragraphs); a line with characters the
    em measure may get wrong (digits, Latin, curly quotes: ``_UNSURE``) must be
    narrower than the narrower side's width."""
    c, a, b = dec.cfg, g.a, g.b
    if not a.final or b.final or g.k + 2 >= len(g.lines):
        return None
    column = g.lo if _UNSURE.search(b.text) else g.hi
    if b.width <= column - c.indent + 0.5:
        return "B", "next_indented"
    return None


@needs(A_FINAL)
def full_sentence_end(dec: Decider, g: Gap) -> Decision | None:
    """A full line ends a sentence, nothing says the paragraph ends: it goes on."""
    return ("J", "full_line") if g.a.final else None


@needs(BLANK | FULL)
def first_line_after_lost_end(dec: Decider, g: Gap) -> Decision | None:
    """A full line cut mid-sentence, a blank line, then a line narrower than the column
    by the indent (no more: a shorter one may be a title or a paragraph's last line),
    all full-width characters (a sure width), that goes on as a body line, on a page
    whose paragraphs start narrow (``indents_lost``): that line opens a paragraph, and
    the line before it lost its sentence end to OCR (``…不再支付`` for ``不再支付。``,
    ``…申請促`` for ``申請仲裁。``). A column broken mid-sentence goes on with a full
    line; ``word_cut`` has joined a break the character model puts inside a word."""
    a, b, k, c = g.a, g.b, g.k, dec.cfg
    if (
        g.blank
        and g.full
        and not a.final
        and not dec.headline[k]
        and not _UNSURE.search(b.text)
        and g.hi - c.indent - 0.5 <= b.width <= g.hi - c.indent + 0.5
        and g.b_body(dec)
        and not (dec.opens[k + 1] or dec.quotes[k + 1] or dec.bylines[k + 1])
        and dec.indents_lost(k, k + 1)
    ):
        return "B", "sentence_end_lost"
    return None


@needs(A_BLANK_BEFORE | BLANK | FULL)
def body_between_blanks(dec: Decider, g: Gap) -> Decision | None:
    """A full line alone between blank lines that goes on with the paragraph of the line
    before it (that gap was joined: no headline follows a line cut mid-sentence), is no
    wider than the column, ends mid-sentence (inside a word or on a clause mark; after a
    join also on a closing bracket, a quote or a dash: ``（下称建筑公司）``) and comes before
    a body line: an OCR engine set blank lines between a column's lines (tesseract). The
    paragraph goes on. After a join, or where the line is body text by ``_body_first``
    (a clause mark, not narrower by the indent, a full body line that goes on after it):
    a line that opens a paragraph may be a title as wide as the column. Cleaned output,
    a paragraph per line between blank lines, has neither a join before it nor a line
    going on without a blank after it: cleaning it again changes nothing. After a join
    the line may also end on a colon (``还包括以下内容：`` before an inline list): what
    it introduces follows."""
    a, k = g.a, g.k
    if (
        (not g.first or dec._body_first(g))
        and a.blank_before
        and g.blank
        and g.full
        and not a.final
        and _body_width(a.text, a.width) <= g.hi + dec.cfg.wide
        and (
            _ends_with(_MID_WORD_END, a.text)
            or a.text[-1] in "，、；"
            or (not g.first and a.text[-1] in _CLOSERS_OR_COLON)
        )
        and (not dec.headline[k + 1] or (not g.first and dec._piece_run(k + 1)))
        and not dec.opens[k + 1]
    ):
        return g.join()[0], "column_break"
    return None


@needs(A_BLANK_BEFORE | BLANK)
def alone_between_blanks(dec: Decider, g: Gap) -> Decision | None:
    """A line alone between blank lines (a headline), unless a full one cut mid-clause."""
    a = g.a
    if a.blank_before and g.blank and not (g.full and a.text[-1] in "，、；"):
        return "B", "headline"
    return None


@needs(FULL)
def full_line(dec: Decider, g: Gap) -> Decision | None:
    """A full line that ends mid-sentence: a soft wrap or a column break."""
    return g.join() if g.full else None


@needs(BLANK)
def short_before_blank(dec: Decider, g: Gap) -> Decision | None:
    """A short line before a blank line ends its paragraph."""
    return ("B", "short_line") if g.blank else None


def headline_below(dec: Decider, g: Gap) -> Decision | None:
    """A short line before a headline-like line (short even for a first line, or wider
    than the column): the two are a headline."""
    if dec._headlineish(g.b, g.lw[g.k + 1]):
        return dec._headline_join(g.a, g.b), "headline"
    return None


def short_or_nearly_full(dec: Decider, g: Gap) -> Decision | None:
    """What is left: a line within two indents of the column goes on, a shorter one
    ends its paragraph. Within one indent only if it may close a title glued to its lead
    (a body line cut mid-sentence is full): all full-width characters (a sure width; the
    em measure may get digits, Latin and curly quotes wrong), at most ``headline_lines``
    lines after a blank line or the block's start, none of them with a sentence mark (a
    line deep in a paragraph that OCR made short by losing characters goes on)."""
    a, k, c = g.a, g.k, dec.cfg
    s = dec.run_start[k]
    title = (
        k - s < c.headline_lines
        and not _UNSURE.search(a.text)
        and not any(_SENTENCE_MARK.search(ln.text) for ln in g.lines[s : k + 1])
    )
    slack = c.indent if title else 2 * c.indent
    return g.join() if a.width >= g.lo - slack else ("B", "short_line")


# in this order; the last always decides
GAP_CHECKS: tuple[Check, ...] = (
    verse,
    indented,
    paragraph_start,
    list_item,
    byline_goes_on,
    byline,
    standalone,
    word_cut,
    word_across_junk,
    sentence_rest,
    ordinal_cut,
    article_cited,
    clause_goes_on,
    stray_fragment,
    stray_in_run,
    first_line_alone,
    fragment_run,
    stray_by_headline,
    body_run_goes_on,
    title_wrap,
    full_title_wrap,
    headline_end,
    inside_headline,
    display_before_lead,
    dateline,
    inside_quote,
    short_sentence_end,
    full_sentence_end_not_indented,
    column_break_after_sentence,
    blank_after_sentence,
    next_indent_lost,
    full_sentence_end,
    first_line_after_lost_end,
    body_between_blanks,
    alone_between_blanks,
    full_line,
    short_before_blank,
    headline_below,
    short_or_nearly_full,
)
