"""How law_sentences.txt.gz was made (run once; kept for provenance).

Sentences of PRC laws and State Council regulations from a checkout of
github.com/LawRefBook/Laws (the folders in ``FOLDERS``): the text after
``<!-- INFO END -->`` of each file, article numbers (``第十二条``) dropped, cut after
``。`` or ``；``, kept when 14-90 characters long and at least 70% Han. Distinct
sentences, a seeded sample of ``--count``, one per line, gzipped (mtime 0, so the
file is byte-identical on every run).

    git clone https://github.com/LawRefBook/Laws /tmp/laws  # commit in bench/README.md
    .venv/bin/python bench/data/make_law_sentences.py /tmp/laws
"""

from __future__ import annotations

import argparse
import gzip
import random
from pathlib import Path

import regex

FOLDERS = ["行政法规", "经济法", "社会法", "行政法", "民法商法", "刑法", "宪法相关法"]
SEED = 20261201
OUT = Path(__file__).resolve().with_name("law_sentences.txt.gz")


def sentences(text: str) -> list[str]:
    body = text.split("<!-- INFO END -->", 1)[-1]
    out = []
    for line in body.split("\n"):
        line = line.strip()
        if not line or line.startswith(("#", "<", "-", "|", "!", "[")):
            continue
        line = regex.sub(r"^第[一二三四五六七八九十百千零〇]+条\s*", "", line)
        for s in regex.findall(r"[^。；]+[。；]", line):
            s = s.strip()
            han = len(regex.findall(r"\p{Han}", s))
            if 14 <= len(s) <= 90 and han >= 0.7 * len(s):
                out.append(s)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("laws", type=Path, help="a checkout of LawRefBook/Laws")
    ap.add_argument("--count", type=int, default=30000)
    a = ap.parse_args()
    pool: dict[str, None] = {}
    for folder in FOLDERS:
        for path in sorted((a.laws / folder).rglob("*.md")):
            for s in sentences(path.read_text("utf-8")):
                pool.setdefault(s)
    found = list(pool)
    chosen = random.Random(SEED).sample(found, min(a.count, len(found)))
    data = ("\n".join(chosen) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(found)} distinct sentences, {len(chosen)} kept ({len(data) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
