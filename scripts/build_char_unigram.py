"""Build cleaner/io/data/char_unigram.txt from the character model of gbk_shift.

The decoder needs only how common each character is, to tell which of two legacy
decodings reads as Chinese; the full trigram model takes ~0.4 s to load, this table
~5 ms. Each line is a log-probability (natural log, rounded to 0.5) and the
characters that have it; traditional characters carry their simplified form's value.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from cleaner.stages.encoding.models.char_model import CharLM

OUT = Path(__file__).resolve().parents[1] / "cleaner" / "io" / "data" / "char_unigram.txt"
STEP = 0.5
KEEP_ABOVE = -17.0  # rarer than this is left to the decoder's floor


def main() -> None:
    lm = CharLM()
    chars = set(lm.p1) | {chr(k) for k in lm.simp} | {chr(o) for o in range(0xFF01, 0xFF5F)}
    buckets: dict[float, list[str]] = defaultdict(list)
    for ch in sorted(c for c in chars if ord(c) >= 0x80 and len(c) == 1):
        lp = lm.unigram(ch)
        if lp > KEEP_ABOVE:
            buckets[round(lp / STEP) * STEP].append(ch)
    lines = [f"# {len(sum(buckets.values(), []))} characters; built by {Path(__file__).name}"]
    lines += [f"{lp:g}\t{''.join(cs)}" for lp, cs in sorted(buckets.items(), reverse=True)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
