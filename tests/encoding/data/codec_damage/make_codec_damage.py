"""Make the codec damage set (run from the repo root; kept for provenance).

Step 1, ``--laws DIR`` (a checkout of github.com/LawRefBook/Laws): picks article
paragraphs of 40-160 characters from the laws in ``SOURCES`` into paragraphs.tsv
(source, script, text); each Simplified paragraph is also converted to Traditional
with OpenCC (s2t).

Step 2 (always): damages every paragraph by every kind in ``KINDS`` with Python's
codecs and writes pairs.jsonl ({"kind", "script", "source", "clean", "damaged"}).

    python tests/encoding/data/codec_damage/make_codec_damage.py [--laws DIR]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (sloppy-windows-1252/1251: browsers' single-byte decoders)
import opencc
from pypinyin import Style, lazy_pinyin

HERE = Path(__file__).resolve().parent
PER_LAW = 14
SOURCES = [
    "DLC/上海地方法规/地方性法规/上海/上海市公共图书馆条例(2024-11-28).md",
    "DLC/上海地方法规/地方性法规/上海/上海市数据条例(2021-11-25).md",
    "DLC/北京地方法规/地方性法规/北京/北京中轴线文化遗产保护条例(2022-05-25).md",
    "行政法/个人信息保护法(2021-08-20).md",
    "DLC/上海地方法规/地方性法规/上海/上海市促进浦东新区运用区块链赋能电子单证应用若干规定(2024-12-31).md",
]
UNDEFINED_CP1252 = "\x81\x8d\x8f\x90\x9d"


def pick(laws: Path) -> list[tuple[str, str, str]]:
    s2t = opencc.OpenCC("s2t")
    out = []
    for rel in SOURCES:
        lines = (laws / rel).read_text("utf-8").split("\n")
        body = [ln.strip() for ln in lines if 40 <= len(ln.strip()) <= 160]
        body = [ln for ln in body if not ln.startswith(("#", "<"))]
        step = max(1, len(body) // PER_LAW)
        for ln in body[::step][:PER_LAW]:
            out.append((rel, "simplified", ln))
            out.append((rel, "traditional", s2t.convert(ln)))
    return out


def utf8_as(codec: str, errors: str = "strict") -> Callable[[str], str]:
    return lambda text: text.encode("utf-8").decode(codec, errors)


def dropped(chars: str) -> Callable[[str], str]:
    """UTF-8 read as cp1252, then the characters in ``chars`` lost (undefined bytes
    that a strict decoder skipped, soft hyphens an editor or sanitiser removed)."""
    table = str.maketrans("", "", chars)
    return lambda text: utf8_as("sloppy-windows-1252")(text).translate(table)


def double(text: str) -> str:
    once = utf8_as("sloppy-windows-1252")(text)
    return utf8_as("sloppy-windows-1252")(once)


def html_escaped(text: str) -> str:
    """Marks as named or numeric references (some escaped twice), spaces as &nbsp;,
    a zero-width space and a BOM inside, as extractors leave them."""
    rng = random.Random(text)
    out = []
    for ch in text:
        ref = html.entities.codepoint2name.get(ord(ch))
        if ch == " ":
            out.append("&nbsp;")
        elif ref and not ch.isalnum():
            out.append(f"&{ref};" if rng.random() < 0.7 else f"&amp;{ref};")
        elif not ch.isalnum() and ord(ch) > 0x2000:
            out.append(f"&#{ord(ch)};" if rng.random() < 0.5 else f"&#x{ord(ch):x};")
        else:
            out.append(ch)
    k = rng.randrange(1, len(out))
    out[k:k] = ["\u200b"]
    out[k // 2 : k // 2] = ["\ufeff"]
    return "".join(out)


def first_clause(damage: Callable[[str], str]) -> Callable[[str], str]:
    """Only the text up to the first comma is damaged (a snippet joined to clean text)."""

    def apply(text: str) -> str:
        m = re.search("[，、；：]", text)
        cut = m.end() if m else len(text) // 2
        return damage(text[:cut]) + text[cut:]

    return apply


def first_line(damage: Callable[[str], str]) -> Callable[[str], str]:
    """Only the first line is damaged; the clean line after it holds no mojibake."""

    def apply(text: str) -> str:
        head, _, tail = text.partition("\n")
        return damage(head) + "\n" + tail

    return apply


def pinyin_line(text: str) -> str:
    """The pinyin (tone marks) of the paragraph's first eight Han characters."""
    han = re.findall(r"[\u4e00-\u9fff]", text)[:8]
    return " ".join(lazy_pinyin("".join(han), style=Style.TONE))


# kind -> its damage
KINDS: dict[str, Callable[[str], str]] = {
    "gbk_replace": utf8_as("gbk", "replace"),
    "gb18030_replace": utf8_as("gb18030", "replace"),
    "cp1252_replace": utf8_as("cp1252", "replace"),
    "cp1252_undefined_dropped": dropped(UNDEFINED_CP1252),
    "cp1252_soft_hyphen_dropped": dropped("\xad"),
    "cp1251": utf8_as("sloppy-windows-1251"),
    "ptcp154": utf8_as("ptcp154"),
    "koi8_r": utf8_as("koi8_r"),
    "mac_roman": utf8_as("mac_roman"),
    "double_cp1252": double,
    "pinyin_cp1252": utf8_as("sloppy-windows-1252"),
    "pinyin_latin1": utf8_as("latin-1"),
    "partial_cp1252": first_clause(utf8_as("sloppy-windows-1252")),
    "partial_gbk": first_clause(utf8_as("gb18030", "replace")),
    "first_line_cp1252": first_line(utf8_as("sloppy-windows-1252")),
    "first_line_gbk": first_line(utf8_as("gb18030", "replace")),
    "html_escaped": html_escaped,
    # legacy_mojibake's kinds, kept as a guard: GBK bytes shown as latin-1 / cp1252
    "gbk_as_latin1": lambda text: text.encode("gbk").decode("latin-1"),
    "gbk_as_cp1252": lambda text: text.encode("gbk").decode("sloppy-windows-1252"),
    # the same within a clean line: a C1 lead byte between ASCII bytes (\x9fo is 無) is
    # not a stray control there (html_leftovers once removed it, and the character)
    "partial_gbk_as_latin1": first_clause(lambda text: text.encode("gbk").decode("latin-1")),
}
# kinds whose clean text is made from the paragraph
CLEAN: dict[str, Callable[[str], str]] = {
    "pinyin_cp1252": pinyin_line,
    "pinyin_latin1": pinyin_line,
}
# kinds whose clean text is two paragraphs, one line each: the paragraph and the next one
# of its script (a page whose first paragraph was damaged)
TWO_LINES = {"first_line_cp1252", "first_line_gbk"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--laws", type=Path, help="a LawRefBook/Laws checkout (step 1)")
    a = ap.parse_args()
    tsv = HERE / "paragraphs.tsv"
    if a.laws:
        rows = pick(a.laws)
        tsv.write_text("".join("\t".join(r) + "\n" for r in rows), "utf-8")
    rows = [tuple(ln.split("\t")) for ln in tsv.read_text("utf-8").splitlines()]
    with (HERE / "pairs.jsonl").open("w", encoding="utf-8") as f:
        for kind, damage in KINDS.items():
            for k, (source, script, text) in enumerate(rows):
                clean = CLEAN.get(kind, str)(text)
                if kind in TWO_LINES:
                    clean += "\n" + rows[(k + 2) % len(rows)][2]  # rows alternate scripts
                rec = {"kind": kind, "script": script, "source": source, "clean": clean}
                rec["damaged"] = damage(clean)
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
