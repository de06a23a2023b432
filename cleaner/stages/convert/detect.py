"""Which script a text is in, cheaply: characters that exist in only one script.

The screens are compiled character classes of the Simplified-only and
Traditional-only characters (tables.py, from OpenCC's dictionaries). They hold
BMP characters only: with a supplementary-plane character in it, ``re`` falls
back to a slow class test. A line is in the script whose characters it has more
of; a line with neither follows its neighbours.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from cleaner.stages.convert.configs import SIMPLIFIED, TRADITIONAL
from cleaner.stages.convert.tables import char_class, load

MIXED = "mixed"
NONE = "none"
# a minority script below this share of the classified lines counts as noise
MIXED_MIN_SHARE = 0.02
# characters sampled to tell which script is the rarer one in a mixed block
SAMPLE = 4_000


@lru_cache(maxsize=1)
def screen_chars() -> dict[str, frozenset[str]]:
    """``{"simplified": S-only characters, "traditional": T-only ones}`` (BMP only, as
    the screens hold them): whether a text holds any is a set test, which needs no
    regex compiled."""
    t = load()
    return {
        script: frozenset(c for c in t[key] if ord(c) < 0x10000)
        for script, key in ((SIMPLIFIED, "s_only"), (TRADITIONAL, "t_only"))
    }


# once the set test has read this many characters in the process (about what compiling
# the screens costs), ``holds`` searches with the screens: they read a text some ten
# times as fast; a short run compiles nothing
SCREEN_AFTER = 500_000
_tested = [0]  # characters the set test has read (a race only delays the switch)


def holds(script: str, text: str) -> bool:
    """Whether ``text`` holds a character only ``script`` has: ``screens()[script]``
    finds one. A text all in one script (most are) is settled by two of these."""
    if _tested[0] >= SCREEN_AFTER or screens.cache_info().currsize:
        return screens()[script].search(text) is not None
    _tested[0] += len(text)
    return not screen_chars()[script].isdisjoint(text)


@lru_cache(maxsize=1)
def screens() -> dict[str, re.Pattern[str]]:
    """``{"simplified": S-only class, "traditional": T-only class}``."""
    chars = screen_chars()
    return {script: re.compile(char_class("".join(sorted(chars[script])))) for script in chars}


def other(script: str) -> str:
    return TRADITIONAL if script == SIMPLIFIED else SIMPLIFIED


def line_script(line: str) -> str:
    """simplified | traditional | none for one line (by majority of marked characters)."""
    sc = screens()
    s = sc[SIMPLIFIED].search(line)
    t = sc[TRADITIONAL].search(line)
    if s and t:
        ns = len(sc[SIMPLIFIED].findall(line))
        nt = len(sc[TRADITIONAL].findall(line))
        if ns == nt:
            return NONE
        return SIMPLIFIED if ns > nt else TRADITIONAL
    return SIMPLIFIED if s else TRADITIONAL if t else NONE


def detect_script(text: str) -> str:
    """simplified | traditional | mixed | none for a whole text.

    >>> detect_script("这是简体。"), detect_script("這是繁體。"), detect_script("abc 123")
    ('simplified', 'traditional', 'none')
    """
    has_s = holds(SIMPLIFIED, text)
    has_t = holds(TRADITIONAL, text)
    if not (has_s or has_t):
        return NONE
    if has_s != has_t:
        return SIMPLIFIED if has_s else TRADITIONAL
    counts = {SIMPLIFIED: 0, TRADITIONAL: 0, NONE: 0}
    for line in text.splitlines():
        counts[line_script(line)] += 1
    ns, nt = counts[SIMPLIFIED], counts[TRADITIONAL]
    if min(ns, nt) == 0 or min(ns, nt) < MIXED_MIN_SHARE * (ns + nt):
        return SIMPLIFIED if ns >= nt else TRADITIONAL
    return MIXED


def _holds_at_least(script: re.Pattern[str], k: int, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds at least ``k`` characters ``script`` matches."""
    return k <= 0 or next(islice(script.finditer(text, start, end), k - 1, None), None) is not None


def _decided_lines(text: str, rare: str, common: str, ties: bool) -> list[tuple[int, int]]:
    """Lines holding more ``rare`` characters than ``common`` ones (or as many, with
    ``ties``), each extended over the lines below it that hold neither script.

    One pass finds the rare characters and groups them by line; one regex match per
    such line then tells whether it holds as many common ones."""
    sc = screens()
    r, c = sc[rare], sc[common]
    spans: list[tuple[int, int]] = []
    n = len(text)
    extra = 1 if ties else 0

    def decide(start: int, end: int, count: int) -> None:
        if _holds_at_least(c, count + extra, text, start, end):
            return
        if not spans and c.search(text, 0, start) is None:
            start = 0  # lines with neither script above the first decided one
        while end < n:  # lines with neither script below stay with it
            nxt = text.find("\n", end + 1)
            nxt = n if nxt < 0 else nxt
            if r.search(text, end + 1, nxt) or c.search(text, end + 1, nxt):
                break
            end = nxt
        spans.append((start, end))

    start, end, count = 0, -1, 0
    for m in r.finditer(text):
        p = m.start()
        if p > end:  # the first rare character of a new line
            if count:
                decide(start, end, count)
            start = text.rfind("\n", 0, p) + 1
            end = text.find("\n", p)
            end = n if end < 0 else end
            count = 0
        count += 1
    if count:
        decide(start, end, count)
    return spans


def _complement(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """The line runs of a text of length ``n`` outside ``spans`` (whole lines)."""
    runs: list[tuple[int, int]] = []
    pos = 0
    for start, end in spans:
        if start - 1 > pos:
            runs.append((pos, start - 1))
        pos = max(pos, end + 1)
    if pos < n:
        runs.append((pos, n))
    return runs


def plan(text: str, source: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (runs of whole lines) that are in the ``source`` script and
    so should be converted; the rest is already in the other script or follows it.

    One search each settles a block that is all one script. In a block holding both,
    only the lines holding the rarer script's characters are looked at: a sample
    tells which script is rarer.
    """
    target = other(source)
    if not holds(source, text):
        return []
    if not holds(target, text):
        return [(0, len(text))]
    sc = screens()
    src, tgt = sc[source], sc[target]
    sample = text[:SAMPLE]
    if len(tgt.findall(sample)) <= len(src.findall(sample)):
        # mostly source: find the target-script lines, convert everything else
        kept = _decided_lines(text, target, source, ties=True)  # a tie keeps the line
        return [(a, b) for a, b in _complement(kept, len(text)) if src.search(text, a, b)]
    # mostly target: convert only the source-script lines
    return _decided_lines(text, source, target, ties=False)
