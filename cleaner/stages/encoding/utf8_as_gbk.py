"""utf8_as_gbk: UTF-8 text that was decoded as GBK, GB18030 or Big5 (``浣犲ソ`` -> ``你好``).

A Chinese character is three bytes in UTF-8 (``E4 BD A0``), so a GBK decoder reads a
pair and a half of it at a time, and what comes out are the rare characters whose
codes start with a UTF-8 lead byte (``E2``-``E9``, ``EF``) and go on with a
continuation byte (``涓 鍥 鐨 銆 锛``). A compiled screen looks for two of those close
together, or one and a ``�`` (real news text: 2 such spots in 96,000 characters). The
run of non-ASCII characters around a hit (digits and ASCII marks may stand between) is
encoded back and decoded as UTF-8; it is taken when its bytes are UTF-8 and the result reads as
Chinese to gbk_shift's character model (``min_logp`` nats per character) while the
run as it stands does not.

Where the damaging decoder wrote ``�`` for a byte it could not pair (or dropped it),
that byte is gone and the character it broke has one byte missing: the characters
that fit the bytes left are ranked by the model with the text around them, and the
best is put back when every reading without it is ``fill_margin`` nats behind;
otherwise the character stays ``�`` and the record counts it (``lost``). A character
still unsure is looked at again with a bonus for what the same broken bytes were
surely put back as elsewhere in the run (a page repeats its words); a rare Traditional
variant (曏, which the model reads as 向) is put back only against worse odds.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param
from cleaner.stages.convert import tables
from cleaner.stages.encoding.models.char_model import EOS, CharLM, char_lm, left_context
from cleaner.stages.encoding.punct_classes import CJK_DECODED

LOST = "\ufffd"
MAX_LOST_SHARE = 1  # at most one loss per CJK character (Python's GBK loses about one in three)
UTF8_LEADS = [*range(0xE2, 0xEA), 0xEF]  # “” … — ; CJK marks; Han; full-width forms
# non-ASCII, with digits, spaces and ASCII marks between (2022骞�7鏈�: 2022年7月)
RUN = re.compile(r"[^\x00-\x7f]+(?:[\x20-\x3f]{1,4}[^\x00-\x7f]+)*")
BROKEN = regex.compile("[\udc80-\udcff]+")
FILLABLE = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2010-\u2027]")
FILL_BEAM = 16
MAX_BROKEN = 3  # bytes of one broken character (with the lost ones)
LOST_COST = 10.0  # nats for a character left U+FFFD when readings of a stretch are ranked
MARKER_GAP = 8  # characters between markers in one stretch of mojibake (one in three)
STRETCH_TAIL = 2  # characters after a stretch's last marker that may still be mojibake
MAX_CANDIDATES = 256
VARIANT_COST = 3.0  # nats against a rare Traditional variant (rare_variant) when filling
SAME_BYTES_BONUS = 3.0  # nats for what the same broken bytes gave elsewhere in the run
MAX_CANDIDATES_AFTER = 64  # for the second broken character of a stretch on
# what each byte of a three-byte UTF-8 character can be
_BYTES = (range(0xE0, 0xF0), range(0x80, 0xC0), range(0x80, 0xC0))
ASCII = re.compile("[\x00-\x7f]")
CJK = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef]")
CJK_TEXT = LazyPattern(rf"[{CJK_DECODED}\ufffd\x20-\x7e]+")


@lru_cache(maxsize=8)
def markers(codec: str) -> str:
    """The characters ``codec`` reads from a UTF-8 lead byte and a continuation byte."""
    out = []
    for lead in UTF8_LEADS:
        for trail in range(0x80, 0xC0):
            try:
                out.append(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(set(out)))


def utf8_with_holes(parts: list[bytes]) -> list[str | bytes]:
    """Decode byte pieces that lost bytes between them: text, and for each place
    where bytes are missing (a loss, or bytes that are not UTF-8: a decoder that
    dropped bytes silently) the bytes of the broken character that are left, with
    0xFF where the loss was. UTF-8 finds its footing again at the next lead byte."""
    text = b"\xff".join(parts).decode("utf-8", "surrogateescape")  # 0xFF is never UTF-8
    out: list[str | bytes] = []
    pos = 0
    for m in BROKEN.finditer(text):
        out += [text[pos : m.start()], bytes(ord(c) - 0xDC00 for c in m.group())]
        pos = m.end()
    out.append(text[pos:])
    return out


def _too_lossy(parts: list[bytes]) -> bool:
    """Whether the bytes read as UTF-8 give fewer than two CJK characters, or more places
    with lost bytes (each a ``�`` of ``utf8_with_holes``) than CJK characters allow:
    judged on the decoded bytes at C speed, before any piece is built."""
    text = b"\xff".join(parts).decode("utf-8", "surrogateescape")
    cjk = len(CJK.findall(text))
    return cjk < 2 or len(BROKEN.findall(text)) * MAX_LOST_SHARE > cjk


def chunks(broken: bytes) -> list[bytes]:
    """The broken characters in a stretch of broken bytes: a new one at each lead byte."""
    out: list[bytearray] = []
    for b in broken:
        if not out or 0xC0 <= b < 0xFF:
            out.append(bytearray())
        out[-1].append(b)
    return [bytes(c) for c in out]


@lru_cache(maxsize=4096)
def candidates(chunk: bytes, fill: frozenset[int] | None = None) -> tuple[str, ...]:
    """What a broken three-byte character can have been, the most frequent first (at
    most ``MAX_CANDIDATES``): each 0xFF is one lost byte (a decoder that wrote one
    ``�`` per byte); with no 0xFF (bytes dropped silently) one byte is put back
    anywhere, two when ``fill`` (the only values a lost byte can have: cp1252's
    undefined bytes) makes that cheap. Anything else is guesswork: no candidates."""
    allowed = [r if fill is None else [x for x in r if x in fill] for r in _BYTES]
    lost = chunk.count(b"\xff")
    if lost:
        if len(chunk) != 3 or lost > 2:
            return ()
        slots = [(k, allowed[k]) for k, b in enumerate(chunk) if b == 0xFF]
        tries = []
        for got in itertools.product(*(r for _, r in slots)):
            b = bytearray(chunk)
            for (k, _), x in zip(slots, got, strict=True):
                b[k] = x
            tries.append(bytes(b))
    elif len(chunk) == 2 or (len(chunk) == 1 and fill is not None):
        tries = [chunk]
        for _ in range(3 - len(chunk)):
            tries = [
                t[:k] + bytes((x,)) + t[k:] for t in tries for k in range(3) for x in allowed[k]
            ]
    else:
        return ()
    out = set()
    for t in tries:
        try:
            ch = t.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if FILLABLE.fullmatch(ch):
            out.add(ch)
    lm = char_lm()
    return tuple(sorted(out, key=lambda c: (-lm.unigram(c), c))[:MAX_CANDIDATES])


class Utf8AsGbk(Rule):
    """UTF-8 read as GBK or Big5 (浣犲ソ -> 你好), decoded back when it reads as Chinese."""

    id = "utf8_as_gbk"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # the codecs the text may have been read with
        codecs: list[str] = param(["gbk", "gb18030", "big5"], nonempty=True)
        # the decoding must score at least this many nats per character, the run as it
        # stands less
        min_logp: float = param(-10.0, le=0)
        # a lost character is put back when every reading without it is this many nats
        # behind the best (higher: fewer wrong, more left as U+FFFD)
        fill_margin: float = param(2.0, ge=0)

    params: Params

    def setup(self) -> None:
        for codec in self.params.codecs:
            try:
                markers(codec)
            except LookupError as e:
                raise ParamError("codecs", f"unknown codec {codec!r}", 'use "gbk", "big5"') from e
        cls = "[" + re.escape("".join(markers(c) for c in self.params.codecs)) + "]"
        self.screen = re.compile(f"{cls}[^\\x00-\\x1f\\x40-\\x7f]{{0,3}}{cls[:-1]}{LOST}]")
        self.marker = LazyPattern(cls, engine=re)  # both only where the screen finds mojibake
        self.marker_or_lost = LazyPattern(cls[:-1] + LOST + "]", engine=re)  # a lost byte too

    def warm_up(self) -> None:
        char_lm()

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        pos = 0
        for m in self.screen.finditer(text):
            if m.start() < pos:
                continue
            run = RUN.search(text, text.rfind("\n", 0, m.start()) + 1)
            while run and run.end() <= m.start():
                run = RUN.search(text, run.end())
            if run is None:
                continue
            pos = run.end()
            line_end = text.find("\n", run.end())
            after = text[run.end() : len(text) if line_end < 0 else line_end][:2]
            yield from self._repair(text, run.start(), run.group(), after + EOS)

    def _repair(self, text: str, start: int, run: str, after: str) -> Iterator[Edit]:
        """The run decoded whole, else each stretch of it where mojibake meets clean
        text (the first damaged clause of a paragraph, a damaged snippet)."""
        fixed = self._decode(run, left_context(text, start), after)
        if fixed is not None:
            yield Edit(
                start, start + len(run), fixed[0], note={"codec": fixed[1], "lost": fixed[2]}
            )
            return
        lm = char_lm()
        for a, b in self._stretches(run):
            window = min(len(run), b + 2)  # each reading is scored over the same text
            tries = []
            for end in range(b, max(a + 1, b - STRETCH_TAIL - 1), -1):
                right = run[end : end + 2] or after
                got = self._decode(run[a:end], left_context(text, start + a), right)
                if got is not None:
                    reading = got[0] + run[end:window]
                    cost = lm.score(reading.replace(LOST, "")) - LOST_COST * reading.count(LOST)
                    tries.append((cost, end, got))
            if tries:
                _, end, got = max(tries)
                note = {"codec": got[1], "lost": got[2], "part": True}
                yield Edit(start + a, start + end, got[0], note=note)

    def _stretches(self, run: str) -> Iterator[tuple[int, int]]:
        """Spans of ``run`` whose bytes read as UTF-8 (but for single lost bytes) and
        hold two markers (or a marker and a lost byte: ``甯傘�佸尯`` for 市、区 where only the
        start of a paragraph is mojibake): clean text among them, re-encoded, breaks
        UTF-8 for longer.
        Only windows dense with markers are looked at (mojibake shows one in three)."""
        for w0, w1 in self._dense(run):
            for a, b in self._readable(run[w0:w1]):
                yield w0 + a, w0 + b

    def _dense(self, run: str) -> Iterator[tuple[int, int]]:
        """Windows of ``run`` around markers (or U+FFFD) no further apart than MARKER_GAP."""
        group: list[int] = []
        hits = [m.start() for m in self.marker_or_lost.finditer(run)]
        for h in [*hits, len(run) + MARKER_GAP + 1]:
            if group and h - group[-1] > MARKER_GAP:
                if len(group) > 1:
                    yield max(0, group[0] - 1), min(len(run), group[-1] + STRETCH_TAIL + 2)
                group = []
            group.append(h)

    def _readable(self, run: str) -> Iterator[tuple[int, int]]:
        for codec in self.params.codecs:
            try:
                chars = [b"\xff" if c == LOST else c.encode(codec) for c in run]
            except UnicodeEncodeError:
                continue
            bad = _clean_chars(chars)
            span: list[int] = []
            for i in range(len(run) + 1):
                if i < len(run) and not bad[i]:
                    span.append(i)
                    continue
                hits = [k for k in span if self.marker_or_lost.match(run[k])]
                if len(hits) > 1:
                    first = hits[0] - (hits[0] > span[0] and run[hits[0] - 1] == LOST)
                    yield first, min(hits[-1] + 1 + STRETCH_TAIL, span[-1] + 1)
                span = []
            return

    def _decode(self, run: str, left: str, right: str) -> tuple[str, str, int] | None:
        """The run decoded (lost characters put back where the model is sure), the
        codec, and how many characters stay lost."""
        lm = char_lm()
        p = self.params
        best: tuple[float, list[str | bytes], str] | None = None
        for codec in p.codecs:
            try:
                parts = [piece.encode(codec) for piece in run.split(LOST)]
            except UnicodeEncodeError:
                continue
            if _too_lossy(parts):
                continue  # clean text re-encoded: most of it lost bytes, judged at C speed
            pieces = utf8_with_holes(parts)
            text = "".join(x if isinstance(x, str) else LOST for x in pieces)
            if not CJK_TEXT.fullmatch(text):
                continue
            if ASCII.findall(text) != ASCII.findall(run):
                continue  # a letter from a trail byte: clean GBK text, not UTF-8
            score = _score(lm, text)
            if score >= p.min_logp and (best is None or score > best[0]):
                best = (score, pieces, codec)
        # scored last: clean text fails the byte checks above at C speed, and scoring a
        # long run costs ~10 µs a character (a 160K-character line: 1.7 s)
        if best is None or _score(lm, run) >= p.min_logp:
            return None  # no decoding reads as Chinese, or the run does already
        out = fill(lm, best[1], left, right, p.fill_margin)
        return out, best[2], out.count(LOST)


def fill(
    lm: CharLM,
    pieces: list[str | bytes],
    left: str,
    right_of_run: str,
    margin: float,
    lost_values: frozenset[int] | None = None,
) -> str:
    """Join the pieces, putting back each character of a broken stretch that the
    model clearly prefers (every reading without it is ``margin`` nats behind the
    best); else ``�``. ``left``/``right_of_run``: the text around the run;
    ``lost_values``: the values a lost byte can have (None: any).

    A second pass looks again at the characters left ``�``: where the same broken
    bytes were put back as one character elsewhere in the run (and as no other), that
    character gains ``SAME_BYTES_BONUS`` nats (a damaged page repeats its words:
    名城名镇名村, 對 three times), and is put back if that makes it clear."""
    script = lm.script_of("".join(x for x in pieces if isinstance(x, str)))
    other: Callable[[str], bool] = _never
    if script in ("simp", "trad"):
        other = lm.trad_only.__contains__ if script == "simp" else simplified_only
    # the block's script only: the model reads 轉 as 转
    options = [  # per piece, per broken character
        [[c for c in candidates(b, lost_values) if not other(c)] for b in chunks(x)]
        if isinstance(x, bytes)
        else []
        for x in pieces
    ]
    sure: dict[bytes, set[str]] = {}
    out = _fill_pass(lm, pieces, options, left, right_of_run, margin, {}, sure)
    if LOST not in out:
        return out
    known = {b: next(iter(got)) for b, got in sure.items() if len(got) == 1}
    if not any(b in known for x in pieces if isinstance(x, bytes) for b in chunks(x)):
        return out
    return _fill_pass(lm, pieces, options, left, right_of_run, margin, known, {})


def _fill_pass(
    lm: CharLM,
    pieces: list[str | bytes],
    options: list[list[list[str]]],
    left: str,
    right_of_run: str,
    margin: float,
    known: dict[bytes, str],
    sure: dict[bytes, set[str]],
) -> str:
    """One pass of ``fill``: ``known`` gives a bonus to a character put back for the
    same bytes before; the characters put back are added to ``sure``."""
    out = left
    for k, x in enumerate(pieces):
        if isinstance(x, str):
            out += x
            continue
        nxt = pieces[k + 1] if k + 1 < len(pieces) else ""
        nxt = nxt if isinstance(nxt, str) else ""  # pieces alternate: text, broken, text
        right = ((nxt + right_of_run) if k + 2 >= len(pieces) else nxt)[:2]
        broken = chunks(x)
        beam = [(0.0, "")]
        for b, opts in zip(broken, options[k], strict=True):
            if not opts:
                beam = []
                break
            if len(beam) > 1:
                opts = opts[:MAX_CANDIDATES_AFTER]  # the most frequent
            beam = _beam_step(lm, beam, out[-2:], opts, known.get(b))
        ranked = sorted(
            ((sc + lm.score(right, (out[-2:] + got)[-2:]), got) for sc, got in beam), reverse=True
        )
        if not ranked:
            out += LOST * len(broken)
            continue
        top, best = ranked[0]
        for i, ch in enumerate(best):  # each character on its own: sure if every
            rival = max((sc for sc, got in ranked if got[i] != ch), default=-math.inf)
            if top - rival >= margin:  # reading without it is far behind
                out += ch
                sure.setdefault(broken[i], set()).add(ch)
            else:
                out += LOST
    return out[len(left) :]


def _beam_step(
    lm: CharLM, beam: list[tuple[float, str]], tail: str, opts: list[str], favour: str | None
) -> list[tuple[float, str]]:
    """``_extend``, kept per arguments: a stretch is filled again as each of its ends
    is tried (``_repair``), and again in ``fill``'s second pass. ``tail`` is cut to
    what the scores read (the context of the beam's first reading)."""
    keep = 2 - len(beam[0][1]) if beam else 0  # the readings are equally long
    tail = tail[-keep:] if keep > 0 else ""
    key = (lm, tuple(beam), tail, tuple(opts), favour)
    hit = _STEPS.get(key)
    if hit is None:
        if len(_STEPS) >= STEPS_KEPT:
            _STEPS.clear()
        hit = _STEPS[key] = tuple(_extend(lm, beam, tail, opts, favour))
    return list(hit)


STEPS_KEPT = 1024  # entries of _STEPS and of _CEILINGS; cleared when full (peak RSS)
_STEPS: dict[tuple[object, ...], tuple[tuple[float, str], ...]] = {}


def _extend(
    lm: CharLM, beam: list[tuple[float, str]], tail: str, opts: list[str], favour: str | None
) -> list[tuple[float, str]]:
    """The ``FILL_BEAM`` best readings of ``beam`` (score, text) extended by one of
    ``opts``, best first: ``sorted(..., reverse=True)[:FILL_BEAM]`` of every (score
    plus the candidate's log-probability less its variant cost plus its bonus, text),
    ``tail`` the text before the beam's. The scores are the same float sums; the
    (score, text) pairs are built only for scores that reach the ``FILL_BEAM``-th
    best (the pairs below it cannot be among the best: ties are kept), and a
    candidate is not scored when even its ceiling (``_ceilings``) leaves it below
    ``FILL_BEAM`` scores already found."""
    # per candidate, not per candidate and reading: the variant's cost and the bonus
    adds = [(c, VARIANT_COST * rare_variant(c), SAME_BYTES_BONUS * (c == favour)) for c in opts]
    lp = lm.lp
    found: list[tuple[float, str, str]] = []
    best: list[float] = []  # the FILL_BEAM best scores found (a heap: the least first)
    for sc, got in beam:
        ctx = (tail + got)[-2:]
        ceilings = _ceilings(lm, ctx, opts)
        for (c, cost, bonus), ceiling in zip(adds, ceilings, strict=True):
            if len(best) == FILL_BEAM and sc + ceiling - cost + bonus < best[0]:
                continue  # FILL_BEAM scores are higher than this one can be
            v = sc + lp(ctx, c) - cost + bonus
            found.append((v, got, c))
            if len(best) < FILL_BEAM:
                heapq.heappush(best, v)
            elif v > best[0]:
                heapq.heapreplace(best, v)
    floor = best[0] if len(best) == FILL_BEAM else -math.inf
    return heapq.nlargest(FILL_BEAM, [(v, got + c) for v, got, c in found if v >= floor])


CEILING_SLACK = 1e-9  # nats: log's rounding


def _ceilings(lm: CharLM, ctx: str, opts: list[str]) -> Sequence[float]:
    """For each of ``opts``, at least ``lm.lp(ctx, c)``: for a key not seen in a trigram
    after the history, the log of ``backoff_p`` (``lp`` scales it by the history's
    weight, at most 1); else (or for a history of other than two keys) infinity."""
    h = lm.history(ctx)
    if len(ctx) != 2 or len(h) != 2:
        return [math.inf] * len(opts)
    seen = lm.seen_after(h)
    key = (lm, h[-1], tuple(opts))
    hit = _CEILINGS.get(key)
    if hit is None:
        if len(_CEILINGS) >= STEPS_KEPT:
            _CEILINGS.clear()
        keys = tuple(lm.key(c) for c in opts)
        each = tuple(math.log(lm.backoff_p(h, k)) + CEILING_SLACK for k in keys)
        hit = _CEILINGS[key] = (keys, each)
    if seen.keys().isdisjoint(hit[0]):
        return hit[1]
    return [math.inf if k in seen else x for k, x in zip(hit[0], hit[1], strict=True)]


_CEILINGS: dict[tuple[object, ...], tuple[tuple[str, ...], tuple[float, ...]]] = {}


def _clean_chars(chars: list[bytes]) -> list[bool]:
    """For each character's bytes: are they clean text rather than mojibake? UTF-8
    broken by lost bytes leaves short pieces that start with a lead byte (or the lost
    byte); clean text re-encoded leaves continuation bytes with no lead, long pieces."""
    data = b"".join(chars)
    clean = bytearray(len(data))
    pos = 0
    for piece in utf8_with_holes([data]):
        if isinstance(piece, str):
            pos += len(piece.encode("utf-8"))
            continue
        for chunk in chunks(piece):
            ok = MAX_BROKEN if chunk[0] >= 0xC0 else 0  # a broken character's bytes
            clean[pos + ok : pos + len(chunk)] = b"\x01" * max(0, len(chunk) - ok)
            pos += len(chunk)
    out, pos = [], 0
    for b in chars:
        out.append(any(clean[pos : pos + len(b)]))
        pos += len(b)
    return out


def _s2t(ch: str) -> str:
    """What OpenCC's s2t makes of one character, from the shipped tables (an OpenCC
    converter built for this held some 27 MB)."""
    s2t_char: dict[str, str] = tables.load()["s2t_char"]
    return s2t_char.get(ch, ch)


@lru_cache(maxsize=8192)
def simplified_only(ch: str) -> bool:
    """Whether Traditional text never has ``ch`` (规 yes; 同 向 面 no, though 衕 嚮 麵
    simplify to them: the model's ``simp_only`` has them)."""
    return ch in char_lm().simp_only and _s2t(ch) != ch


@lru_cache(maxsize=8192)
def rare_variant(ch: str) -> bool:
    """Whether ``ch`` is a Traditional character that is not the usual Traditional form
    of its Simplified one (曏 for 向, which is 向 in Traditional too): the model, which
    reads Traditional through Simplified, would give it the common character's odds."""
    hit = _RARE.get(ch)
    if hit is None:
        hit = ch in char_lm().trad_only and _s2t(char_lm().key(ch)) != ch
        if len(_RARE) >= 65_536:
            _RARE.clear()
        _RARE[ch] = hit
    return hit


_RARE: dict[str, bool] = {}  # rare_variant, per character


def _never(ch: str) -> bool:
    return False


def _score(lm: CharLM, text: str) -> float:
    """Nats per character by the model, ``�`` left out."""
    return lm.per_char(text.replace(LOST, ""))
