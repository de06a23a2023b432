"""pinyin: scraped ruby annotations such as ``學(xué)``, ``學xué`` or ``學ㄒㄩㄝˊ``.

An annotation is a reading written right after its character (or a word's readings
after the word), parenthesised (the page's ``<ruby>`` had ``<rp>``) or bare (it had
none), glued to a word or on lines of its own; shapes in ``ruby_forms``.
It goes only when the reading is one of the character's readings (pypinyin) and

- the document is dense with parenthesised annotations (enough of them, several
  characters annotated repeatedly, most occurrences annotated), or
- local evidence says so: zhuyin; a tone-marked or tone-numbered bare syllable with
  another within ``window`` characters, and the toneless ones chained to or among
  those; a run of ``min_run`` bare syllables, or of ``min_run`` parenthesised ones in
  a row; a parenthesised syllable on a character sites annotate (Traditional-only,
  or common and read with its first reading), annotated at most of its occurrences
  or among annotations of several different such characters, with another within
  ``window``, and any other among enough of those ("most" counts within
  ``coverage_window`` characters: a file of many pages annotates page by page); a
  word's parenthesised readings with ``min_words`` such words within ``window``.

A lone textbook gloss (``区(qū)别``), a polyphone drill (``长(cháng)短、长(zhǎng)大``), a
lesson's list of glossed characters (``生字：把(bǎ)、被(bèi)``), dictionary headwords
(``學(xué)：``), a vocabulary list (``妈妈 mā ma 爸爸 bà ba``), a name's gloss
(``北京(Běijīng)``), ordinary parentheses (``組(指揮部)``, ``(apple)``) and English after Han
(``用iPhone拍``) stay.
Density is per document: blocks arrive in order, so it is decided from what has
been seen so far, the current block included.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, Rule, param
from cleaner.io.char_freq import FLOOR_HAN, log_freq
from cleaner.stages.encoding.models.pinyin_readings import first_reading, normalize
from cleaner.stages.encoding.ruby_forms import Candidate, candidates, traditional_only

# what separates the items of a drill's list: 长(cháng)短、长(zhǎng)大
_DRILL_SEPARATOR = re.compile(r"[、，；,; /]")
# what stands before and after an item of a list of glossed characters:
# 生字：把(bǎ)、被(bèi)。
_ITEM_BEFORE = frozenset("、，；,;：:\n")
_ITEM_AFTER = frozenset("、，；,;。.\n")
# a clause's marks: a line of prose has them, a vocabulary list (妈妈 mā ma 爸爸 bà ba) not
_CLAUSE_MARK = re.compile(r"[。！？，；]")


@dataclass
class _Density:
    """What one document has shown so far."""

    annotated: Counter[str] = field(default_factory=Counter)  # character -> annotations
    occurrences: Counter[str] = field(default_factory=Counter)  # character -> occurrences
    dense: bool = False


def _list_item(text: str, c: Candidate) -> bool:
    """The annotated character stands alone between list separators (or line ends)."""
    before = text[c.char_at - 1] if c.char_at else "\n"
    after = text[c.end] if c.end < len(text) else "\n"
    return c.shape != "lines" and before in _ITEM_BEFORE and after in _ITEM_AFTER


def _vocabulary(text: str, c: Candidate) -> bool:
    """A word's reading after a space on a line without a clause mark: a vocabulary
    list's (妈妈 mā ma 爸爸 bà ba), not a separator-joined page's prose."""
    if c.shape != "spaced" or c.chars < 2:
        return False
    start = text.rfind("\n", 0, c.char_at) + 1
    end = text.find("\n", c.end)
    return _CLAUSE_MARK.search(text, start, len(text) if end < 0 else end) is None


def _headword(text: str, c: Candidate, starts: list[int]) -> bool:
    """A dictionary line's headword; one read after a space (學 xué 動詞) only when no
    other annotation follows on its line (第 dì 一 yī 条 is a ruby page's); ``starts``:
    where the annotated characters are, in order."""
    if not c.headword(text):
        return False
    if c.shape != "spaced":
        return True
    line_end = text.find("\n", c.end)
    line_end = len(text) if line_end < 0 else line_end
    i = bisect_right(starts, c.char_at)
    return i == len(starts) or starts[i] >= line_end


def _counter(text: str, chars: Iterable[str]) -> Callable[[str], int]:
    """How often each of ``chars`` occurs in ``text`` (one scan for many of them)."""
    wanted = sorted(set(chars))
    if len(wanted) <= 32:
        return lru_cache(maxsize=None)(text.count)
    found = Counter(re.findall(f"[{''.join(map(re.escape, wanted))}]", text))
    return found.__getitem__


class PinyinAnnotation(Rule):
    """Remove ruby annotations like 學(xué), 學xué, 學ㄒㄩㄝˊ on density or local evidence."""

    id = "pinyin"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # fewest valid annotations seen in the document before any is removed
        min_annotations: int = param(5, ge=1)
        # fewest distinct characters annotated at least twice
        min_repeated_chars: int = param(2, ge=0)
        # fewest share of the annotated characters' occurrences that carry an annotation
        min_coverage: float = param(0.5, ge=0, le=1)
        # accept tone numbers (xue2) as well as tone marks (xué)
        tone_numbers: bool = True
        # decide per annotation on local evidence too (sparse and bare annotations)
        local: bool = True
        # fewest annotations of one kind (this one included) within `window` characters:
        # toned bare readings, or parenthesised ones on characters sites annotate
        min_nearby: int = param(2, ge=1)
        window: int = param(100, ge=1)
        # a bare syllable goes with a removed neighbour at most this many characters away
        # (今jīn天的de書shū), or in a run of `min_run` (parenthesised: in a row)
        chain_gap: int = param(2, ge=0)
        min_run: int = param(4, ge=2)
        # outside a dense document, a parenthesised annotation goes only on a character
        # sites annotate: one that exists only in Traditional (學 風 區), or one at least
        # this common (log-frequency) read with its first reading (风 区; a textbook
        # glosses rare characters, 鞠 蜿, and rare readings, 参(cēn)差)
        common_logp: float = param(-10.0, le=0)
        # ... and annotated at `min_coverage` of its occurrences within this many
        # characters either side (a page's worth: a file of many pages annotates each
        # page's characters, not each character everywhere)
        coverage_window: int = param(1000, ge=1)
        # ... unless annotations of at least this many different such characters lie
        # within `window` of it: a site annotates many characters here and there (a
        # share of each), a lesson glosses its few characters again and again
        min_variety: int = param(4, ge=1)
        # a character annotated with two different readings at most this many characters
        # apart across a list separator, neither in a run of annotated characters, is a
        # polyphone drill (长(cháng)短、长(zhǎng)大): both stay, dense document or not;
        # 0: no such test
        contrast_gap: int = param(12, ge=0)
        # a word's parenthesised readings (今天(jīn tiān), 今天(jīntiān)) go with this many
        # such words within `window` (itself included): a page that annotates words; a
        # textbook glosses a word or two (饺子(jiǎozi))
        min_words: int = param(3, ge=1)

    params: Params

    def new_state(self, path: str) -> _Density:
        return _Density()

    def _update(self, doc: _Density, text: str, found: list[Candidate]) -> None:
        """Add this block to the document's counts and decide density."""
        doc.annotated.update(text[c.char_at] for c in found)
        if doc.dense:  # once dense, the document stays so
            return
        count = _counter(text, doc.annotated)
        for ch in doc.annotated:
            doc.occurrences[ch] += count(ch)
        p = self.params
        total = sum(doc.annotated.values())
        repeated = sum(1 for n in doc.annotated.values() if n >= 2)
        seen = sum(doc.occurrences[ch] for ch in doc.annotated)
        coverage = total / seen if seen else 0.0
        doc.dense = (
            total >= p.min_annotations
            and repeated >= p.min_repeated_chars
            and coverage >= p.min_coverage
        )

    def _nearby(self, group: list[Candidate], toned_only: bool, need: int = 0) -> set[int]:
        """Members of ``group`` (in text order; toned ones only if asked) with at least
        ``need`` (``min_nearby``) of the group within ``window`` characters (themselves
        included)."""
        w, need = self.params.window, need or self.params.min_nearby
        starts = [c.char_at for c in group]
        return {
            c.char_at
            for c in group
            if (c.toned or not toned_only)
            and bisect_right(starts, c.char_at + w) - bisect_left(starts, c.char_at - w) >= need
        }

    @staticmethod
    def _chains(group: list[Candidate], gap: int) -> list[list[Candidate]]:
        """``group`` cut into chains of annotations at most ``gap`` characters apart."""
        chains: list[list[Candidate]] = []
        for c in group:
            if chains and c.char_at - chains[-1][-1].end <= gap:
                chains[-1].append(c)
            else:
                chains.append([c])
        return chains

    def _runs(self, group: list[Candidate], gap: int, taken: set[int]) -> set[int]:
        """Chains (at most ``gap`` characters apart) that go whole: ``min_run`` long, or
        holding a member in ``taken``."""
        p = self.params
        out: set[int] = set()
        for chain in self._chains(group, gap):
            if len(chain) >= p.min_run or any(c.char_at in taken for c in chain):
                out.update(c.char_at for c in chain)
        return out

    def _site_char(self, text: str, c: Candidate) -> bool:
        """A character sites annotate: Traditional-only, or common and read with its
        first reading (a word's readings: no such test)."""
        if c.chars > 1:
            return False
        ch = text[c.char_at]
        if ch in traditional_only():
            return True
        common = log_freq().get(ch, FLOOR_HAN) >= self.params.common_logp
        return common and normalize(c.reading) in first_reading(ch)

    def _varied(self, text: str, group: list[Candidate]) -> set[int]:
        """Members of ``group`` (in text order) with annotations of at least
        ``min_variety`` different characters within ``window`` (themselves included)."""
        w, need = self.params.window, self.params.min_variety
        starts = [c.char_at for c in group]
        out: set[int] = set()
        for c in group:
            lo = bisect_left(starts, c.char_at - w)
            hi = bisect_right(starts, c.char_at + w)
            if hi - lo >= need and len({text[at] for at in starts[lo:hi]}) >= need:
                out.add(c.char_at)
        return out

    def _covered(self, text: str, c: Candidate, annotated: dict[str, list[int]]) -> bool:
        """The character is annotated at most of its occurrences within
        ``coverage_window`` (a textbook glosses 学(xué) once and writes 学 bare after);
        ``annotated``: where each character carries an annotation, in order."""
        ch = text[c.char_at]
        w = self.params.coverage_window
        a, b = max(0, c.char_at - w), c.char_at + w + 1
        at = annotated[ch]
        n = bisect_left(at, b) - bisect_left(at, a)
        return n >= self.params.min_coverage * text.count(ch, a, b)

    def _local(self, text: str, found: list[Candidate]) -> dict[int, str]:
        """Annotations that go on local evidence: char position -> the evidence."""
        starts = [c.char_at for c in found]
        found = [c for c in found if not _headword(text, c, starts) and not _vocabulary(text, c)]
        out: dict[int, str] = {c.char_at: "zhuyin" for c in found if c.zhuyin}
        out.update(self._local_bare([c for c in found if c.shape != "paren" and not c.zhuyin]))
        parens = [c for c in found if c.shape == "paren" and not c.zhuyin]
        out.update(self._local_parens(text, parens))
        return out

    def _local_bare(self, bare: list[Candidate]) -> dict[int, str]:
        """Bare, glued and line-split readings: toned ones with company, the chains
        they are in, long runs, and toneless ones (的de) among enough that go."""
        out: dict[int, str] = {}
        near = self._nearby(bare, toned_only=True)
        for at in self._runs(bare, self.params.chain_gap, near):
            out[at] = "nearby" if at in near else "run"
        toned = sorted(c.char_at for c in bare if c.char_at in near)
        for c in bare:
            if c.char_at not in out and self._supported(c, toned):
                out[c.char_at] = "nearby"
        # a character alone on its line with its reading on the next is the shape of
        # one extractor's ruby: with another such in the block and a tone among them,
        # all of them go, however far apart
        lines = [c for c in bare if c.shape == "lines"]
        if len(lines) >= self.params.min_nearby and any(c.toned for c in lines):
            for c in lines:
                out.setdefault(c.char_at, "lines")
        return out

    def _local_parens(self, text: str, parens: list[Candidate]) -> dict[int, str]:
        """Parenthesised readings: runs of annotated characters, site-like ones with
        company, and any other among enough of those (a site's list has rare
        characters too)."""
        out = dict.fromkeys(self._paren_runs(text, parens), "run")
        annotated: dict[str, list[int]] = {}
        for c in parens:
            annotated.setdefault(text[c.char_at], []).append(c.char_at)
        chars = [c for c in parens if self._site_char(text, c)]
        varied = self._varied(text, chars)
        site = [c for c in chars if c.char_at in varied or self._covered(text, c, annotated)]
        near = self._nearby(site, toned_only=False)
        out.update(dict.fromkeys(near, "nearby"))
        words = [c for c in parens if c.chars > 1]
        word_near = self._nearby(words, toned_only=False, need=self.params.min_words)
        for at in word_near:
            out.setdefault(at, "words")
        taken = sorted(near | word_near)
        for c in parens:
            if c.char_at not in out and self._supported(c, taken):
                out[c.char_at] = "nearby"
        return out

    def _paren_runs(self, text: str, parens: list[Candidate]) -> set[int]:
        """Stretches of ``min_run`` annotated characters in a row (學(xué)習(xí)..., at most
        a mark or a bracket between two): no textbook glosses that way."""
        out: set[int] = set()
        chain: list[Candidate] = []
        for c in [*parens, None]:
            if c is not None and chain:
                gap = c.char_at - chain[-1].end
                if gap == 0 or (gap == 1 and not text[c.char_at - 1].isalnum()):
                    chain.append(c)
                    continue
            if len(chain) >= self.params.min_run:
                out.update(x.char_at for x in chain)
            chain = [c] if c is not None else []
        return out

    def _contrasts(self, text: str, parens: list[Candidate]) -> set[int]:
        """Of ``parens`` (parenthesised, not zhuyin), annotations of a character that
        another annotation of it, at most ``contrast_gap`` characters away across a
        list separator, reads differently, neither in a run of annotated characters (a
        ruby page annotates 地(dì)上慢慢地(de) in a run, 自行(xing2)车的行(hang2)业 in one
        clause)."""
        gap = self.params.contrast_gap
        if not gap or len(parens) < 2:
            return set()
        in_runs = self._paren_runs(text, parens)
        out: set[int] = set()
        last: dict[str, Candidate] = {}  # character -> its latest annotation
        for c in parens:
            ch = text[c.char_at]
            before = last.get(ch)
            last[ch] = c
            if (
                before is not None
                and c.char_at - before.end <= gap
                and normalize(c.reading) != normalize(before.reading)
                and _DRILL_SEPARATOR.search(text, before.end, c.char_at)
                and not {c.char_at, before.char_at} & in_runs
            ):
                out.update((c.char_at, before.char_at))
        return out

    @staticmethod
    def _glossary(text: str, found: list[Candidate]) -> set[int]:
        """Annotations of a list of glossed characters (生字：把(bǎ)、被(bèi)、跑(pǎo)):
        a line where every annotated character is a list item of its own, at least
        two of them. A ruby page annotates the text around its lists as well."""
        out: set[int] = set()
        line: list[Candidate] = []
        line_end = -1
        for c in [*found, None]:
            if c is not None and c.char_at < line_end:
                line.append(c)
                continue
            items = [x for x in line if _list_item(text, x)]
            if len(items) >= 2 and len(items) == len(line):
                out.update(x.char_at for x in items)
            if c is None:
                break
            line = [c]
            line_end = text.find("\n", c.char_at)
            line_end = len(text) if line_end < 0 else line_end
        return out

    def _supported(self, c: Candidate, taken: list[int]) -> bool:
        """At least ``min_nearby`` of the sorted positions ``taken`` within ``window``."""
        w = self.params.window
        close = bisect_right(taken, c.char_at + w) - bisect_left(taken, c.char_at - w)
        return close >= self.params.min_nearby

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        p = self.params
        found = candidates(text)
        if not p.tone_numbers:
            found = [c for c in found if not c.reading[-1].isdigit()]
        dense_kind = [c for c in found if c.shape == "paren" and not c.zhuyin]
        doc: _Density = ctx.state
        if dense_kind or (doc.annotated and not doc.dense):
            self._update(doc, text, dense_kind)
        go: dict[int, str] = {}
        if p.local:
            go = self._local(text, found)
        if doc.dense:
            go.update((c.char_at, "dense") for c in dense_kind)
        for at in self._contrasts(text, dense_kind) | self._glossary(text, found):
            go.pop(at, None)
        joined_to = -1  # where the last removed annotation ended
        for c in found:
            why = go.get(c.char_at)
            if why is None:
                continue
            if c.join_before and joined_to != c.char_at:
                kind = "ruby_line_break" if c.shape == "lines" else "ruby_separator"
                yield Edit(c.char_at - 1, c.char_at, "", note={kind: True})
            note = {"reading": normalize(c.reading), "evidence": why}
            yield Edit(c.start, c.end, "", note=note)
            joined_to = c.end
