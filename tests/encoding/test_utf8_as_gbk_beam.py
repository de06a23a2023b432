"""utf8_as_gbk's beam step (``_beam_step``: the best scores only turned into readings,
kept per arguments) gives the readings the plain step gave: every (score, reading)
of the beam times the candidates, ``sorted(..., reverse=True)[:FILL_BEAM]``. With the
character model, and with a model of few distinct log-probabilities (ties)."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from cleaner.stages.encoding.models.char_model import CharLM, char_lm
from cleaner.stages.encoding.utf8_as_gbk import (
    FILL_BEAM,
    SAME_BYTES_BONUS,
    VARIANT_COST,
    _beam_step,
    _ceilings,
    _extend,
    candidates,
    rare_variant,
)


def _plain(
    lm: CharLM, beam: list[tuple[float, str]], tail: str, opts: list[str], favour: str | None
) -> list[tuple[float, str]]:
    """The step as ``_fill_pass`` made it before."""
    costs = [VARIANT_COST * rare_variant(c) for c in opts]
    lp = lm.lp
    return sorted(
        (
            (sc + lp(ctx, c) - cost + SAME_BYTES_BONUS * (c == favour), got + c)
            for sc, got, ctx in [(sc, got, (tail + got)[-2:]) for sc, got in beam]
            for c, cost in zip(opts, costs, strict=True)
        ),
        reverse=True,
    )[:FILL_BEAM]


class _Coarse:
    """A model with three log-probabilities: many ties."""

    def lp(self, ctx: str, ch: str) -> float:
        return -float((ord(ch) + sum(map(ord, ctx))) % 3)

    # ceilings of 0 nats: candidates are skipped once 16 scores beat that
    def history(self, ctx: str) -> str:
        return ctx[-2:]

    def seen_after(self, h: str) -> dict[str, None]:
        return {}

    def key(self, ch: str) -> str:
        return ch

    def backoff_p(self, h: str, k: str) -> float:
        return 1.0


def _lists(rng: random.Random) -> list[list[str]]:
    out = []
    while len(out) < 40:
        chunk = bytes((rng.randint(0xE4, 0xE9), rng.randint(0x80, 0xBF), 0xFF))
        if rng.random() < 0.3:
            chunk = bytes((chunk[0], 0xFF, rng.randint(0x80, 0xBF)))
        got = list(candidates(chunk))
        if got:
            out.append(got)
    return out


def test_the_beam_step_keeps_what_sorting_kept() -> None:
    rng = random.Random(12)
    lists = _lists(rng)
    tails = ["", "的", "中国", "，在", "a市"]
    for lm in (char_lm(), _Coarse()):
        for _ in range(300):
            tail = rng.choice(tails)
            beam = [(0.0, "")]
            for _step in range(rng.randint(1, 3)):
                opts = rng.choice(lists)
                if len(beam) > 1:
                    opts = opts[:64]
                favour = rng.choice([None, opts[0], opts[-1], "的"])
                want = _plain(lm, beam, tail, opts, favour)  # type: ignore[arg-type]
                assert _extend(lm, beam, tail, opts, favour) == want  # type: ignore[arg-type]
                got = _beam_step(lm, beam, tail, opts, favour)  # type: ignore[arg-type]
                assert got == want
                assert _beam_step(lm, beam, tail, opts, favour) == want  # type: ignore[arg-type]
                beam = want


def test_the_step_reads_only_the_context_it_keys_on() -> None:
    """The kept steps are keyed by the tail cut to what the scores read: the same
    answer for any longer tail."""
    lm = char_lm()
    opts = list(candidates(bytes((0xE4, 0xB8, 0xFF))))
    for beam in ([(0.0, "")], [(-3.0, "中"), (-4.0, "国")], [(-3.0, "中国"), (-5.0, "国中")]):
        for tail in ("", "的", "和的", "在"):
            assert _beam_step(lm, beam, tail, opts, None) == _plain(lm, beam, tail, opts, None)


def test_the_ceilings_are_at_least_the_log_probabilities() -> None:
    """``_ceilings`` bound ``lp`` from above (what lets the step skip a candidate):
    the model's backoff weights are at most 1, its key ids and characters are one
    map, and for every context of the codec damage set and random contexts each
    candidate's ``lp`` is at most its ceiling."""
    lm = char_lm()
    assert max(lm.bo3) <= 1.0
    assert all(lm.chars[i] == c for c, i in lm.ids.items())
    rng = random.Random(5)
    lists = _lists(rng)
    pairs = Path(__file__).parent / "data" / "codec_damage" / "pairs.jsonl"
    text = "".join(
        json.loads(line)["clean"] for line in pairs.read_text("utf-8").split("\n") if line
    )
    ctxs = [text[i : i + 2] for i in range(0, len(text) - 1, 29)]
    ctxs += [rng.choice(lists[0]) + rng.choice(lists[1]) for _ in range(80)]
    ctxs += ["", "的", "a", "ab", "，。"]
    checked = skipped = 0
    for ctx in ctxs:
        for opts in rng.sample(lists, 3):
            for c, ceiling in zip(opts, _ceilings(lm, ctx, opts), strict=True):
                assert lm.lp_uncached(ctx, c) <= ceiling
                assert lm.lp(ctx, c) <= ceiling
                checked += 1
                skipped += ceiling < math.inf
    assert checked > 20_000 and skipped > checked // 2
