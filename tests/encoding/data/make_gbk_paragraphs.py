"""How gbk_clean_paragraphs.txt was made (run once from the repo root; kept for provenance).

Sentences from the seeds' clean parts: 000/003 (OCR; lines joined, spaces between
Han characters dropped), 002 (ASCII marks in Chinese context made full-width), 001/004
(pinyin annotations and stray commas removed, marks made full-width; every sentence
holding a '?' left out, so none of the real GBK stretches is in). Two or three sentences
make a paragraph; the Simplified ones are also converted to Traditional with OpenCC
(s2t), so the file mixes both scripts. One paragraph per line.
"""

from __future__ import annotations

from pathlib import Path

import opencc
import regex

ROOT = Path(__file__).resolve().parents[3]
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
CJK = r"[\p{Han}“”‘’、。，；：！？（）《》]"
FOLD = {",": "，", ";": "；", ":": "：", "!": "！", "(": "（", ")": "）"}


def seed(prefix: str) -> str:
    return next((ROOT / "seeds").glob(f"{prefix}_*.txt")).read_text("utf-8")


def widen(text: str) -> str:
    return regex.sub(rf"(?<={CJK})[,;:!()]|[,;:!()](?={CJK})", lambda m: FOLD[m.group()], text)


def sentences(text: str) -> list[str]:
    out = []
    for s in regex.findall(r"[^。！？\n]+[。！？]+[”’]?", text):
        s = s.strip()
        ok = 12 <= len(s) <= 160 and "?" not in s and "？" not in s and "![" not in s
        if ok and len(regex.findall(r"\p{Han}", s)) > 0.6 * len(s):
            out.append(s)
    return out


def main() -> None:
    simp: list[str] = []
    for p in ("000", "003"):
        wrap = r"(?<=\p{Han}|[，。、；：“”])[ \t　]*\n+[ \t　]*(?=\p{Han}|[“”（])"
        t = regex.sub(wrap, "", seed(p))
        t = regex.sub(r"(?<=\p{Han}) +(?=\p{Han})", "", t)
        simp += sentences(t)
    simp += sentences(widen(seed("002")))
    trad: list[str] = []
    for p in ("001", "004"):
        t = regex.sub(rf"\([a-z{TONED}]{{1,7}}\)", "", seed(p))
        t = regex.sub(r",(?=[,，、。；;！？!?])", "", t)
        trad += sentences(widen(t))
    paras: list[str] = []
    for group in (simp, trad):
        group = list(dict.fromkeys(group))
        i = 0
        while i < len(group):
            n = 2 + (i // 2) % 2
            paras.append("".join(group[i : i + n]))
            i += n
    s2t = opencc.OpenCC("s2t")
    n_simp = len(list(dict.fromkeys(simp)))
    paras += [s2t.convert(p) for p in paras[: (n_simp + 1) // 2]]
    out = Path(__file__).with_name("gbk_clean_paragraphs.txt")
    out.write_text("\n".join(dict.fromkeys(paras)) + "\n", encoding="utf-8")
    print(len(paras), "paragraphs")


if __name__ == "__main__":
    main()
