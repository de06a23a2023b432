"""Measure gbk_shift on held-out People's Daily paragraphs (the tuning set).

The paragraphs come from ``scripts/build_char_ngrams.py --heldout FILE`` (every 20th,
never counted into the model). Each gets the comma tool's stray commas and one comma
inside a character at a random site where the mechanism can strike, as in
tests/encoding/test_gbk_shift_generator.py; Traditional is the same paragraphs through
OpenCC s2t.

    python scripts/measure_gbk_shift.py /tmp/heldout.txt -n 80
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "encoding"))
from test_gbk_shift_generator import P_STRAY, _pipeline, judge_stretch  # noqa: E402

from cleaner.stages.encoding.gbk.damage import (  # noqa: E402
    add_stray_commas,
    char_starts,
    mark_patterns,
    straddle_sites,
)
from cleaner.stages.encoding.gbk.tables import codec_table  # noqa: E402


def measure(paras: list[str], n: int, seed: int) -> dict[str, int]:
    pl = _pipeline("gbk")
    patterns = mark_patterns(codec_table("gbk"), "，、。；！？")
    rng = random.Random(seed)
    order = list(range(len(paras)))
    rng.shuffle(order)
    counts = {"stretches": 0, "exact": 0, "wrong": 0, "unrepaired": 0, "ate": 0, "hid": 0}
    for i in order:
        if counts["stretches"] >= n:
            break
        enc = char_starts(add_stray_commas(paras[i], rng, P_STRAY), "gbk")
        if enc is None:
            continue
        data, starts = enc
        sites = straddle_sites(data, starts, patterns)
        if not sites:
            continue
        outcome, losses = judge_stretch(pl, data.decode("gbk"), "gbk", rng.choice(sites))
        counts[outcome.split(" by ")[0]] += 1  # a wrong one is wrong, eaten byte or not
        counts["ate"] += "ate a byte" in losses
        counts["hid"] += "hid a character" in losses
        counts["stretches"] += 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("heldout", type=Path)
    ap.add_argument("-n", type=int, default=80, help="stretches per script")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    lines = a.heldout.read_text("utf-8").split("\n")
    simp = [p for p in lines if 30 < len(p) < 400]
    conv = opencc.OpenCC("s2t")
    for name, paras in (("Simplified", simp), ("Traditional", [conv.convert(p) for p in simp])):
        t = time.perf_counter()
        c = measure(paras, a.n, a.seed)
        print(
            f"{name}: {c['stretches']} stretches, {c['exact']} exact "
            f"({c['exact'] / max(c['stretches'], 1):.0%}), {c['wrong']} wrong, "
            f"{c['unrepaired']} unrepaired; {c['ate']} lost a byte no decoder can "
            f"restore, {c['hid']} hid a whole character [{time.perf_counter() - t:.0f} s]"
        )


if __name__ == "__main__":
    main()
