"""Measure the encoding stage on held-out text with the scraper's damage and with
legacy mojibake.

The scraper's damage is tests/encoding/test_text_damage.py's (pinyin annotations in three
styles, stray commas, folded marks); the text is held-out People's Daily paragraphs
(``scripts/build_char_ngrams.py --heldout FILE``), Simplified and through OpenCC
Traditional, 30 paragraphs to a document:

    python scripts/measure_text_damage.py /tmp/heldout.txt

Legacy mojibake: each paragraph encoded as GBK (Simplified; Traditional) or Big5
(Traditional) and shown as latin-1 or cp1252, alone through the encoding stage.
UTF-8 read as GBK: each paragraph's UTF-8 bytes decoded as GBK (Python's decoder, one
U+FFFD per byte it cannot pair) or GB18030 (as browsers do), with errors replaced or
ignored; characters left lost (U+FFFD) and put back wrong are counted.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (sloppy-windows-1252)
import opencc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "encoding"))
from test_text_damage import STYLES, damage  # noqa: E402

from cleaner.core.pipeline import Pipeline  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("heldout", type=Path)
    ap.add_argument("-n", type=int, default=600, help="paragraphs")
    a = ap.parse_args()
    lines = [ln for ln in a.heldout.read_text("utf-8").split("\n") if 20 < len(ln) < 400]
    simp = lines[: a.n]
    conv = opencc.OpenCC("s2t")
    pl = Pipeline(stages=["encoding"])
    for name, paras in (("Simplified", simp), ("Traditional", [conv.convert(p) for p in simp])):
        rng = random.Random(name)
        total = exact = 0
        for i in range(0, len(paras), 30):
            clean = "\n".join(paras[i : i + 30]) + "\n"
            for style in STYLES:
                out = pl.clean_text(damage(clean, rng, style))
                pairs = list(zip(out.split("\n"), clean.split("\n"), strict=False))
                total += len(pairs)
                exact += sum(x == y for x, y in pairs)
        print(f"{name}: {exact}/{total} lines exact ({exact / total:.2%})")
    trad = [conv.convert(p) for p in simp]
    for name, paras, codec, shown in (
        ("GBK as latin-1, Simplified", simp, "gbk", "latin-1"),
        ("GBK as cp1252, Traditional", trad, "gbk", "sloppy-windows-1252"),
        ("Big5 as latin-1, Traditional", trad, "big5", "latin-1"),
    ):
        total = exact = 0
        for para in paras:
            try:
                damaged = para.encode(codec).decode(shown)
            except UnicodeError:  # not in Big5
                continue
            total += 1
            exact += pl.clean_text(damaged) == para
        print(f"{name}: {exact}/{total} paragraphs exact ({exact / total:.2%})")
    for codec in ("gbk", "gb18030"):
        for errors in ("replace", "ignore"):
            exact = lost = wrong = chars = left = 0
            for para in simp:
                out = pl.clean_text(para.encode("utf-8").decode(codec, errors))
                exact += out == para
                chars += len(para)
                if len(out) == len(para):
                    lost += out.count("\ufffd")
                    wrong += sum(a != b and a != "\ufffd" for a, b in zip(out, para, strict=True))
                else:
                    left += 1  # left as it was, or characters gained or lost
            print(
                f"UTF-8 as {codec} ({errors}), Simplified: {exact}/{len(simp)} paragraphs exact, "
                f"{left} not repaired; of {chars} characters {lost} lost, {wrong} wrong"
            )


if __name__ == "__main__":
    main()
