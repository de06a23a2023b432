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

from cleaner.stages.encoding.gbk_tables import CodecTable, codec_table, fold_width


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


def model_decode(data: bytes, table: CodecTable) -> str:
    """Decode as the damaging decoder did (see the module docstring)."""
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if b not in table.leads or i + 1 >= n:
            out.append("?")
            i += 1
            continue
        t = data[i + 1]
        if t in table.trails:
            ch = table.dec.get(b << 8 | t)
            if ch is not None:  # an unassigned pair vanishes
                out.append(ch)
            i += 2
            continue
        out.append("?")  # lead byte + a byte that is no trail: one "?" for both
        i += 2
    return fold_width("".join(out))


def damage(text: str, codec: str, sites: list[int] | None = None) -> str:
    """Insert a comma at each byte offset in ``sites`` and decode like the damaging
    decoder; with ``sites`` None, at every site where the mechanism can strike."""
    table = codec_table(codec)
    enc = char_starts(text, codec)
    if enc is None:
        raise ValueError(f"text is not encodable in {codec}")
    data, starts = enc
    if sites is None:
        sites = straddle_sites(data, starts, mark_patterns(table, "，、。；！？"))
    buf = bytearray()
    prev = 0
    for s in sorted(sites):
        buf += data[prev:s] + b","
        prev = s
    buf += data[prev:]
    return model_decode(bytes(buf), table)


def add_stray_commas(text: str, rng: random.Random, p: float, marks: str = "，、。；！？") -> str:
    """The same tool's ordinary work: an ASCII comma before some marks."""
    return "".join("," + ch if ch in marks and rng.random() < p else ch for ch in text)
