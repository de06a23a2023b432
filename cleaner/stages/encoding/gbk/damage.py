"""The GBK one-byte-shift damage, simulated (ARTIFACTS.md, "GBK read one byte out of step").

A tool added commas before punctuation by matching its byte patterns anywhere in
the GBK bytes, so some commas landed *inside* a character: between its lead byte
and a trail byte that, with the next character's lead byte, looks like a mark
(``住；`` = D7 A1|A3 BB, and A1 A3 is ``。``). The decoder then turned "lead byte +
``,``" into one ``?`` and read every later pair one byte out of step; where a
shifted lead byte met an ASCII byte it wrote one ``?`` for both (the seeds'
``渌?zhèn)`` lost the ``(``), and a trail byte in the ASCII range came out as
itself (``W``, ``]``, ``}``): either way the decoder was back in step.
Unassigned pairs vanished; full-width ASCII forms came out as ASCII. The
gbk_shift rule undoes this; the test suite's generator uses this module to damage
clean text the same way.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

from cleaner.stages.encoding.gbk.tables import CodecTable, codec_table, fold_width


def mark_patterns(table: CodecTable, marks: str) -> set[bytes]:
    return {b for m in marks if (b := table.encode_char(m)) is not None}


def char_starts(text: str, codec: str) -> tuple[bytes, list[int]] | None:
    """Encode ``text``; also return the byte offset of each character."""
    starts, parts, pos = [], [], 0
    for ch in text:
        try:
            b = ch.encode(codec)
        except UnicodeEncodeError:
            return None
        starts.append(pos)
        parts.append(b)
        pos += len(b)
    return b"".join(parts), starts


def straddle_sites(data: bytes, starts: list[int], patterns: set[bytes]) -> list[int]:
    """Byte offsets of trail bytes that, with the next byte, form a mark pattern:
    where the comma tool can strike inside a character."""
    sites = []
    for s, nxt in zip(starts, [*starts[1:], len(data)], strict=True):
        if nxt - s == 2 and data[s + 1 : s + 3] in patterns:
            sites.append(s + 1)
    return sites


def _pairs(data: bytes, table: CodecTable) -> Iterator[tuple[int, int, str | None]]:
    """What the damaging decoder did, step by step: (offset, bytes read, what it
    wrote: a character, ``?``, or None for a pair that vanished)."""
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            yield i, 1, chr(b)
            i += 1
        elif b not in table.leads or i + 1 >= n:
            yield i, 1, "?"
            i += 1
        elif data[i + 1] in table.trails:  # an unassigned pair vanishes
            yield i, 2, table.dec.get(b << 8 | data[i + 1])
            i += 2
        else:  # lead byte + a byte that is no trail: one "?" for both
            yield i, 2, "?"
            i += 2


def model_decode(data: bytes, table: CodecTable) -> str:
    """Decode as the damaging decoder did (see the module docstring)."""
    return fold_width("".join(ch for _, _, ch in _pairs(data, table) if ch))


def _with_commas(text: str, codec: str, sites: list[int] | None) -> tuple[bytes, list[int]]:
    """The bytes of ``text`` with the tool's comma inserted at each site (None: at
    every site where it can strike), and the index of the character each byte is
    part of (-1 for an inserted comma)."""
    table = codec_table(codec)
    enc = char_starts(text, codec)
    if enc is None:
        raise ValueError(f"text is not encodable in {codec}")
    data, starts = enc
    if sites is None:
        sites = straddle_sites(data, starts, mark_patterns(table, "，、。；！？"))
    ends = [*starts[1:], len(data)]
    owner = [ci for ci, (s, e) in enumerate(zip(starts, ends, strict=True)) for _ in range(s, e)]
    buf, owners, prev = bytearray(), [], 0
    for s in sorted(sites):
        buf += data[prev:s] + b","
        owners += [*owner[prev:s], -1]
        prev = s
    buf += data[prev:]
    owners += owner[prev:]
    return bytes(buf), owners


def lost_bytes(text: str, codec: str, sites: list[int] | None = None) -> Counter[int]:
    """How many of each character's bytes the damage destroys (character index ->
    1 or 2): bytes in a pair that vanished or came out as ``?``. A character with
    both lost is hidden whole; an ASCII character lost is a byte the closing ``?``
    ate, which no decoder can restore unless its context tells (a stray comma)."""
    buf, owners = _with_commas(text, codec, sites)
    lost: Counter[int] = Counter()
    for i, n, ch in _pairs(buf, codec_table(codec)):
        if ch is None or ch == "?" and buf[i] != ord("?"):
            lost.update(o for o in owners[i : i + n] if o >= 0)
    return lost


def damage(text: str, codec: str, sites: list[int] | None = None) -> str:
    """Insert a comma at each byte offset in ``sites`` and decode like the damaging
    decoder; with ``sites`` None, at every site where the mechanism can strike."""
    buf, _owners = _with_commas(text, codec, sites)
    return model_decode(buf, codec_table(codec))


def add_stray_commas(text: str, rng: random.Random, p: float, marks: str = "，、。；！？") -> str:
    """The same tool's ordinary work: an ASCII comma before some marks."""
    return "".join("," + ch if ch in marks and rng.random() < p else ch for ch in text)
