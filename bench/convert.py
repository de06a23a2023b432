"""Convert stage vs a direct call of the official OpenCC binding on the same ~10 MB corpus.

Corpora are the seeds repeated to 10 MB: Simplified (000, 002, 003: OCR lines of ~18
characters; and 002 alone: one paragraph per line, as after the layout stage) for
to=traditional (s2t), Traditional (001, 004) for to=simplified (t2s), plus the no-op
directions (text already in the target script).

The corpus is cut into the pipeline's blocks once; then, alternating to even out a busy
machine, "direct" converts each block with the binding and "stage" runs the pipeline on
each block (the convert stage, edit layers and statistics; block cutting, which
every stage shares, is left out and shown apart as "cut"). Best CPU time of --repeat
runs. The
issue's budget is stage / direct <= 1.3. Run from the repo root:
    .venv/bin/python bench/convert.py [--mb 10] [--unit line|char|run] [--ambiguity]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import opencc

from cleaner.core.blocks import Block, iter_blocks
from cleaner.core.pipeline import Pipeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def corpus(ids: tuple[str, ...], mb: float) -> str:
    paths = [p for p in sorted(SEEDS.glob("*.txt")) if p.name[:3] in ids]
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    return text * (int(mb * 1e6) // len(text.encode("utf-8")) + 1)


def cut(text: str) -> list[Block]:
    pos = 0

    def read(n: int) -> str:
        nonlocal pos
        pos += n
        return text[pos - n : pos]

    return list(iter_blocks(read))


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    t = time.process_time()  # CPU time: steadier than wall time on a shared machine
    fn()
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--unit", default=None, help="default: the rule file's (run)")
    ap.add_argument("--ambiguity", action="store_true")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rows = [
        ("traditional", "s2t", ("000", "002", "003"), "Simplified, OCR lines"),
        ("traditional", "s2t", ("002",), "Simplified, paragraphs"),
        ("simplified", "t2s", ("001", "004"), "Traditional"),
        ("simplified", "t2s", ("000", "002", "003"), "Simplified (no-op)"),
        ("traditional", "s2t", ("001", "004"), "Traditional (no-op)"),
    ]
    print(f"opencc {opencc.__version__}; unit={args.unit or 'default'} ambiguity={args.ambiguity}")
    for to, cfg, ids, label in rows:
        text = corpus(ids, args.mb)
        mb = len(text.encode("utf-8")) / 1e6
        blocks = cut(text)
        cc = opencc.OpenCC(cfg)
        opts: dict[str, object] = {"to": to, "ambiguity": args.ambiguity}
        if args.unit:
            opts["unit"] = args.unit
        pl = Pipeline(stages=["convert"], overrides={"convert": {"opencc": opts}})
        direct, stage = [], []

        def run_direct(cc: opencc.OpenCC = cc, bs: list[Block] = blocks) -> None:
            for b in bs:
                cc.convert(b.text)

        def run_stage(pl: Pipeline = pl, bs: list[Block] = blocks) -> None:
            for b in bs:
                pl.clean_text(b.text)

        for _ in range(args.repeat):
            direct.append(timed(run_direct))
            stage.append(timed(run_stage))
        d, s = min(direct), min(stage)
        cutting = timed(partial(cut, text))
        print(
            f"to={to:<11} {label:<23} {mb:4.1f} MB  direct {cfg} {mb / d:6.1f} MB/s"
            f"  stage {mb / s:6.1f} MB/s  ratio {s / d:.2f}  (cut {mb / cutting:5.1f} MB/s)"
        )


if __name__ == "__main__":
    main()
