"""utf8_mojibake: UTF-8 text that was decoded as cp1252 or latin-1 (``ç§‘å­¦`` -> ``科学``).

The repair is ftfy's, run with a CJK-safe configuration (only its encoding
fixes: never uncurl quotes, never fold full-width characters, no Unicode
normalisation). ftfy is slow and its badness heuristic does not flag the
three-byte sequences that Chinese turns into, so:

* a compiled regex screen looks for a UTF-8 lead byte followed by a continuation
  byte as cp1252/latin-1 show them (or a C1 control); clean Chinese text has none
  and pays one regex scan;
* each line with a hit goes through ``ftfy.fix_text``, with the CJK rule before and
  after it: a run of characters that one of ``cjk_codecs`` (cp1252, cp1251, ptcp154,
  koi8-r, MacRoman) reads from UTF-8 bytes, and that decodes to Chinese text, is
  replaced by it (utf8_shapes.py); bytes a decoder lost (``�``, or dropped: cp1252's
  undefined bytes, soft hyphens) are put back where the character model is sure;
* a tone letter outside Latin-1 inside an annotation (``（kÄ›）`` -> ``（kě）``), which
  ftfy leaves, is decoded when its two characters are the UTF-8 of one;
* a change without Han inside a run of GBK or Big5 byte pairs that is not UTF-8
  (legacy_mojibake's shape) is not made: ftfy reads stray pairs of such runs as
  two-byte UTF-8 (``ÎÎ»`` -> ``Îλ``, where ``ÎÎ»`` is the GBK of ``單位``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.opcodes import opcodes
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param
from cleaner.stages.encoding.html_leftovers import drop_stray_c1
from cleaner.stages.encoding.legacy_runs import decode_run, run_bytes, run_pattern
from cleaner.stages.encoding.models.char_model import char_lm
from cleaner.stages.encoding.punct_classes import CP1252_HIGH, TONE_LETTERS
from cleaner.stages.encoding.utf8_as_gbk import LOST
from cleaner.stages.encoding.utf8_shapes import byte_of, decode_runs


@lru_cache(maxsize=1)
def cjk_safe() -> Any:
    """The only ftfy steps that run: mojibake detection and its subordinate byte fixes
    (``CJK_SAFE``). ftfy (some 50 ms to import) is imported on the first line that
    passes the screen, not at start-up."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


def __getattr__(name: str) -> Any:
    if name == "CJK_SAFE":  # ftfy's configuration, built on first use
        return cjk_safe()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# A UTF-8 continuation byte (0x80-0xBF) as cp1252 or latin-1 shows it.
_CONT = f"\u0080-\u00bf{CP1252_HIGH}"
# Characters that mojibake of other single-byte code pages is made of (Latin, Greek,
# Cyrillic, Hebrew, Arabic letters, box drawing and math of cp437/MacRoman); two in a
# row send the line to ftfy. CJK texts' own quotes, dashes and ellipses are not here.
_ALPHA = (
    "\u00a0-\u06ff\u0192\u02c6\u02dc\u2020-\u2022\u2030\u2039\u203a\u20ac\u2116"
    "\u2122\u2190-\u22ff\u2310\u2500-\u25ff\ufb01\ufb02\ufffd"
)
# Every screen hit starts with one of these: a plain class search finds them fast.
FIRST = "\u0080-\u06ff" + _ALPHA.replace("\u00a0-\u06ff", "")
SCREEN = (
    rf"[\u00c2-\u00f4][{_CONT}]|[{_ALPHA}][{_ALPHA}]|[\u00c2\u00c3\u00c5\u00ce\u00d0\u00d9] "
    r"|[\u0080-\u009f]"
)
# GBK or Big5 shown as latin-1/cp1252 (legacy_mojibake's): ftfy reads a few of its
# pairs as two-byte UTF-8 (``ÎÎ»`` -> ``Îλ``), which is no repair
LEGACY_RUN = LazyPattern(run_pattern(2))
_HAN = LazyPattern(r"\p{Han}")
# a tone letter outside Latin-1 (ě ǔ ī: two UTF-8 bytes from C4-C7) as cp1252 shows it,
# inside an annotation's parentheses (``（kÄ›）`` -> ``（kě）``); ftfy leaves these
PINYIN_MOJIBAKE = LazyPattern(
    rf"(?<=[(（][a-z]{{0,5}})[\u00c4-\u00c7][{_CONT}](?=[a-z{TONE_LETTERS}]{{0,5}}[)）])"
)


def changed_spans(a: str, b: str, join: int = 2) -> Iterator[tuple[int, int, int, int]]:
    """Spans (a_start, a_end, b_start, b_end) where ``a`` and ``b`` differ; spans
    separated by fewer than ``join`` equal characters are merged."""
    spans: list[list[int]] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        if spans and i1 - spans[-1][1] < join:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    for s in spans:
        yield s[0], s[1], s[2], s[3]


def _tone_letter(m: Any) -> str:
    """The tone letter whose UTF-8 bytes cp1252 shows as ``m``, or ``m`` as it is."""
    pair = m.group()
    try:
        letter = run_bytes(pair).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return str(pair)
    return letter if letter in TONE_LETTERS else str(pair)


class Utf8Mojibake(Rule):
    """UTF-8 read as cp1252/latin-1 (ç§‘å­¦ -> 科学) or another code page, ftfy and CJK runs."""

    id = "utf8_mojibake"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # also decode UTF-8 runs shown through these code pages when they give CJK text
        # (ftfy leaves these alone or reads them piecemeal)
        cjk_runs: bool = True
        cjk_codecs: list[str] = param(
            ["sloppy-windows-1252", "sloppy-windows-1251", "ptcp154", "koi8_r", "mac_roman"]
        )
        # the values a lost byte can have (written U+FFFD or dropped): cp1252's undefined
        # bytes and the soft hyphen
        lost_bytes: list[int] = param([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD])
        # a run with lost bytes must score at least this many nats per character
        min_logp: float = param(-10.0, le=0)
        # a lost character is put back when every reading without it is this far behind
        fill_margin: float = param(2.0, ge=0)

    params: Params

    def setup(self) -> None:
        self.first = re.compile(f"[{FIRST}]")
        self.screen = LazyPattern(SCREEN)
        shipped = self.Params._default("cjk_codecs")
        for codec in self.params.cjk_codecs:
            if codec in shipped:
                continue  # known good (tested); ftfy's codecs load on the first candidate
            try:
                byte_of(codec)
            except LookupError as e:
                raise ParamError(
                    "cjk_codecs",
                    f"unknown codec {codec!r}",
                    'use Python codec names: "sloppy-windows-1252", "koi8_r", "mac_roman"',
                ) from e
        if any(not 0x80 <= b <= 0xBF for b in self.params.lost_bytes):
            raise ParamError(
                "lost_bytes",
                "a lost byte is a UTF-8 continuation byte",
                "give byte values from 0x80 to 0xBF",
            )
        self.lost_values = frozenset(self.params.lost_bytes)

    def warm_up(self) -> None:
        char_lm()
        cjk_safe()
        for codec in self.params.cjk_codecs:
            byte_of(codec)

    def cjk_spans(self, line: str) -> list[tuple[int, int]]:
        """Where ``line`` holds UTF-8 Chinese shown through ``cjk_codecs``."""
        p = self.params
        runs = decode_runs(line, p.cjk_codecs, self.lost_values, p.min_logp, p.fill_margin)
        return [(r.start, r.end) for r in runs]

    def cjk_decode(self, line: str) -> str:
        """``line`` with its UTF-8 runs shown through ``cjk_codecs`` decoded."""
        p = self.params
        runs = decode_runs(line, p.cjk_codecs, self.lost_values, p.min_logp, p.fill_margin)
        for r in reversed(runs):
            line = line[: r.start] + r.text + line[r.end :]
        return line

    legacy: Any = None  # legacy_mojibake (enabled or not): its params say what reads as GBK

    def link(self, siblings: list[Rule]) -> None:
        found = [r for r in siblings if r.id == "legacy_mojibake"]
        self.legacy = found[0] if found else None

    def _legacy_runs(self, line: str) -> list[tuple[int, int]]:
        """Where ``line`` holds GBK or Big5 shown as latin-1 that legacy_mojibake reads
        as Chinese (left by it when a longer run around them did not decode)."""
        if self.legacy is None:
            return []
        p = self.legacy.params
        return [
            (m.start(), m.end())
            for m in LEGACY_RUN.finditer(line)
            if decode_run(m.group(), p.codecs, p.min_logp, p.letters_min_logp)
        ]

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        pos = 0
        for m in self.first.finditer(text):
            if m.start() < pos or not self.screen.match(text, m.start()):
                continue
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
            pos = end
            yield from self._fix_line(text[start:end], start)

    def _fix_line(self, line: str, base: int) -> Iterator[Edit]:
        first = PINYIN_MOJIBAKE.sub(_tone_letter, line)
        first = self.cjk_decode(first) if self.params.cjk_runs else first
        import ftfy

        fixed, plan = ftfy.fix_and_explain(first, cjk_safe())
        note: dict[str, Any] = {"ftfy": [list(step) for step in plan or []]}
        if self.params.cjk_runs:
            again = self.cjk_decode(fixed) if fixed != first else fixed  # what ftfy uncovered
            if first != line or again != fixed:
                note["cjk_runs"] = True
                fixed = again
        if fixed != line:
            fixed = drop_stray_c1(fixed)  # an undefined byte left between decoded characters
        if fixed == line:
            return
        legacy: list[tuple[int, int]] | None = None  # found on the first change without Han
        for a1, a2, b1, b2 in changed_spans(line, fixed):
            if not _HAN.search(fixed, b1, b2):
                if legacy is None:
                    legacy = self._legacy_runs(line)
                if any(x < a2 and a1 < y for x, y in legacy):
                    continue  # inside a GBK or Big5 run: legacy_mojibake's to read, not ftfy's
            lost = fixed.count(LOST, b1, b2)  # characters the model could not put back
            yield Edit(
                base + a1, base + a2, fixed[b1:b2], note={**note, "lost": lost} if lost else note
            )
