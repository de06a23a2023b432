"""Build gbk_shift's word lexicon from jieba's dictionary.

jieba (MIT licence) ships ``jieba/dict.txt``: 349,046 words with counts (60M in all).
Read straight from jieba's source distribution, so jieba is never installed:

    pip download --no-deps --no-binary :all: jieba==0.42.1 -d /tmp/jieba
    python scripts/build_word_lexicon.py /tmp/jieba/jieba-0.42.1.tar.gz

Words of ``MIN_LEN``-``MAX_LEN`` characters, Han only, keyed as the character model keys
text (Traditional looked up as Simplified: ``char_model.key_text``); a word written in
both scripts is one word. Counts are not kept: word_model.py asks only whether a
string is a word. Output: ``cleaner/stages/encoding/models/data/word_lexicon.bin``,
zlib-compressed marshal of the sorted words joined by ``\\n`` and the source.
"""

from __future__ import annotations

import argparse
import marshal
import sys
import tarfile
import zlib
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cleaner.stages.encoding.models.char_model import char_lm, key_text  # noqa: E402
from cleaner.stages.encoding.models.word_model import MAX_LEN, MIN_LEN  # noqa: E402

MEMBER = "jieba-0.42.1/jieba/dict.txt"
OUT = Path(__file__).resolve().parents[1] / "cleaner/stages/encoding/models/data/word_lexicon.bin"
HAN = regex.compile(r"\p{Han}+")


def read_dict(tarball: Path) -> list[tuple[str, int]]:
    with tarfile.open(tarball) as tar:
        f = tar.extractfile(MEMBER)
        if f is None:
            raise SystemExit(f"{tarball}: no {MEMBER}")
        lines = f.read().decode("utf-8").splitlines()
    out = []
    for line in lines:
        word, count = line.split(" ")[:2]
        out.append((word, int(count)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tarball", type=Path, help="jieba-0.42.1.tar.gz (the sdist)")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    a = ap.parse_args()
    rows = read_dict(a.tarball)
    simp = char_lm().simp
    words = sorted(
        {
            key_text(word, simp)
            for word, _count in rows
            if MIN_LEN <= len(word) <= MAX_LEN and HAN.fullmatch(word)
        }
    )
    out = {"source": "jieba 0.42.1 jieba/dict.txt (MIT licence)", "words": "\n".join(words)}
    a.out.write_bytes(zlib.compress(marshal.dumps(out), 9))
    print(f"{len(words)} words of {len(rows)}: {a.out} ({a.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
