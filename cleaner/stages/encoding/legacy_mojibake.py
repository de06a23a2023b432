"""legacy_mojibake: GBK or Big5 text that was decoded as latin-1/cp1252 (``ÖÐ¹ú`` -> ``中国``).

Every Chinese character of a two-byte codec shows up as two Latin-1 characters: a
lead byte (0x81-0xFE) and a trail byte (0x80-0xFE, or an ASCII letter or symbol
0x40-0x7E for many Traditional characters, ``學`` = ``\\x8cW``). A compiled regex
finds runs of at least ``min_pairs`` such pairs (digits, spaces and ASCII marks may
stand between them: ``2022Äê7ÔÂ``); each run is turned back into bytes
and decoded strictly with each codec in turn. A decoding is taken when it is Chinese
text that reads like Chinese: the character model (char_model.py, gbk_shift's) must
give it at least ``min_logp`` nats per character (held-out news: 99% of stretches
score above -9.3; GBK decodings of UTF-8 or Big5 bytes score below -11); a run of
fewer than four pairs must not touch a Latin letter (``Delfín``). Runs whose
bytes are valid UTF-8 are left to utf8_mojibake, which runs after this rule: ftfy
would otherwise read pairs of these runs as UTF-8 (``Ð»`` -> ``л``); so are runs inside
a stretch that utf8_mojibake decodes as UTF-8 Chinese through another code page
(MacRoman's ``ÈÖç`` is part of ``ÈÖçÂ§á``, ``配备``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param
from cleaner.stages.encoding.char_model import char_lm
from cleaner.stages.encoding.punct_classes import CJK_DECODED, CP1252_HIGH
from cleaner.stages.encoding.utf8_mojibake import Utf8Mojibake

LEAD = f"\u0081-\u00fe{CP1252_HIGH}"
TRAIL = f"\u0040-\u007e\u0080-\u00fe{CP1252_HIGH}"
PAIR = f"[{LEAD}][{TRAIL}]"
# the byte behind each character: latin-1, or cp1252 for 0x80-0x9F
_BYTE = {chr(b): b for b in range(256)}
_BYTE.update({bytes([b]).decode("cp1252", "ignore"): b for b in range(0x80, 0xA0)})
_BYTE.pop("", None)
# pairs with digits, spaces and ASCII punctuation between them (2022Äê7ÔÂ: 2022年7月)
MORE = f"(?:[\u0020-\u003f]*{PAIR})"
# what the decoding must be: some Han, CJK punctuation or full-width forms, with
# symbols and what was ASCII between the pairs
CJK_TEXT = LazyPattern(rf"(?=.*[\p{{Han}}\u3000-\u303f\uff00-\uffef])[{CJK_DECODED}\x20-\x3f]+")


SHORT = 4  # pairs: a shorter run may not touch a Latin letter
_LATIN = LazyPattern(r"[A-Za-z\u00c0-\u00ff]")


def _in_a_word(text: str, start: int, end: int) -> bool:
    return bool(
        (start and _LATIN.match(text, start - 1)) or (end < len(text) and _LATIN.match(text, end))
    )


class LegacyMojibake(Rule):
    """GBK or Big5 read as latin-1/cp1252 (ÖÐ¹ú -> 中国), decoded back when it reads as Chinese."""

    id = "legacy_mojibake"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # the codecs tried, in order; the decoding the character model likes best wins
        codecs: list[str] = param(["gbk", "big5"], nonempty=True)
        # the fewest characters (byte pairs) in a run
        min_pairs: int = param(2, ge=1)
        # the decoding must score at least this many nats per character
        min_logp: float = param(-10.0, le=0)

    params: Params

    def setup(self) -> None:
        p = self.params
        for codec in p.codecs:
            try:
                "".encode(codec)
            except LookupError as e:
                raise ParamError("codecs", f"unknown codec {codec!r}", 'use "gbk", "big5"') from e
        self.first = re.compile(f"[{LEAD}]")
        self.run = LazyPattern(f"{PAIR}{MORE}{{{p.min_pairs - 1},}}", engine=re)

    utf8: Utf8Mojibake | None = None

    def link(self, siblings: list[Rule]) -> None:
        found = [r for r in siblings if isinstance(r, Utf8Mojibake)]
        if found and found[0].params.enabled and found[0].params.cjk_runs:
            self.utf8 = found[0]

    def warm_up(self) -> None:
        char_lm()

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if not self.first.search(text):
            return
        utf8_spans: dict[int, list[tuple[int, int]]] = {}  # per line start
        for m in self.run.finditer(text):
            if m.end() - m.start() < 2 * SHORT and _in_a_word(text, m.start(), m.end()):
                continue  # ífín in Delfín, égée in Égée
            if self._in_utf8(text, m.start(), m.end(), utf8_spans):
                continue
            fixed = self._decode(m.group())
            if fixed is not None:
                yield Edit(m.start(), m.end(), fixed[0], note={"codec": fixed[1]})

    def _in_utf8(self, text: str, a: int, b: int, cache: dict[int, list[tuple[int, int]]]) -> bool:
        """Whether text[a:b] overlaps a run utf8_mojibake decodes as UTF-8 Chinese."""
        if self.utf8 is None:
            return False
        start = text.rfind("\n", 0, a) + 1
        if start not in cache:
            end = text.find("\n", b)
            line = text[start : len(text) if end < 0 else end]
            cache[start] = [(start + x, start + y) for x, y in self.utf8.cjk_spans(line)]
        return any(x < b and a < y for x, y in cache[start])

    def _decode(self, run: str) -> tuple[str, str] | None:
        data = bytes(_BYTE[c] for c in run)
        try:
            data.decode("utf-8")
            return None  # UTF-8 mojibake: utf8_mojibake's
        except UnicodeDecodeError:
            pass
        best: tuple[float, str, str] | None = None
        lm = char_lm()
        for codec in self.params.codecs:
            try:
                out = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if not CJK_TEXT.fullmatch(out):
                continue
            score = lm.per_char(out)
            if score >= self.params.min_logp and (best is None or score > best[0]):
                best = (score, out, codec)
        return None if best is None else (best[1], best[2])
