"""Candidate characters for the bytes a GBK/Big5 shift hid, per codec (gbk_shift).

Which characters fit a position follows from the byte constraints alone: the first
character of a stretch keeps only its trail byte, a vanished (unassigned) pair leaves
one byte of each character around it, a character between two vanished pairs keeps
none, and a closing ``?`` hides a trail byte. These lists are cached per codec table.
"""

from __future__ import annotations

from cleaner.stages.encoding.gbk.tables import CodecTable
from cleaner.stages.encoding.models.char_model import Pool, char_lm
from cleaner.stages.encoding.models.pinyin_readings import TONE, spelled

# two vanished pairs in a row are only looked for in the wide blocks (GBK's user-defined
# rows, six trail bytes or more): elsewhere they are too rare to pay for
WIDE_BLOCK = 6
CACHE_SIZE = 16_384
LASTS_CACHE = 4_096  # pools of last characters kept (about 2.4 KB each)


class Candidates:
    def __init__(self, table: CodecTable) -> None:
        self.table = table
        self.double_blocks = [
            i for i, (trails, _) in enumerate(table.gap_blocks) if len(trails) >= WIDE_BLOCK
        ]
        # the lists are kept as tuples: the garbage collector stops looking into a
        # tuple of strings, never into a list
        self._second_cache: dict[tuple[int, int, str | None], tuple[str, ...]] = {}
        # by (gap block, trail byte): at most 11 x 256 of them
        self._second_pools: dict[tuple[int, int], tuple[tuple[str, float], ...]] = {}
        self._first_cache: dict[tuple[int, int], tuple[str, ...]] = {}
        self._trail_cache: dict[int, tuple[str, ...]] = {}
        self._middle_cache: dict[tuple[int, int], Pool] = {}
        self._lasts_cache: dict[tuple[int, int | None, str | None], Pool] = {}
        self._lost_cache: dict[tuple[int, str | None], tuple[str, ...]] = {}

    def readings(self, v: str) -> tuple[int, ...]:
        """Byte pairs that a visible character of the shifted run can stand for."""
        if " " < v < "\x7f":
            v = chr(ord(v) + 0xFEE0)
        return self.table.enc.get(v, ())

    def next_char(self, y: int, vis: str, j: int) -> str | None:
        """The character the run reads next if no pair vanishes there."""
        if j >= len(vis):
            return None
        for pair in self.readings(vis[j]):
            c = self.table.dec.get(y << 8 | pair >> 8)
            if c is not None:
                return c
        return None

    def by_trail(self, x: int) -> tuple[str, ...]:
        """Characters with trail byte ``x`` (the first of a stretch: its lead is lost)."""
        hit = self._trail_cache.get(x)
        if hit is None:
            hit = self._trail_cache[x] = tuple(c for _lead, c in self.table.by_trail.get(x, ()))
        return hit

    def firsts(self, y: int, bi: int) -> tuple[str, ...]:
        """Characters with lead byte ``y`` and a trail byte of gap block ``bi``."""
        key = (y, bi)
        hit = self._first_cache.get(key)
        if hit is None:
            trails = self.table.gap_blocks[bi][0]
            hit = tuple(c for tr, c in self.table.by_lead.get(y, ()) if tr in trails)
            self._first_cache[key] = hit
        return hit

    def middles(self, bi: int, bj: int) -> Pool:
        """Characters wholly hidden between two vanished pairs: lead byte from block
        ``bi``'s leads, trail byte from block ``bj``'s trails."""
        key = (bi, bj)
        hit = self._middle_cache.get(key)
        if hit is None:
            t = self.table
            trails = t.gap_blocks[bj][0]
            cands = [
                c for ld in t.gap_blocks[bi][1] for tr, c in t.by_lead.get(ld, ()) if tr in trails
            ]
            hit = self._middle_cache[key] = Pool(char_lm(), cands)
        return hit

    def seconds(self, bi: int, x: int, nextc: str | None) -> tuple[str, ...]:
        """Characters with trail byte ``x`` and a lead byte of gap block ``bi``, best
        first by how well they lead into ``nextc``."""
        key = (bi, x, nextc)
        hit = self._second_cache.get(key)
        if hit is None:
            lm = char_lm()
            pool = self._second_pool(bi, x)  # in lead byte order, as ties stay
            if nextc:
                lp = lm.lp
                ranked = sorted(pool, key=lambda cu: -(cu[1] + lp(cu[0], nextc)))
            else:
                ranked = sorted(pool, key=lambda cu: -cu[1])
            hit = tuple(c for c, _ in ranked)
            if len(self._second_cache) >= CACHE_SIZE:  # keyed by any next character
                self._second_cache.clear()
            self._second_cache[key] = hit
        return hit

    def has_seconds(self, bi: int, x: int) -> bool:
        """``seconds(bi, x, ...)`` is not empty (whatever the next character)."""
        return bool(self._second_pool(bi, x))

    def _second_pool(self, bi: int, x: int) -> tuple[tuple[str, float], ...]:
        """Characters with trail byte ``x`` and a lead byte of gap block ``bi``, in the
        order of the block's lead bytes, each with its unigram log-probability
        (``seconds`` sorts them, per next character)."""
        key = (bi, x)
        hit = self._second_pools.get(key)
        if hit is None:
            lm = char_lm()
            found = [self.table.dec.get(ld << 8 | x) for ld in self.table.gap_blocks[bi][1]]
            hit = tuple((c, lm.unigram(c)) for c in found if c is not None)
            self._second_pools[key] = hit
        return hit

    def lost_trail(self, lead: int, reading: str | None) -> tuple[str, ...]:
        """Characters with this lead byte and a trail byte >= 0x80 (lost before ASCII)."""
        key = (lead, reading)
        hit = self._lost_cache.get(key)
        if hit is None:
            every = tuple(c for tr, c in self.table.by_lead.get(lead, ()) if tr >= 0x80)
            if len(self._lost_cache) >= CACHE_SIZE:  # keyed by any reading
                self._lost_cache.clear()
            hit = self._lost_cache[key] = self.by_reading(every, reading)
        return hit

    def by_reading(self, cands: tuple[str, ...], reading: str | None) -> tuple[str, ...]:
        if reading is None:
            return cands
        return tuple(c for c in cands if reading in _readings_of(c))

    def lasts_after_gap(self, block: int, trail: int | None, reading: str | None) -> Pool:
        """Last characters after a vanished pair: lead among gap block ``block``'s
        leads, trail known or lost."""
        key = (block, trail, reading)
        hit = self._lasts_cache.get(key)
        if hit is None:
            lds = self.table.gap_blocks[block][1]
            if trail is None:
                cands = [c for ld in lds for c in self.lost_trail(ld, reading)]
            else:
                found = [self.table.dec.get(ld << 8 | trail) for ld in lds]
                cands = list(self.by_reading(tuple(c for c in found if c is not None), reading))
            if len(self._lasts_cache) >= LASTS_CACHE:  # keyed by any reading
                self._lasts_cache.clear()
            hit = self._lasts_cache[key] = Pool(char_lm(), cands)
        return hit


def _readings_of(ch: str) -> tuple[str, ...]:
    """The toned readings of ``ch`` (kept in a dict of tuples of strings, which the
    garbage collector leaves alone: an lru_cache keeps a list per entry)."""
    hit = _READINGS.get(ch)
    if hit is None:
        if len(_READINGS) >= CACHE_SIZE:
            _READINGS.clear()
        hit = _READINGS[ch] = tuple(dict.fromkeys(spelled(ch, TONE) or [""]))
    return hit


_READINGS: dict[str, tuple[str, ...]] = {}
