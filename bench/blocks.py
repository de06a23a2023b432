"""Throughput of cutting documents into blocks (the pipeline pays it on every byte)."""

from __future__ import annotations

import io
import time
from pathlib import Path

from cleaner.core.blocks import iter_blocks

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def measure(name: str, text: str) -> None:
    start = time.perf_counter()
    blocks = sum(1 for _ in iter_blocks(io.StringIO(text).read))
    elapsed = time.perf_counter() - start
    mb = len(text.encode()) / 1e6
    print(f"blocks  {name:<28} {mb:6.1f} MB  {mb / elapsed:7.1f} MB/s  {blocks} blocks")


def main() -> None:
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    web = seeds["001"] + seeds["004"]  # long lines, no blank lines
    ocr = seeds["000"] + seeds["003"]  # column layout, many blank lines
    measure("web pages (001+004)", web * (30_000_000 // len(web.encode())))
    measure("OCR columns (000+003)", ocr * (30_000_000 // len(ocr.encode())))


if __name__ == "__main__":
    main()
