"""Byte tables of a two-byte Chinese codec (GBK, Big5) for the gbk_shift rule.

Built once per codec by decoding every lead/trail byte pair: which pairs are
characters, which are well-formed but unassigned (a decoder drops or replaces
them), and the reverse map from a character to the pairs that give it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

FULLWIDTH_OFFSET = 0xFEE0  # U+FF01..U+FF5E <-> ASCII 0x21..0x7E


def fold_width(text: str) -> str:
    """Full-width ASCII forms to ASCII, as the damaged pages show them.

    >>> fold_width("好！？")
    '好!?'
    """
    return text.translate(_FOLD)


_FOLD = {c: c - FULLWIDTH_OFFSET for c in range(0xFF01, 0xFF5F)}


@dataclass
class CodecTable:
    codec: str
    dec: dict[int, str] = field(default_factory=dict)  # (lead << 8 | trail) -> char
    # the lists below are tuples: the garbage collector stops looking into a tuple
    # of numbers and strings, never into a list (every full collection walked the
    # 22,000 lists of ``enc``)
    enc: dict[str, tuple[int, ...]] = field(default_factory=dict)  # char -> pairs
    leads: frozenset[int] = frozenset()
    trails: frozenset[int] = frozenset()
    by_lead: dict[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    by_trail: dict[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    # lead byte t -> lead bytes l such that (t, l) is well-formed but unassigned
    unassigned_after: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # the same, grouped: (trail bytes t, lead bytes l) blocks with every (t, l) unassigned
    gap_blocks: list[tuple[frozenset[int], tuple[int, ...]]] = field(default_factory=list)

    def encode_char(self, ch: str) -> bytes | None:
        """The two bytes of ``ch``, or None if it is not a two-byte character."""
        pairs = self.enc.get(ch)
        return bytes((pairs[0] >> 8, pairs[0] & 0xFF)) if pairs else None


@lru_cache(maxsize=8)
def codec_table(codec: str) -> CodecTable:
    """Decode every two-byte pair of ``codec`` (about 24,000, a few ms)."""
    dec: dict[int, str] = {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                ch = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                dec[lead << 8 | trail] = ch
    t = CodecTable(codec, dec)
    t.leads = frozenset(k >> 8 for k in dec)
    t.trails = frozenset(k & 0xFF for k in dec)
    enc: dict[str, list[int]] = defaultdict(list)
    by_lead: dict[int, list[tuple[int, str]]] = defaultdict(list)
    by_trail: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for k, ch in dec.items():
        enc[ch].append(k)
        by_lead[k >> 8].append((k & 0xFF, ch))
        by_trail[k & 0xFF].append((k >> 8, ch))
    # prefer the pair that the codec itself encodes the character to
    for ch, pairs in enc.items():
        try:
            own = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(own) == 2 and (own[0] << 8 | own[1]) in pairs:
            pairs.sort(key=lambda p: p != (own[0] << 8 | own[1]))
    t.enc = {ch: tuple(pairs) for ch, pairs in enc.items()}
    t.by_lead = {lead: tuple(chars) for lead, chars in by_lead.items()}
    t.by_trail = {trail: tuple(chars) for trail, chars in by_trail.items()}
    t.unassigned_after = {
        a: tuple(b for b in t.leads if b in t.trails and (a << 8 | b) not in dec) for a in t.leads
    }
    groups: dict[tuple[int, ...], set[int]] = defaultdict(set)
    for a, lds in t.unassigned_after.items():
        if lds:
            groups[tuple(sorted(lds))].add(a)
    t.gap_blocks = [(frozenset(ts), lds) for lds, ts in groups.items()]
    return t
