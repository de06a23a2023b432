"""UTF-8 bytes of Chinese text as single-byte code pages show them, and decoded back.

``数据`` in UTF-8 is ``E6 95 B0 E6 8D AE``: cp1252 shows ``æ•°æ®``, cp1251
``ж•°жЌ®``, koi8-r ``Ф∙╟Ф█╝``, MacRoman ``Êï∞ÊçÆ``. A run of characters that a code
page reads from bytes 0x80-0xFF goes back to its bytes and is decoded as UTF-8; it is
taken when it gives Chinese text; runs with a few ASCII spaces, digits or marks
between them are first decoded together (a heading ``第九条`` that lost two bytes is too
short to judge alone). Bytes a decoder could not read may be missing
(``errors="replace"`` wrote ``�``, ``errors="ignore"`` or a sanitiser dropped them:
cp1252's five undefined bytes, the soft hyphen 0xAD): the broken characters are put
back from the few values a lost byte can have, where the character model is sure
(utf8_as_gbk's ``fill``), else they stay ``�``. Used by utf8_mojibake to repair and
by legacy_mojibake to leave such runs alone.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from cleaner.stages.encoding.models.char_model import char_lm, left_context
from cleaner.stages.encoding.utf8_as_gbk import (
    ASCII,
    CJK,
    CJK_TEXT,
    LOST,
    chunks,
    fill,
    utf8_with_holes,
)

_LATIN1_C1 = {chr(b): b for b in range(0x80, 0xA0)}
MIN_CJK = 2  # characters a run must give (a lone one is too easily an accident)
SHORTEST = 3 * MIN_CJK - 2  # characters of a run that can give MIN_CJK (two bytes lost)
SURE_CJK = 4  # fewer must also read as Chinese (Ukrainian дії is E4 B3 BF: 䳿)
GAP = r"[\x20-\x3f]{1,4}"  # ASCII between the runs of one stretch (spaces, digits, marks)


def _bad_codecs(encoding: str) -> codecs.CodecInfo | None:
    """ftfy's codecs (sloppy-windows-125x: what browsers decode; utf-8-variants), found
    through ftfy's own search function. Importing ftfy takes some 50 ms: it is imported
    on the first look-up of a name the standard library lacks, not at start-up."""
    import ftfy.bad_codecs

    found: codecs.CodecInfo | None = ftfy.bad_codecs.search_function(encoding)
    return found


codecs.register(_bad_codecs)


@lru_cache(maxsize=16)
def byte_of(codec: str) -> dict[str, int]:
    """The byte behind each character ``codec`` reads from 0x80-0xFF (cp1252 pages
    also show bytes 0x80-0x9F as latin-1's C1 controls: ftfy's mixed case)."""
    out: dict[str, int] = {}
    for b in range(0x80, 0x100):
        try:
            ch = bytes((b,)).decode(codec)
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and ord(ch) >= 0x80:
            out.setdefault(ch, b)
    if "1252" in codec:
        for ch, b in _LATIN1_C1.items():
            out.setdefault(ch, b)
    return out


@lru_cache(maxsize=16)
def run_pattern(codec: str) -> re.Pattern[str]:
    """Runs of characters ``codec`` reads from high bytes, with ``�`` (lost bytes)."""
    chars = "".join(sorted(byte_of(codec))) + LOST
    return re.compile(f"[{re.escape(chars)}]{{2,}}")


@lru_cache(maxsize=16)
def joined_pattern(codec: str) -> re.Pattern[str]:
    """Runs of ``codec``'s characters with short stretches of ASCII digits, spaces and
    marks between them (``ç¬¬ä¹æ¡ åŒºå—``: ``第九条 区块``): a run too short or too
    lossy to be judged alone is judged with its neighbours."""
    chars = "[" + re.escape("".join(sorted(byte_of(codec))) + LOST) + "]+"
    return re.compile(f"{chars}(?:{GAP}{chars})*")


@lru_cache(maxsize=16)
def sequence_pattern(codec: str) -> re.Pattern[str]:
    """Whole UTF-8 sequences of two to four bytes as ``codec`` shows them."""

    def cls(lo: int, hi: int) -> str:
        return "[" + re.escape("".join(c for c, b in byte_of(codec).items() if lo <= b <= hi)) + "]"

    lead2, lead3, lead4, cont = cls(0xC2, 0xDF), cls(0xE0, 0xEF), cls(0xF0, 0xF4), cls(0x80, 0xBF)
    return re.compile(f"(?:{lead2}{cont}|{lead3}{cont}{{2}}|{lead4}{cont}{{3}})+")


@dataclass(frozen=True)
class Decoded:
    start: int
    end: int
    text: str
    codec: str
    lost: int  # characters left as U+FFFD


def decode_runs(
    line: str,
    codecs: list[str],
    lost_values: frozenset[int],
    min_logp: float,
    fill_margin: float,
) -> list[Decoded]:
    """The runs of ``line`` that are UTF-8 Chinese text shown through one of ``codecs``,
    decoded; sorted, not overlapping."""
    found = [
        got
        for codec in codecs
        for got in _decode_codec(line, codec, lost_values, min_logp, fill_margin)
    ]
    found.sort(key=lambda d: (d.start, -(d.end - d.start), d.lost))
    out: list[Decoded] = []
    for d in found:  # the longest where several code pages fit
        if not out or d.start >= out[-1].end:
            out.append(d)
    return out


def _decode_codec(
    line: str, codec: str, lost_values: frozenset[int], min_logp: float, margin: float
) -> Iterator[Decoded]:
    """Each run of ``codec``'s characters decoded whole (lost bytes and all), else the
    whole UTF-8 sequences inside it: linear in the line. Runs with ASCII between them
    are first decoded together (``第九条 区块链``: a heading too lossy alone)."""
    lost = _Lost(line, codec, lost_values)
    for joined in joined_pattern(codec).finditer(line):
        runs = list(run_pattern(codec).finditer(line, joined.start(), joined.end()))
        if len(runs) > 1:
            a, b = runs[0].start(), runs[-1].end()
            got = _whole(line, a, b, codec, lost, min_logp, margin)
            if got is not None:
                yield got
                continue
        yield from _each_run(line, runs, codec, lost, min_logp, margin)


class _Lost:
    """The byte values a decoder loses that ``line`` does not show (a byte value the
    line still shows was not lost: a decoder loses every one). Worked out once a line
    and codec, when a run first needs it: per run it read the whole line again, which
    made a long line of many runs quadratic (64K characters of mixed mojibake: 13 s)."""

    def __init__(self, line: str, codec: str, values: frozenset[int]) -> None:
        self.line, self.codec, self.values = line, codec, values

    @cached_property
    def here(self) -> frozenset[int]:
        shown = byte_of(self.codec)
        return self.values - {shown[c] for c in set(self.line) if c in shown}


def _each_run(
    line: str,
    runs: list[re.Match[str]],
    codec: str,
    lost: _Lost,
    min_logp: float,
    margin: float,
) -> Iterator[Decoded]:
    for run in runs:
        if run.end() - run.start() < SHORTEST:
            continue
        got = _whole(line, run.start(), run.end(), codec, lost, min_logp, margin)
        if got is not None:
            yield got
            continue
        for seq in sequence_pattern(codec).finditer(line, run.start(), run.end()):
            if seq.end() - seq.start() < 3 * MIN_CJK:
                continue
            got = _whole(line, seq.start(), seq.end(), codec, lost, min_logp, margin)
            if got is not None:
                yield got


def _whole(
    line: str,
    a: int,
    b: int,
    codec: str,
    lost: _Lost,
    min_logp: float,
    margin: float,
) -> Decoded | None:
    shown = byte_of(codec)
    run = line[a:b]
    parts = [bytes(shown.get(c, ord(c)) for c in piece) for piece in run.split(LOST)]
    pieces = utf8_with_holes(parts)
    # one U+FFFD per broken character (a lead byte starts each)
    text = "".join(x if isinstance(x, str) else LOST * len(chunks(x)) for x in pieces)
    cjk = len(CJK.findall(text))
    if cjk < MIN_CJK or text.count(LOST) > cjk or not CJK_TEXT.fullmatch(text):
        return None
    if ASCII.findall(text) != ASCII.findall(run):
        return None  # an ASCII character from high bytes is a misreading
    lm = char_lm()
    if (text.count(LOST) or cjk < SURE_CJK) and lm.per_char(text.replace(LOST, "")) < min_logp:
        return None  # lost bytes, or too short to be sure: it must read as Chinese
    if len(pieces) > 1:
        right = line[b : b + 2]
        text = fill(lm, pieces, left_context(line, a), right, margin, lost.here or None)
    return Decoded(a, b, text, codec, text.count(LOST))
