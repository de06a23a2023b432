"""html_leftovers: what an HTML extractor left in the text (``&ldquo;`` ``&#12290;``, controls).

* Character references: named ones from Python's HTML5 table, only with their ``;``
  (``&copy=2`` in a query string and ``AT&T`` stay), numeric ones (``&#12290;``
  ``&#x3002;``), decoded until none is left (``&amp;quot;`` was escaped twice).
  ``&nbsp`` is the one name taken without ``;`` (``&nbsp&nbsp``), when no letter,
  digit or ``=`` follows. Code spans (backticks) are left alone.
* C0 controls but ``\\t \\n \\f \\r`` (ftfy's list, with U+FEFF, U+206A-U+206F and
  U+FFF9-U+FFFC), U+200B and U+2060: removed. A C1 control (U+0080-U+009F) and
  U+200C-U+200F only in a line that holds CJK, with no neighbour that is neither ASCII
  nor CJK: next to Latin-1 a C1 control is mojibake that utf8_mojibake reads
  (``æ\\x96°`` is ``新``), next to an emoji or a Persian letter a joiner joins.
* NBSP: a run of two or more (not next to Latin-1), or a lone one on the same terms as a
  C1 control, becomes plain spaces (a page's ``&nbsp;&nbsp;`` indent, same width); one
  NBSP next to a Latin-1 character is mojibake of a UTF-8 byte 0xA0 (``ä½\\xa0`` is
  ``你``) or French typography and stays.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.entities import html5

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, Rule, param
from cleaner.stages.encoding.fold_punct import inside
from cleaner.stages.encoding.punct_classes import CP1252_HIGH

_NAMES = sorted((k[:-1] for k in html5 if k.endswith(";")), key=len, reverse=True)
# the spellings of an escaped ``&`` that a reference escaped again starts with
# (``&amp;quot;``, ``&#38;quot;``): a chain of them is one ``&``, however deep
AMPS = r"(?:amp;|AMP;|#0{0,6}38;|#[xX]0{0,5}26;)"
REFERENCE = (
    r"&"
    + AMPS
    + r"*(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|(?:"
    + "|".join(map(re.escape, _NAMES))
    + r");|nbsp(?![A-Za-z0-9=;]))"
)
CONTROLS = "\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc"
C1 = "\x80-\x9f"
ZERO_WIDTH = "\u200b\u2060"
ZERO_WIDTH_CJK = "\u200c-\u200f"
NBSP = "\u00a0"
# what makes a lone C1 control, bidi/joiner mark or NBSP Chinese text's leftover
# (Han, CJK marks, full-width forms: not · — … “ ”, which are Latin-1 or cp1252 too)
HAN_TEXT = r"\p{Han}\u3000-\u303f\uff01-\uff60\ufe30-\ufe4f"
CJK = regex.compile(f"[{HAN_TEXT}]")
# a neighbour that makes a C1 control or NBSP part of mojibake (Latin-1 or cp1252 shapes)
LATIN1 = regex.compile(f"[\u0080-\u00ff{CP1252_HIGH}]")
# a neighbour that keeps a C1 control, joiner or lone NBSP: neither ASCII nor CJK
FOREIGN = regex.compile(f"[^\x00-\x7f{HAN_TEXT}]")
# the single-byte run a C1 control stands in (ASCII, C1, Latin-1, cp1252's marks), up to
# RUN characters each way: GBK read as Latin-1 puts ASCII trail bytes after C1 lead
# bytes (``,,\x9aw\x99n±£`` holds two characters), so a C1 control whose run holds a
# printable Latin-1 character is mojibake, for the mojibake rules
RUN = 16
SINGLE_BYTE = f"[\x20-\x7e\u0080-\u00ff{CP1252_HIGH}]"
RUN_BEFORE = regex.compile(f"{SINGLE_BYTE}{{1,{RUN}}}$")
RUN_AFTER = regex.compile(f"{SINGLE_BYTE}{{1,{RUN}}}")
LATIN1_PRINTABLE = regex.compile(f"[\u00a0-\u00ff{CP1252_HIGH}]")
STRAY_C1 = regex.compile(f"[{C1}]+")
SCREEN = f"[&{CONTROLS}{C1}{ZERO_WIDTH}{ZERO_WIDTH_CJK}{NBSP}]"
CODE = regex.compile(r"(?s:```.*?```)|`[^`\n]+`")
AMP_CHAIN = re.compile("&" + AMPS + "+")


@cache
def compiled(pattern: str) -> regex.Pattern[str]:
    """``pattern`` compiled, once. The patterns with REFERENCE (every HTML5 name) take
    some 60 ms each to compile: they are compiled when a text first holds a candidate
    (``&``, a control), not at start-up."""
    return regex.compile(pattern)


def stray(text: str, a: int, b: int, cjk_lines: dict[int, bool] | None = None) -> bool:
    """Whether text[a:b] (C1 controls, joiners, an NBSP) stands in Chinese text: its line
    holds CJK and neither neighbour is a non-ASCII, non-CJK character (a Latin-1 byte of
    mojibake, an emoji or Persian letter that a joiner joins, French before an NBSP), nor
    does it stand in a run of single-byte characters that holds a printable Latin-1 one
    (legacy mojibake, whose ASCII trail bytes stand between a C1 lead byte and the rest).
    Line-wide, so that folding a neighbour (``,`` to ``，``) changes nothing.
    ``cjk_lines`` remembers, by line start, whether a line holds CJK (one scan a line:
    a long line of mojibake holds thousands of C1 controls)."""
    near = text[max(a - 1, 0) : a] + text[b : b + 1]
    if FOREIGN.search(near) or _in_latin1_run(text, a, b):
        return False
    start = text.rfind("\n", 0, a) + 1
    if cjk_lines is not None and start in cjk_lines:
        return cjk_lines[start]
    end = text.find("\n", b)
    found = bool(CJK.search(text, start, len(text) if end < 0 else end))
    if cjk_lines is not None:
        cjk_lines[start] = found
    return found


def _in_latin1_run(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] stands in a run of single-byte characters (RUN each way) that
    holds a printable Latin-1 or cp1252 character."""
    before = RUN_BEFORE.search(text, max(a - RUN, 0), a)
    after = RUN_AFTER.match(text, b)
    return any(m and LATIN1_PRINTABLE.search(m.group()) for m in (before, after))


def drop_stray_c1(text: str) -> str:
    """``text`` without the C1 controls that stand in Chinese text (what a repair of
    mojibake leaves of an undefined byte: ``Ïç\x81\x89\x81F`` -> ``Ï灉\x81F``).

    >>> drop_stray_c1("灉\x81F")
    '灉F'
    """
    lines: dict[int, bool] = {}
    return STRAY_C1.sub(lambda m: "" if stray(text, m.start(), m.end(), lines) else m.group(), text)


def unescape(ref: str) -> str:
    """Decode references and whatever references their decoding spells (``&amp;quot;``),
    in one step however often they were escaped: a chain of escaped ``&`` is one ``&``
    (decoding a level at a time left a deep chain half decoded, for the next clean).

    >>> unescape("&amp;ldquo;")
    '“'
    >>> unescape("&amp;amp;amp;amp;amp;amp;amp;#38;quot;")
    '"'
    """
    ref = AMP_CHAIN.sub("&", ref)
    return compiled(REFERENCE).sub(lambda m: html.unescape(m.group().rstrip(";") + ";"), ref)


class HtmlLeftovers(Rule):
    """HTML leftovers: character references decoded, controls, zero-width and BOMs removed."""

    id = "html_leftovers"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # decode character references (&ldquo; &#12290; &#x3002; &amp;quot;)
        references: bool = True
        # remove C0/C1 control characters (not tab, line breaks, form feed), BOMs,
        # zero-width characters
        controls: bool = True
        # NBSP runs (and NBSP next to CJK) become plain spaces
        nbsp: bool = True
        # fewest NBSPs in a run that become spaces whatever their neighbours
        nbsp_run: int = param(2, ge=1)

    params: Params

    def setup(self) -> None:
        p = self.params
        parts = []
        if p.references:
            parts.append(rf"(?P<ref>(?:{REFERENCE})+)")
        if p.controls:
            parts.append(rf"(?P<ctl>[{CONTROLS}{ZERO_WIDTH}]+)")
            parts.append(rf"(?P<c1>[{C1}{ZERO_WIDTH_CJK}]+)")
        if p.nbsp:
            parts.append(rf"(?P<nbsp>{NBSP}+)")
        self.screen = re.compile(SCREEN)
        self.source = "|".join(parts) or r"(?!)"

    @property
    def pattern(self) -> regex.Pattern[str]:
        return compiled(self.source)

    def warm_up(self) -> None:
        compiled(self.source)
        compiled(REFERENCE)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if not self.screen.search(text):
            return
        code = [m.span() for m in CODE.finditer(text)] if "`" in text else []
        lines: dict[int, bool] = {}
        for m in self.pattern.finditer(text):
            if inside(code, m.start()):
                continue
            after = self._replacement(text, m, lines)
            if after is not None and after != m.group():
                yield Edit(m.start(), m.end(), after, note={"kind": m.lastgroup})

    def _replacement(self, text: str, m: regex.Match[str], lines: dict[int, bool]) -> str | None:
        kind, found = m.lastgroup, m.group()
        if kind == "ref":
            out = unescape(found)
            if self.params.controls:
                out = regex.sub(f"[{CONTROLS}{ZERO_WIDTH}{C1}]", "", out)
            if self.params.nbsp and NBSP in out:
                out = out.replace(NBSP, " ") if self._nbsp_goes(text, m, out, lines) else out
            return out
        if kind == "ctl":
            return ""
        if kind == "c1":
            return "" if stray(text, m.start(), m.end(), lines) else None
        if kind == "nbsp":
            return " " * len(found) if self._nbsp_goes(text, m, found, lines) else None
        return None

    def _neighbours(self, text: str, m: regex.Match[str]) -> str:
        return text[max(m.start() - 1, 0) : m.start()] + text[m.end() : m.end() + 1]

    def _nbsp_goes(
        self, text: str, m: regex.Match[str], decoded: str, lines: dict[int, bool]
    ) -> bool:
        if m.lastgroup == "ref":
            return True  # written as &nbsp;: no mojibake byte
        if LATIN1.search(self._neighbours(text, m).replace(NBSP, "")):
            return False
        return len(decoded) >= self.params.nbsp_run or stray(text, m.start(), m.end(), lines)
