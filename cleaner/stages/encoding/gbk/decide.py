"""gbk_shift's choice between the endings of a stretch's search.

Every ending is scored over the same window of text (the stretch with a few
characters of context on each side), together with the text as it stands. A repair
is made only when the best reading beats the text as it stands by ``min_gain`` and
the runner-up by ``margin`` (more when the closing ``?`` ate a byte nothing can tell);
the runner-up includes the best reading with any one lost-byte character swapped.
A stretch of marks alone (``?!?``, ``???``) needs evidence besides the model: a
letter the bytes give whole in the reading (``shows_letter``), the tool's stray
comma before it, or the block's annotation of the character the closing ``?`` cut
(``?;?jī)``: ``。基(jī)``). Marks re-read one byte on are marks again or characters
the model alone chose, and the model prefers those to a genuine ``为什么?!?``.
"""

from __future__ import annotations

import math
from collections.abc import Container
from typing import Any

from cleaner.stages.encoding.gbk.scorer import Scorer
from cleaner.stages.encoding.gbk.search import KEPT_ENDINGS, Endings, Hypothesis, after_stray
from cleaner.stages.encoding.models.char_model import left_context

NEIGHBOURS = 8  # swaps tried per lost-byte character, besides the one read
DECIDE_ENDS = KEPT_ENDINGS  # endings scored over the window, best first by search score
# words_agree skips the lexicon for readings that cannot be the best of the others; off
# only to show that this changes nothing (tests/encoding/test_gbk_words_pruned.py)
PRUNE_WORDS = True

# where the repair ends, what to write, the record's note, and whether to repair
Decision = tuple[int, str, dict[str, Any], bool]


def decide(text: str, anchor: int, found: Endings, scorer: Scorer, params: Any) -> Decision | None:
    """Score every ending over the same window and pick one, if clearly best; None
    when the text as it stands reads better."""
    marks = set(params.marks)
    stop = anchor + 1 + found.reach
    window_score = scorer.window(text, anchor, stop)

    # per reading: window score, visible characters consumed, eaten byte put back
    best: dict[str, tuple[float, int, str | None]] = {}
    hyps: dict[str, Hypothesis] = {}  # per reading, its hypothesis (or the one it varies)
    ends = sorted(found.items, key=lambda e: -e[0])
    for _score, consumed, tail, make in ends[:DECIDE_ENDS]:
        hyp = make if isinstance(make, Hypothesis) else make()
        score = window_score(hyp.path + text[anchor + 1 + consumed : stop]) + hyp.prior
        if hyp.path not in best or score > best[hyp.path][0]:
            best[hyp.path] = (score, consumed, tail)
            hyps[hyp.path] = hyp
    top = max(best, key=lambda k: best[k][0])
    # the runner-up must include the best reading with any one lost-byte character
    # swapped for another that fits there (the search may have pruned those)
    hyp, (_, consumed, tail) = hyps[top], best[top]
    rest = text[anchor + 1 + consumed : stop]
    left = text[anchor - 1] if anchor else ""

    def own_prior(path: str) -> float:
        """The priors that depend on which character stands in a slot."""
        stray = params.stray_comma_bonus if after_stray(left, path[0], marks) else 0.0
        return stray + scorer.annotation_bonus(path[-1], hyp.reading)

    shared = hyp.prior - own_prior(top)
    for pos, alts in hyp.slots:
        before = (left_context(text, anchor) + top[:pos])[-2:]
        after = top[pos + 1] if pos + 1 < len(top) else None
        for alt in scorer.best(list(alts), before, NEIGHBOURS + 1, after):
            other = top[:pos] + alt + top[pos + 1 :]
            if other not in best:
                score = window_score(other + rest) + shared + own_prior(other)
                best[other] = (score, consumed, tail)
                hyps[other] = hyp
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    path, (best_score, consumed, tail) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else -math.inf
    as_is = window_score(text[anchor:stop])
    end = anchor + 1 + consumed
    gain, margin = best_score - as_is, best_score - runner_up
    if gain <= 0:
        return None  # the text as it stands reads better: not damage
    note: dict[str, Any] = {
        "codec": params.codec,
        "gain": round(gain, 2),
        "margin": round(margin, 2) if margin != math.inf else None,
        "alternatives": [
            [alt, round(score - best_score, 2)]
            for alt, (score, _, _) in ranked[1 : 1 + params.alternatives]
        ],
    }
    need = params.margin
    if tail is None:  # the '?' ate an ASCII byte that nothing here can tell
        note["lost_byte"] = True
        need += params.lost_byte_margin  # and the text after it may not follow directly
    ok = gain >= params.min_gain and margin >= need
    if ok and params.word_weight:
        ok = words_agree(text, anchor, stop, best, path, need, scorer, params, note)
    src = hyps[path]
    if not (
        shows_letter(text[anchor:end])
        or shows_letter(path, {pos for pos, _ in src.slots})
        or after_stray(left, path[0], marks)
        or scorer.annotation_bonus(path[-1], src.reading) > 0
    ):
        note["marks_only"] = True  # nothing but the model says the bytes were out of step
        ok = False
    if not ok:
        note["best"] = path
    return end, path + (tail or ""), note, ok


def words_agree(
    text: str,
    anchor: int,
    stop: int,
    best: dict[str, tuple[float, int, str | None]],
    path: str,
    need: float,
    scorer: Scorer,
    params: Any,
    note: dict[str, Any],
) -> bool:
    """Whether ``path`` still leads every other reading by ``need`` when each earns
    ``word_weight`` nats per character the lexicon joins into words (word_model.py);
    the lead goes in the note as ``word_margin``. A check only: the lexicon can stop
    a repair, never make one."""
    word_score, word_room = scorer.word_windows(text, anchor, stop)
    rest, weight = anchor + 1, params.word_weight
    score, consumed, _ = best[path]
    own = score + weight * word_score(path + text[rest + consumed : stop])
    if len(best) == 1:
        return True
    # the best of the others: a reading whose bonus, even as large as its window could
    # hold (``word_room``), cannot lift it above the best one looked up so far cannot
    # change the maximum, so its lexicon lookup is skipped (PRUNE_WORDS off: each one
    # looked up, as tests/encoding/test_gbk_words_pruned.py compares)
    top = -math.inf
    others = sorted(
        ((score, p, consumed) for p, (score, consumed, _) in best.items() if p != path),
        key=lambda it: -it[0],
    )
    for score, p, consumed in others:
        reading = p + text[rest + consumed : stop]
        if PRUNE_WORDS and score + weight * word_room(reading) <= top:
            continue
        top = max(top, score + weight * word_score(reading))
    lead = own - top
    note["word_margin"] = round(lead, 2)
    return lead >= need


def shows_letter(text: str, lost_at: Container[int] = ()) -> bool:
    """Whether ``text`` has a letter or digit, other than at ``lost_at`` (the
    characters of a reading that went through a lost byte, chosen by the model).

    A genuine ``为什么?!?`` re-read one byte on is ``。”`` (a run of marks re-reads
    as marks) and a genuine ``???`` is a lost lead byte and a lost trail byte around
    one shown pair (``遥控``): the character model prefers either to three ASCII
    marks, but neither shows a letter the bytes give whole."""
    return any(ch.isalnum() for i, ch in enumerate(text) if i not in lost_at)
