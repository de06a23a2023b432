"""Throughput of the encoding stage's text rules, alone and as a whole stage.

Clean text: the print seeds 000 and 003 (Simplified) and their Traditional
conversion, repeated to about --mb megabytes of UTF-8. Damaged text: the scraped
seeds 001, 002 and 004, repeated the same way. Prints MB/s (UTF-8 input bytes per
second of wall time, best of --repeat runs).

    .venv/bin/python bench/encoding_text.py [--mb 20] [--repeat 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import opencc

from cleaner.core.pipeline import Pipeline
from cleaner.stages import rule_classes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEXT_RULES = [
    "html_leftovers",
    "markdown_image",
    "related_links",
    "pinyin",
    "stray_comma",
    "fold_punct",
]


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _corpus(parts: list[str], mb: float) -> str:
    unit = "\n\n".join(parts) + "\n\n"
    n = max(1, int(mb * 1e6 / len(unit.encode("utf-8"))))
    return unit * n


def _pipeline(only: list[str] | None) -> Pipeline:
    ids = [c.id for c in rule_classes("encoding")]
    overrides = {} if only is None else {r: {"enabled": r in only} for r in ids}
    return Pipeline(stages=["encoding"], overrides={"encoding": overrides})


def _rate(pipeline: Pipeline, text: str, repeat: int) -> tuple[float, int]:
    size = len(text.encode("utf-8")) / 1e6
    best = float("inf")
    changes = 0
    for _ in range(repeat):
        records: list[object] = []
        t0 = time.perf_counter()
        pipeline.clean_text(text, path="bench", sink=records.append)
        best = min(best, time.perf_counter() - t0)
        changes = len(records)
    return size / best, changes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument(
        "--stage-damaged-mb",
        type=float,
        default=0.5,
        help="damaged text for the whole stage (gbk_shift is slow on it)",
    )
    args = ap.parse_args()
    s2t = opencc.OpenCC("s2t")
    clean_parts = [_seed("000"), _seed("003")]
    clean = _corpus(clean_parts + [s2t.convert(t) for t in clean_parts], args.mb)
    damaged_parts = [_seed("001"), _seed("002"), _seed("004")]
    damaged = _corpus(damaged_parts, args.mb)
    damaged_small = _corpus(damaged_parts, args.stage_damaged_mb)
    print(
        f"clean {len(clean.encode()) / 1e6:.1f} MB, damaged {len(damaged.encode()) / 1e6:.1f} MB"
        f" (whole stage: {len(damaged_small.encode()) / 1e6:.1f} MB)"
    )
    configs: list[tuple[str, list[str] | None]] = [(r, [r]) for r in TEXT_RULES]
    configs += [("text rules together", TEXT_RULES), ("whole encoding stage", None)]
    print(f"{'rules':<24} {'clean MB/s':>11} {'damaged MB/s':>13} {'changes':>9}")
    for name, only in configs:
        pipeline = _pipeline(only)
        clean_rate, clean_changes = _rate(pipeline, clean, args.repeat)
        sample = damaged if only is not None else damaged_small
        damaged_rate, damaged_changes = _rate(pipeline, sample, args.repeat)
        assert clean_changes == 0 or only is None, f"{name} changed clean text"
        print(f"{name:<24} {clean_rate:>11.1f} {damaged_rate:>13.1f} {damaged_changes:>9}")


if __name__ == "__main__":
    main()
