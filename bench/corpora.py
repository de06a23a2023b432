"""Seeded benchmark corpora: five kinds of text, every paragraph unique, cached on disk.

Paragraphs are two to six sentences drawn with a seeded RNG from a pool: sentences of
PRC laws and regulations (``bench/data/law_sentences.txt.gz``, see bench/README.md for
the source and licence) and, about one in ten, sentences of the seeds' clean parts
(``tests/encoding/data/gbk_clean_paragraphs.txt``, made to Simplified with OpenCC t2s).
No paragraph is drawn twice, so no memo can make a repeat look cheap; Traditional text
is the same kind of paragraph through OpenCC s2t. The kinds:

* ``web``: web-damaged Traditional, like seeds 001 and 004: pages of a markdown image
  line, a headline, one paragraph per line with pinyin annotations (``學(xué)``), the comma
  tool's stray commas, the GBK decoder's folded marks and its one-byte-shift ``?``
  stretches (``cleaner/stages/encoding/gbk/damage.py``), now and then a clause of
  mojibake (UTF-8 read as GBK or cp1252, GBK read as latin-1), and a footer of related
  links (title + date).
* ``column``: OCR'd newspaper columns, like seeds 000 and 003, set by
  ``tests/layout/column_generator.py`` from these paragraphs (Simplified).
* ``simplified``: clean Simplified, one paragraph per line.
* ``traditional``: clean Traditional, one paragraph per line.
* ``adversarial``: one paragraph per line, each made hard one way: a folded question
  (``吗?``) every few characters, runs of ``?，,。鍚勫``, a ``(`` after many characters
  (pinyin that is not the character's reading, English, none closed), every character
  annotated with its pinyin, clause after clause of mojibake, or GBK-shift damage at
  every site where it can strike.

Each corpus is at least ``--mb`` megabytes of UTF-8 and is written to
``bench/.corpora/`` (git-ignored) under a name that holds a hash of everything that
makes it (this script, the pool, the generators it uses, the OpenCC and pypinyin
versions), so it is rebuilt only when one of them changes. Run from the repo root:

    .venv/bin/python bench/corpora.py [--mb 20] [--kinds web,column,...]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
import sys
import time
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import opencc
import regex
from pypinyin import Style, pinyin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "layout"))

import column_generator  # noqa: E402

from cleaner.stages.encoding.gbk import damage as gbk_damage  # noqa: E402
from cleaner.stages.encoding.gbk.tables import codec_table  # noqa: E402

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".corpora"
POOL = HERE / "data" / "law_sentences.txt.gz"
SEED_PARAGRAPHS = ROOT / "tests" / "encoding" / "data" / "gbk_clean_paragraphs.txt"
SEED = 20261201
KINDS = ["web", "column", "simplified", "traditional", "adversarial"]
DESCRIPTION = {
    "web": "web-damaged Traditional",
    "column": "OCR column text",
    "simplified": "clean Simplified",
    "traditional": "clean Traditional",
    "adversarial": "adversarial",
}
# what makes a corpus: any change to these rebuilds it
INPUTS = [
    Path(__file__).resolve(),
    POOL,
    SEED_PARAGRAPHS,
    ROOT / "tests" / "layout" / "column_generator.py",
    ROOT / "cleaner" / "stages" / "encoding" / "gbk" / "damage.py",
    ROOT / "cleaner" / "stages" / "encoding" / "gbk" / "tables.py",
]
MARKS = "，、。；！？"
QUESTIONS = ["吗?", "什么?!", "呢?,", "吗??", "好吗?。", "是谁?;", "对吗?、", "为什么?!?"]
JUNK = "?，,。鍚勫"
WORDS = ["see", "note", "PDF", "iPhone", "COVID-19", "Wi-Fi", "a", "ok", "2022", "vs"]

_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")
_GBK = codec_table("gbk")
_GBK_MARKS = gbk_damage.mark_patterns(_GBK, MARKS)


def cache_key() -> str:
    h = hashlib.sha256()
    for path in INPUTS:
        h.update(path.read_bytes())
    h.update(f"opencc {version('opencc')} pypinyin {version('pypinyin')}".encode())
    return h.hexdigest()[:12]


def sentence_pool() -> list[str]:
    laws = gzip.decompress(POOL.read_bytes()).decode("utf-8").split("\n")
    seeds = SEED_PARAGRAPHS.read_text("utf-8")
    seed_sentences = regex.findall(r"[^。！？\n]+[。！？]+[”’]?", _T2S.convert(seeds))
    return [s for s in laws if s] + list(dict.fromkeys(s.strip() for s in seed_sentences))


class Paragraphs:
    """Unique Simplified paragraphs of two to six sentences, seeded."""

    def __init__(self, pool: list[str], rng: random.Random) -> None:
        self.pool, self.rng, self.seen = pool, rng, set[str]()

    def __call__(self) -> str:
        while True:
            n = self.rng.choice([2, 2, 3, 3, 3, 4, 4, 5, 6])
            para = "".join(self.rng.choice(self.pool) for _ in range(n))
            if para not in self.seen:
                self.seen.add(para)
                return para


_READINGS: dict[str, str] = {}


def reading(ch: str) -> str:
    if ch not in _READINGS:
        found = pinyin(ch, style=Style.TONE, errors="ignore")
        _READINGS[ch] = found[0][0] if found else "a"
    return _READINGS[ch]


def annotate(text: str, rng: random.Random, share: float) -> str:
    """``學`` -> ``學(xué)`` for a ``share`` of the Han characters."""
    out = []
    for ch in text:
        out.append(ch)
        if rng.random() < share and regex.match(r"\p{Han}", ch):
            out.append(f"({reading(ch)})")
    return "".join(out)


def gbk_shift(text: str, rng: random.Random, strikes: int | None) -> str:
    """Read by the damaging decoder with the comma tool striking inside ``strikes``
    characters (None: every site where it can); the text as it was when it cannot be
    encoded."""
    enc = gbk_damage.char_starts(text, "gbk")
    if enc is None:
        return text
    data, starts = enc
    sites = gbk_damage.straddle_sites(data, starts, _GBK_MARKS)
    if strikes is not None:
        sites = rng.sample(sites, min(strikes, len(sites)))
    return gbk_damage.damage(text, "gbk", sites)


def mojibake(text: str, kind: str) -> str:
    if kind == "utf8_as_gbk":
        return text.encode("utf-8").decode("gbk", "replace")
    if kind == "utf8_as_cp1252":
        return text.encode("utf-8").decode("sloppy-windows-1252", "replace")
    return text.encode("gbk", "replace").decode("latin-1")  # legacy: GBK read as latin-1


MOJIBAKE = ["utf8_as_gbk", "utf8_as_cp1252", "gbk_as_latin1"]


def mojibake_clause(text: str, rng: random.Random) -> str:
    clauses = regex.split(r"(?<=[，。；、])", text)
    i = rng.randrange(len(clauses))
    clauses[i] = mojibake(clauses[i], rng.choice(MOJIBAKE))
    return "".join(clauses)


def clause(text: str, rng: random.Random) -> str:
    parts = [c for c in regex.split(r"[，。；、：]", text) if 4 <= len(c) <= 24]
    return rng.choice(parts) if parts else text[:12]


def web_page(para: Callable[[], str], rng: random.Random) -> Iterator[str]:
    head = _S2T.convert(clause(para(), rng))
    yield f"![{head} {head}](images/{rng.randrange(10**6):06d}.png)"
    yield _S2T.convert(clause(para(), rng) + " " + clause(para(), rng))
    density = rng.choice([0.0, 0.03, 0.08, 0.12])
    for _ in range(rng.randint(3, 10)):
        text = _S2T.convert(para())
        text = annotate(text, rng, density)
        text = gbk_damage.add_stray_commas(text, rng, 0.67)
        text = gbk_shift(text, rng, rng.choice([0, 0, 1, 1, 2, 3]))
        if rng.random() < 0.1:
            text = mojibake_clause(text, rng)
        yield text
    for _ in range(rng.randint(0, 8)):
        title = _S2T.convert(" ".join(clause(para(), rng) for _ in range(rng.randint(1, 3))))
        yield f"- {title} 20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def web(para: Callable[[], str], rng: random.Random) -> Iterator[str]:
    while True:
        yield "\n".join(web_page(para, rng)) + "\n"


def column(para: Callable[[], str], rng: random.Random) -> Iterator[str]:
    while True:
        # enough for the most the generator takes off the list: 5 articles of 5
        # paragraphs, and one left for the quotes it draws from them
        paras = [para() for _ in range(5 * 5 + 1)]

        def load(paras: list[str] = paras) -> list[str]:
            return list(paras)

        column_generator.load_paragraphs = load  # the page's body paragraphs: these
        page = column_generator.generate(rng.randrange(2**32), articles=rng.randint(2, 5))
        yield page.text + "\n"


def simplified(para: Callable[[], str], rng: random.Random) -> Iterator[str]:
    while True:
        yield para() + "\n"


def traditional(para: Callable[[], str], rng: random.Random) -> Iterator[str]:
    while True:
        yield _S2T.convert(para()) + "\n"


def _questions(text: str, rng: random.Random) -> str:
    out, i = [], 0
    while i < len(text):
        step = rng.randint(3, 12)
        out.append(text[i : i + step] + rng.choice(QUESTIONS))
        i += step
    return "".join(out)


def _junk(text: str, rng: random.Random) -> str:
    out = []
    for part in regex.split(r"(?<=[，。；])", text):
        out.append(part + "".join(rng.choices(JUNK, k=rng.randint(10, 60))))
    return "".join(out)


def _parens(text: str, rng: random.Random) -> str:
    out = []
    for ch in text:
        out.append(ch)
        if regex.match(r"\p{Han}", ch) and rng.random() < 0.3:
            r = rng.random()
            if r < 0.4:  # a syllable that is some other character's reading
                out.append(f"({reading(rng.choice(text))}")
            elif r < 0.7:
                out.append(f"({rng.choice(WORDS)}")
            else:
                out.append("(")
            if rng.random() < 0.3:
                out.append(")")
    return "".join(out)


def _all_mojibake(text: str, rng: random.Random) -> str:
    parts = regex.split(r"(?<=[，。；、])", text)
    return "".join(mojibake(p, rng.choice(MOJIBAKE)) if i % 2 else p for i, p in enumerate(parts))


def adversarial(para: Callable[[], str], rng: random.Random) -> Iterator[str]:
    def dense_pinyin(text: str, rng: random.Random) -> str:
        return annotate(text, rng, 1.0)

    def every_site(text: str, rng: random.Random) -> str:
        return gbk_shift(gbk_damage.add_stray_commas(text, rng, 1.0), rng, None)

    makers = [_questions, _junk, _parens, dense_pinyin, _all_mojibake, every_site]
    while True:
        text = para()
        if rng.random() < 0.5:
            text = _S2T.convert(text)
        yield rng.choice(makers)(text, rng) + "\n"


GENERATORS: dict[str, Callable[[Callable[[], str], random.Random], Iterator[str]]] = {
    "web": web,
    "column": column,
    "simplified": simplified,
    "traditional": traditional,
    "adversarial": adversarial,
}


def generate(kind: str, mb: float, pool: list[str]) -> str:
    """At least ``mb`` megabytes of ``kind``; the same text for the same arguments."""
    rng = random.Random(f"{SEED}-{kind}")
    para = Paragraphs(pool, random.Random(f"{SEED}-{kind}-paragraphs"))
    target, size, parts = int(mb * 1e6), 0, []
    for piece in GENERATORS[kind](para, rng):
        parts.append(piece)
        size += len(piece.encode("utf-8"))
        if size >= target:
            return "".join(parts)
    raise AssertionError("generators never end")


def _label(mb: float) -> str:
    return f"{mb:g}MB"


def build(mb: float, kinds: list[str] | None = None, quiet: bool = False) -> dict[str, Path]:
    """The corpora's paths, each built unless the cache already holds it."""
    CACHE.mkdir(exist_ok=True)
    key = cache_key()
    pool: list[str] | None = None
    paths = {}
    for kind in kinds or KINDS:
        path = CACHE / f"{kind}-{_label(mb)}-{key}.txt"
        if not path.exists():
            for stale in CACHE.glob(f"{kind}-{_label(mb)}-*.txt"):
                stale.unlink()
            pool = pool or sentence_pool()
            t0 = time.perf_counter()
            text = generate(kind, mb, pool)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.rename(path)
            if not quiet:
                size = path.stat().st_size / 1e6
                print(f"built {path.name}: {size:.1f} MB in {time.perf_counter() - t0:.1f} s")
        paths[kind] = path
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of each corpus (MB of UTF-8)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--tsv", action="store_true", help="print kind, path, description")
    a = ap.parse_args()
    for kind, path in build(a.mb, a.kinds.split(","), quiet=a.tsv).items():
        if a.tsv:
            print(f"{kind}\t{path}\t{DESCRIPTION[kind]}")
        else:
            print(f"{kind:12} {path.stat().st_size / 1e6:6.1f} MB  {path}")


if __name__ == "__main__":
    main()
