"""What gbk_shift's shortcuts rest on: context read from bounded slices equals context
read from the whole line, and no log-probability exceeds 0 (the search's look-ahead
stops a step only when even the block's bonuses could not keep it in the race)."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from cleaner.stages.encoding.gbk.scorer import ANNOTATION, CONTEXT, LP_SLACK, right_context
from cleaner.stages.encoding.models.char_model import BOS, EOS, char_lm, left_context

TEXT = st.text(alphabet="中文a(b)\n的ǎ", max_size=300)


def _left_whole_line(text: str, a: int, n: int) -> str:
    line_start = text.rfind("\n", 0, a) + 1
    ctx = text[max(line_start, a - n) : a]
    return (BOS + ctx) if a - line_start < n else ctx


def _right_whole_line(text: str, at: int) -> str:
    line_end = text.find("\n", at)
    rest = ANNOTATION.sub("", text[at : len(text) if line_end < 0 else line_end])
    return rest[:CONTEXT] + (EOS if len(rest) < CONTEXT else "")


@given(TEXT, st.integers(0, 300), st.integers(1, 5))
def test_left_context_reads_back_n_characters_only(text: str, a: int, n: int) -> None:
    a = min(a, len(text))
    assert left_context(text, a, n) == _left_whole_line(text, a, n)


@given(st.lists(st.sampled_from(["中", "文", "(ǎ)", "(zhong)", "(", ")", "\n", "a"]), max_size=80))
def test_right_context_from_a_slice_equals_the_whole_line(parts: list[str]) -> None:
    text = "".join(parts)
    for at in range(len(text) + 1):
        assert right_context(text, at) == _right_whole_line(text, at)


def test_right_context_past_many_annotations() -> None:
    text = "中" + "(zhong)" * 20 + "国人民\n"
    assert right_context(text, 1) == _right_whole_line(text, 1) == "国人民" + EOS


def test_no_log_probability_above_zero() -> None:
    lm = char_lm()
    rng = random.Random(3)
    chars = list(lm.p1)[:4000] + ["■", "\U00020000", "a", "7", BOS, EOS]
    common = "的一是在不了有和人这中大为上个国我以要他"
    for _ in range(50_000):
        ctx = "".join(rng.choice(common + "".join(rng.sample(chars, 3))) for _ in range(2))
        assert lm.lp(ctx, rng.choice(chars)) <= LP_SLACK
    # the largest probabilities: a frequent character after its usual predecessors
    assert max(lm.lp(a + b, c) for a in common for b in common for c in common) <= LP_SLACK


def _contexts_and_characters(seed: int) -> tuple[list[str], list[str]]:
    lm = char_lm()
    rng = random.Random(seed)
    chars = list(lm.p1)[:4000] + ["■", "\U00020000", "a", "7", "。", BOS, EOS]
    common = "的一是在不了有和人这中大为上个国我以要他"
    pool = common + "".join(rng.sample(chars, 40))
    ctxs = ["", BOS] + ["".join(rng.choices(pool, k=rng.randint(1, 3))) for _ in range(400)]
    return ctxs, rng.sample(chars, 300) + list(common)


def test_backoff_lp_is_lp_outside_the_seen_trigrams() -> None:
    """Scorer._block_ranked scores such candidates with ``backoff_lp``: the same float."""
    lm = char_lm()
    ctxs, chars = _contexts_and_characters(5)
    checked = 0
    for ctx in ctxs:
        h = lm.history(ctx)
        seen = lm.seen_after(h)
        for c in chars:
            if lm.key(c) not in seen:
                assert lm.backoff_lp(h, lm.key(c)) == lm.lp_uncached(ctx, c) == lm.lp(ctx, c)
                checked += 1
    assert checked > 50_000


def test_the_ceiling_bounds_every_candidate() -> None:
    """StretchSearch.ceilings are at least the model's log-probability of each
    candidate of its list after the context (when no seen trigram may score higher)."""
    from cleaner.stages.encoding.gbk import GbkShift

    lm = char_lm()
    search = GbkShift(GbkShift.Params()).search
    ctxs, chars = _contexts_and_characters(7)
    rng = random.Random(7)
    lists = [rng.sample(chars, rng.randint(1, 40)) for _ in range(30)]
    below = 0
    for ctx in ctxs:
        for i, cands in enumerate(lists):
            found = search.ceilings(lm, ctx, cands, ("test", i))
            if found is None:
                continue
            each, best = found
            assert all(lm.lp(ctx, c) <= ceiling for c, ceiling in zip(cands, each, strict=True))
            assert best == max(each)
            below += 1
    assert below > len(ctxs) * len(lists) / 2  # they tell something, most of the time
