"""gbk_shift: repair GBK (or Big5) text that a decoder read one byte out of step.

The mechanism is in gbk_damage.py. A stretch starts at an anchor: a ``?`` (the
lost lead byte and the tool's comma) followed by the shifted pair that the tool
took for a mark (``。、,;!?``). From there every visible character is a byte pair
(trail of one original character, lead of the next), and the stretch ends at a
lone ASCII trail byte (``W``, ``]``, ``}``), at a ``?`` (a trail byte before ASCII),
or where a pair's second byte is ASCII. Re-encoding the visible characters and
re-reading them one byte earlier gives the original characters except:

* the first one, whose lead byte is lost: every character with the known trail
  byte is a candidate (after a stray comma the tool only ever put one before a
  mark, so marks get a bonus);
* pairs that vanished because they were unassigned: two characters with one
  byte each lost, limited to pairs that really are unassigned;
* the last one when it ends at ``?``: its trail byte is lost.

A character bigram model (gbk_lm.py) ranks the paths through these candidates
against the text as it stands; a repair is made only when the best path beats
the text as it is by ``min_gain`` and the runner-up by ``margin``. A stretch
that looks damaged but is not repaired confidently stays as it is and is listed
in ``self.unrepaired`` (per document) instead of producing a record.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, ParamError, Params, Rule
from cleaner.stages.encoding.gbk_lm import CharLM, char_lm
from cleaner.stages.encoding.gbk_tables import CodecTable, codec_table, fold_width

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
ANNOTATION = regex.compile(rf"\(([a-z{TONED}]{{1,7}})\)")
# what follows a '?' that ate the '(' of an annotation
ANNOTATION_TAIL = regex.compile(rf"([a-z{TONED}]{{1,7}})\)")
# a '?' before these ate a stray comma (the tool put one before marks)
AFTER_STRAY = "，、。；！？,;!?：:“”"
STRAY = regex.compile(r",(?=[，、。；！？,;!?])")  # the tool's commas: noise to the model
CONTEXT = 4  # characters of context on each side when readings are compared
ANNOTATED = regex.compile(rf"(\p{{Han}})\(([a-z{TONED}]{{1,7}})\)")
NOT_TEXT = regex.compile(r"[\x00-\x20\x7f]")


@dataclass
class _Hyp:
    score: float  # model score plus priors (bonus, gap penalties)
    prior: float  # the priors alone, carried into the final scoring
    path: str
    last: str
    gaps: int


class _Scorer:
    """The character model plus what the block says: its script, the characters
    it uses elsewhere, and the annotations it carries elsewhere."""

    def __init__(self, lm: CharLM, text: str, p: Any) -> None:
        self.lm = lm
        self.p = p
        self.script = lm.script_of(text)
        self.counts = Counter(text)
        self.annotated = (
            {(m.group(1), m.group(2)) for m in ANNOTATED.finditer(text)} if p.annotations else set()
        )
        self.exclude: Counter[str] = Counter()

    def bonus(self, ch: str) -> float:
        b = 0.0
        lm = self.lm
        if (self.script, ch in lm.simp_only, ch in lm.trad_only) in BAD_SCRIPT:
            b -= self.p.script_penalty
        if self.counts[ch] - self.exclude[ch] > 0:
            b += self.p.cache_bonus
        return b

    def lp(self, prev: str, ch: str) -> float:
        lm = self.lm
        return (lm.bigram(prev, ch) if prev else lm.unigram(ch)) + self.bonus(ch)


class GbkShift(Rule):
    """GBK/Big5 text read one byte out of step after a '?': re-read shifted, rank candidates."""

    id = "gbk_shift"
    stage = "encoding"

    @dataclass
    class Params(Params):
        codec: str = "gbk"
        # the marks whose byte patterns the comma tool matched (a stretch opens with one)
        marks: str = "，、。；！？"
        # what the decoder wrote for a lead byte it could not pair
        anchors: str = "?\ufffd"
        max_run: int = 96
        max_gaps: int = 2
        gap_penalty: float = 2.0
        stray_comma_bonus: float = 6.0
        script_penalty: float = 4.0
        cache_bonus: float = 1.5
        annotation_bonus: float = 4.0
        margin: float = 1.5
        min_gain: float = 8.0
        beam: int = 24
        annotations: bool = True
        alternatives: int = 3

    params: Params

    def setup(self) -> None:
        p = self.params
        try:
            self.table: CodecTable = codec_table(p.codec)
        except LookupError as e:
            raise ParamError("codec", f"unknown codec {p.codec!r}", "use gbk or big5") from e
        if not self.table.dec:
            raise ParamError("codec", f"{p.codec!r} has no two-byte characters", "use gbk or big5")
        if not p.anchors:
            raise ParamError("anchors", "no anchor characters", 'use "?"')
        shown = {fold_width(m) for m in p.marks if self.table.encode_char(m)}
        if not shown:
            raise ParamError("marks", f"none of {p.marks!r} is a {p.codec} character", "")
        self.mark_set = set(p.marks)
        self.screen = regex.compile(
            r"(?<=[^\x00-\x2b\x2d-\x7f])["
            + regex.escape(p.anchors)
            + "]["
            + regex.escape("".join(sorted(shown)))
            + "]"
        )
        self.unrepaired: list[dict[str, Any]] = []
        self._memo: dict[tuple[str, str], Any] = {}
        self._gap_cache: dict[tuple[tuple[int, ...], int, str | None], list[str]] = {}
        self._lasts_cache: dict[tuple[tuple[int, ...], int | None, str | None], list[str]] = {}

    def begin_document(self, path: str) -> None:
        self.unrepaired = []

    def reports(self) -> list[dict[str, Any]]:
        return self.unrepaired

    # ---------------------------------------------------------------- find
    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        pos = 0
        sc: _Scorer | None = None
        for m in self.screen.finditer(text):
            a = m.start()
            if a < pos:
                continue
            if sc is None:
                sc = _Scorer(char_lm(), text, self.params)
            # the same stretch in the same surroundings (repeated pages) is decided once
            key = (text[max(0, a - 8) : a + 1 + self.params.max_run + 16], sc.script)
            if key in self._memo:
                memo = self._memo[key]
            else:
                res = self._stretch(text, a, sc)
                memo = None if res is None else (res[0] - a, *res[1:])
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.clear()
                self._memo[key] = memo
            if memo is None:
                continue
            end, after, note, ok = a + memo[0], memo[1], memo[2], memo[3]
            if ok:
                pos = end
                yield Edit(a, end, after, note=note)
            else:
                self.unrepaired.append(
                    {"path": ctx.path, "offset": ctx.start + a, "text": text[a:end], **note}
                )

    # ------------------------------------------------------------ one stretch
    def _readings(self, v: str) -> list[int]:
        """Byte pairs that a visible character of the shifted run can stand for."""
        if " " < v < "\x7f":
            v = chr(ord(v) + 0xFEE0)
        return self.table.enc.get(v, [])

    def _stretch(
        self, text: str, a: int, sc: _Scorer
    ) -> tuple[int, str, dict[str, Any], bool] | None:
        p = self.params
        t = self.table
        vis = text[a + 1 : a + 1 + p.max_run]
        cut = NOT_TEXT.search(vis)
        if cut:
            vis = vis[: cut.start()]
        left = text[a - 1] if a else ""
        sc.exclude = Counter(text[max(0, a - 1) : a + 2 + len(vis)])
        # finished hypothesis, visible chars consumed, what to put back for an eaten byte
        ends: list[tuple[_Hyp, int, str | None]] = []

        # the first character: lead byte lost, trail = first byte of the mark's pair
        beam: list[tuple[_Hyp, int]] = []  # hypothesis, pending lead byte
        for pair in self._readings(vis[0]) if vis else []:
            x1, y1 = pair >> 8, pair & 0xFF
            for _lead, ch in t.by_trail.get(x1, []):
                if left == "," and ch in self.mark_set:  # the tool put commas before marks
                    bonus = p.stray_comma_bonus
                    s0 = sc.lm.unigram(ch) + bonus
                else:
                    bonus, s0 = 0.0, sc.lp(left, ch)
                beam.append((_Hyp(s0, bonus, ch, ch, 0), y1))
        beam = self._prune(beam)
        i = 1
        while beam and i <= len(vis):
            v = vis[i] if i < len(vis) else ""
            nxt: list[tuple[_Hyp, int]] = []
            for h, y in beam:
                if y < 0x80:  # the pair's second byte was an ASCII character: back in step
                    ends.append((_ext(h, chr(y), sc), i, ""))
                    continue
                if not v:
                    continue
                for pair in self._readings(v):
                    x, y2 = pair >> 8, pair & 0xFF
                    nc = t.dec.get(y << 8 | x)
                    if nc is not None:
                        nxt.append((_ext(h, nc, sc), y2))
                    if h.gaps < p.max_gaps:
                        nextc = self._next_char(y2, vis, i + 1)
                        for c1, c2 in self._gap_pairs(y, x, h.last, nextc, sc):
                            nxt.append((_gap(h, c1, c2, sc, p.gap_penalty), y2))
                if v in p.anchors or (v.isascii() and ord(v) in t.trails):
                    self._end_at(h, y, v, text, a + 2 + i, sc, ends, i + 1)
            beam = self._prune(nxt)
            i += 1
        if not ends:
            return None
        return self._decide(text, a, left, ends, sc)

    def _next_char(self, y: int, vis: str, j: int) -> str | None:
        """The character the run reads next if no pair vanishes there."""
        if j >= len(vis):
            return None
        for pair in self._readings(vis[j]):
            c = self.table.dec.get(y << 8 | pair >> 8)
            if c is not None:
                return c
        return None

    def _prune(self, items: list[tuple[_Hyp, int]]) -> list[tuple[_Hyp, int]]:
        items.sort(key=lambda it: -it[0].score)
        seen: Counter[tuple[str, int]] = Counter()
        out = []
        for h, y in items:
            k = (h.path[-1:], y)
            if seen[k] >= PER_STATE:  # a few per model state: runners-up stay in view
                continue
            seen[k] += 1
            out.append((h, y))
            if len(out) >= self.params.beam:
                break
        return out

    def _gap_pairs(
        self, y: int, x: int, last: str, nextc: str | None, sc: _Scorer
    ) -> list[tuple[str, str]]:
        """Two characters around a vanished pair: (y, t) and (l, x), (t, l) unassigned.
        The best few of each side by their outer neighbours, block by block."""
        t = self.table
        out = []
        for trails, lds in t.gap_blocks:
            c1s = [c1 for tr, c1 in t.by_lead.get(y, []) if tr in trails]
            if not c1s:
                continue
            c1s.sort(key=lambda c: -sc.lp(last, c))
            c2s = self._gap_seconds(lds, x, nextc, sc)
            out += [(c1, c2) for c1 in c1s[:GAP_FIRSTS] for c2 in c2s]
        return out

    def _gap_seconds(
        self, lds: tuple[int, ...], x: int, nextc: str | None, sc: _Scorer
    ) -> list[str]:
        key = (lds, x, nextc)
        hit = self._gap_cache.get(key)
        if hit is None:
            found = [self.table.dec.get(ld << 8 | x) for ld in lds]
            cands = [c for c in found if c is not None]
            lm = sc.lm
            if nextc:
                cands.sort(key=lambda c: -(lm.unigram(c) + lm.bigram(c, nextc)))
            else:
                cands.sort(key=lambda c: -lm.unigram(c))
            hit = cands[:GAP_SECONDS]
            self._gap_cache[key] = hit
        return hit

    def _lost_trail(self, lead: int, reading: str | None) -> list[str]:
        """Characters with this lead byte and a trail byte >= 0x80 (lost before ASCII)."""
        return self._by_reading(
            [c for tr, c in self.table.by_lead.get(lead, []) if tr >= 0x80], reading
        )

    def _by_reading(self, cands: list[str], reading: str | None) -> list[str]:
        if reading is None:
            return cands
        return [c for c in cands if reading in _readings_of(c)]

    def _end_at(
        self,
        h: _Hyp,
        y: int,
        v: str,
        text: str,
        after: int,
        sc: _Scorer,
        ends: list[tuple[_Hyp, int, str | None]],
        consumed: int,
    ) -> None:
        """Close the stretch at visible character ``v``: a lone ASCII trail byte, or
        a '?' standing for a trail byte the decoder could not pair."""
        p = self.params
        t = self.table
        lost = v in p.anchors
        tail: str | None = ""
        reading = None
        if lost:  # the '?' ate the next byte too: an annotation's '(' or a stray comma
            m = ANNOTATION_TAIL.match(text, after) if p.annotations else None
            if m:
                reading, tail = m.group(1), "("
            elif after < len(text) and text[after] not in AFTER_STRAY:
                tail = None
        elif p.annotations and (m := ANNOTATION.match(text, after)):
            reading = m.group(1)
        if lost:
            cands = self._lost_trail(y, reading)
        else:
            c = t.dec.get(y << 8 | ord(v))
            cands = self._by_reading([c] if c else [], reading)
        for c in cands:
            ends.append((_ext(h, c, sc, reading, p.annotation_bonus), consumed, tail))
        if h.gaps >= p.max_gaps:
            return
        # a vanished pair just before the end: (y, t') and (l, trail); the best few
        firsts = [(tr, c1) for tr, c1 in t.by_lead.get(y, []) if t.unassigned_after.get(tr)]
        firsts.sort(key=lambda tc: -sc.lp(h.last, tc[1]))
        for tr, c1 in firsts[:END_GAP_FIRSTS]:
            lds = tuple(t.unassigned_after[tr])
            lasts = self._lasts_after_gap(lds, None if lost else ord(v), reading)
            for c2 in lasts:
                g = _gap(h, c1, c2, sc, p.gap_penalty, reading, p.annotation_bonus)
                ends.append((g, consumed, tail))

    def _lasts_after_gap(
        self, lds: tuple[int, ...], trail: int | None, reading: str | None
    ) -> list[str]:
        """Last characters after a vanished pair: lead in ``lds``, trail known or lost."""
        key = (lds, trail, reading)
        hit = self._lasts_cache.get(key)
        if hit is None:
            if trail is None:
                cands = [c for ld in lds for c in self._lost_trail(ld, reading)]
            else:
                found = [self.table.dec.get(ld << 8 | trail) for ld in lds]
                cands = self._by_reading([c for c in found if c is not None], reading)
            hit = sorted(cands, key=char_lm().unigram, reverse=True)[:LAST_CANDIDATES]
            self._lasts_cache[key] = hit
        return hit

    def _decide(
        self, text: str, a: int, left: str, ends: list[tuple[_Hyp, int, str | None]], sc: _Scorer
    ) -> tuple[int, str, dict[str, Any], bool] | None:
        """Score every ending over the same window and pick one, if clearly best."""
        p = self.params
        width = max(c for _, c, _ in ends)
        stop = a + 1 + width
        note_m = (
            (ANNOTATION.match(text, stop) or ANNOTATION_TAIL.match(text, stop))
            if (p.annotations)
            else None
        )
        right_at = note_m.end() if note_m else stop

        lctx = text[max(0, a - CONTEXT) : a]
        rctx = ANNOTATION.sub("", text[right_at : right_at + CONTEXT + 8])[:CONTEXT]
        lctx = lctx[lctx.rfind("\n") + 1 :]
        rctx = rctx.split("\n")[0]

        def window_score(s: str) -> float:
            s = STRAY.sub("", lctx + ANNOTATION.sub("", s) + rctx)
            return sc.lm.word_score(s) + sum(sc.bonus(ch) for ch in s)

        best: dict[str, tuple[float, int, str | None]] = {}
        ends.sort(key=lambda e: -e[0].score)
        for h, consumed, tail in ends[:80]:
            s = window_score(h.path + text[a + 1 + consumed : stop]) + h.prior
            if h.path not in best or s > best[h.path][0]:
                best[h.path] = (s, consumed, tail)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        path, (s1, consumed, tail) = ranked[0]
        s2 = ranked[1][1][0] if len(ranked) > 1 else -math.inf
        s0 = window_score(text[a:stop])
        end = a + 1 + consumed
        gain, margin = s1 - s0, s1 - s2
        if gain <= 0:
            return None  # the text as it stands reads better: not damage
        note: dict[str, Any] = {
            "codec": p.codec,
            "gain": round(gain, 2),
            "margin": round(margin, 2) if margin != math.inf else None,
            "alternatives": [
                [alt, round(sc_ - s1, 2)] for alt, (sc_, _, _) in ranked[1 : 1 + p.alternatives]
            ],
        }
        ok = gain >= p.min_gain and margin >= p.margin and tail is not None
        if not ok:
            note["best"] = path
            if tail is None:
                note["lost_byte"] = True
        return end, path + (tail or ""), note, ok


PER_STATE = 4
MEMO_SIZE = 4096
GAP_FIRSTS = 4
GAP_SECONDS = 8
BAD_SCRIPT = {("trad", True, False), ("simp", False, True)}
LAST_CANDIDATES = 12
END_GAP_FIRSTS = 8


def _ext(h: _Hyp, ch: str, sc: _Scorer, reading: str | None = None, ann_bonus: float = 0.0) -> _Hyp:
    """Extend ``h`` by ``ch``; a character that the block annotates elsewhere with
    the same reading as the annotation after it gets ``ann_bonus``."""
    bonus = ann_bonus if reading is not None and (ch, reading) in sc.annotated else 0.0
    return _Hyp(h.score + sc.lp(h.last, ch) + bonus, h.prior + bonus, h.path + ch, ch, h.gaps)


def _gap(
    h: _Hyp,
    c1: str,
    c2: str,
    sc: _Scorer,
    penalty: float,
    reading: str | None = None,
    ann_bonus: float = 0.0,
) -> _Hyp:
    g = _ext(_ext(h, c1, sc), c2, sc, reading, ann_bonus)
    return _Hyp(g.score - penalty, g.prior - penalty, g.path, g.last, g.gaps + 1)


@lru_cache(maxsize=65536)
def _readings_of(ch: str) -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset((pinyin_dict.get(ord(ch)) or "").split(","))
