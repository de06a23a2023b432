"""Throughput (MB/s of UTF-8 input) of the encoding stage's four mojibake rules.

Clean: the seeds' Simplified text (000, 002, 003) repeated to ~20 MB. Damaged:
001+004 raw (GBK stretches, pinyin, stray commas) repeated to ~2 MB, and the
Simplified text turned into UTF-8-read-as-cp1252 mojibake line by line (every
tenth line) to ~2 MB, and into GBK-read-as-latin-1 and UTF-8-read-as-GBK mojibake the
same way. Each rule
runs alone through its own ``find`` over 256K-char blocks, as the pipeline feeds it.
Run from the repo root: .venv/bin/python bench/encoding_mojibake.py
"""

from __future__ import annotations

import time
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401

from cleaner.core.rule import BlockContext, Rule
from cleaner.stages.encoding.gbk import GbkShift
from cleaner.stages.encoding.legacy_mojibake import LegacyMojibake
from cleaner.stages.encoding.models.char_model import char_lm
from cleaner.stages.encoding.utf8_as_gbk import Utf8AsGbk
from cleaner.stages.encoding.utf8_mojibake import Utf8Mojibake

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BLOCK = 256 * 1024


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")


def repeat(text: str, mb: float) -> str:
    n = int(mb * 1e6 / len(text.encode("utf-8"))) + 1
    return text * n


def mojibake(text: str, codec: str = "utf-8", shown_as: str = "sloppy-windows-1252") -> str:
    lines = text.split("\n")
    for i in range(0, len(lines), 10):
        lines[i] = lines[i].encode(codec, "replace").decode(shown_as, "replace")
    return "\n".join(lines)


def bench(rule: Rule, text: str) -> tuple[float, int]:
    state = rule.new_state("bench")
    edits = 0
    t0 = time.perf_counter()
    for start in range(0, len(text), BLOCK):
        block = text[start : start + BLOCK]
        edits += sum(1 for _ in rule.find(block, BlockContext(start=start, state=state)))
    dt = time.perf_counter() - t0
    return len(text.encode("utf-8")) / 1e6 / dt, edits


def main() -> None:
    simp = "\n".join(seed(p) for p in ("000", "002", "003"))
    clean = repeat(simp, 20)
    damaged_gbk = repeat(seed("001") + seed("004"), 2)
    damaged_utf8 = repeat(mojibake(simp), 2)
    damaged_gbk_latin1 = repeat(mojibake(simp, "gbk", "latin-1"), 2)
    damaged_utf8_gbk = repeat(mojibake(simp, "utf-8", "gbk"), 2)
    char_lm()  # built once per process (about 2 s); not part of the rates below
    rules: list[Rule] = [
        LegacyMojibake(LegacyMojibake.Params()),
        Utf8AsGbk(Utf8AsGbk.Params()),
        Utf8Mojibake(Utf8Mojibake.Params()),
        GbkShift(GbkShift.Params()),
    ]
    for name, text in (
        ("clean Simplified", clean),
        ("001+004 raw (GBK stretches)", damaged_gbk),
        ("UTF-8-as-cp1252 lines", damaged_utf8),
        ("GBK-as-latin-1 lines", damaged_gbk_latin1),
        ("UTF-8-as-GBK lines", damaged_utf8_gbk),
    ):
        mb = len(text.encode("utf-8")) / 1e6
        for rule in rules:
            rate, edits = bench(rule, text)
            print(f"{rule.id:15} {name:30} {mb:6.1f} MB  {rate:8.1f} MB/s  {edits:6} edits")


if __name__ == "__main__":
    main()
