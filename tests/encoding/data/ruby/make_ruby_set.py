"""Make the ruby damage set: clean paragraphs rendered with <ruby> annotations and
flattened by real HTML-to-text extractors.

Each paragraph of paragraphs.txt, in Simplified and (OpenCC s2tw) Traditional, is
rendered as a page whose characters carry <ruby> readings from pypinyin (in context,
heteronyms resolved by its phrase list): tone marks, tone numbers or zhuyin; with
<rp> parentheses or without; on every Han character ("all"), on a fixed random
third of its distinct characters at every occurrence ("some"), or on two or three
("sparse"), or on every word ("words": one <ruby> per word of pypinyin's phrase list,
its readings spaced, "jīn tiān", or joined, "jīntiān", as Hanyu Pinyin spells words).
Each page is extracted by lxml (text_content), html2text, inscriptis,
BeautifulSoup (get_text, which leaves ruby text out since 4.13, and get_text with
the ruby strings, as older versions print them), trafilatura, and two separator joins
scrapers often use (lxml's itertext joined with a space, bs4's get_text(" ") with the
ruby strings) and a real browser's innerText (Chromium, as Playwright or Selenium
scrapers read a page; it hides <rp>); the truth is the
same extractor's text of the page without annotations. Writes ruby_set.jsonl.gz beside this file:

    pip install -e '.[ruby-set]'
    python tests/encoding/data/ruby/make_ruby_set.py

Each line: id, script, style, rp, coverage, extractors (those that gave this text),
damaged, truth, annotations (readings the extractor printed).
"""

from __future__ import annotations

import gzip
import html
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

import html2text
import inscriptis
import lxml.html
import opencc
import regex
import trafilatura
from bs4 import BeautifulSoup
from bs4.element import NavigableString, RubyParenthesisString, RubyTextString
from pypinyin import Style, pinyin
from pypinyin.constants import PHRASES_DICT

sys.path.insert(0, str(Path(__file__).resolve().parents[4]))
from tests.cli.browser import Browser, available  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "ruby_set.jsonl.gz"
HAN_RUN = regex.compile(r"\p{Han}+")
STYLES = {"tone": Style.TONE, "number": Style.TONE3, "zhuyin": Style.BOPOMOFO}
PAGE = (
    '<html><head><meta charset="utf-8"><title>page</title></head>'
    "<body><article><p>{}</p></article></body></html>"
)


def _readings(text: str, style: str) -> list[str | None]:
    """One reading per character of ``text`` (None for non-Han characters)."""
    out: list[str | None] = [None] * len(text)
    for m in HAN_RUN.finditer(text):
        found = pinyin(m.group(), style=STYLES[style], neutral_tone_with_five=True)
        if len(found) != len(m.group()):
            continue  # pypinyin grouped characters it does not know: leave the run bare
        for k, r in enumerate(found):
            reading = r[0]
            if style == "zhuyin" and reading.endswith("˙"):
                reading = "˙" + reading[:-1]  # Taiwan pages put the neutral dot first
            out[m.start() + k] = reading
    return out


def _annotated(text: str, rng: random.Random, coverage: str) -> set[str]:
    chars = sorted({c for c in text if HAN_RUN.fullmatch(c)})
    if coverage == "all":
        return set(chars)
    if coverage == "some":
        return set(rng.sample(chars, max(1, len(chars) // 3)))
    return set(rng.sample(chars, min(len(chars), rng.choice((2, 3)))))


def _words(text: str) -> list[tuple[int, int]]:
    """``text`` cut into words: the longest entry of pypinyin's phrase list at each
    place in a run of Han characters (one character where none fits), other characters
    one by one."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        end = i + 1
        if HAN_RUN.fullmatch(text[i]):
            for k in range(min(8, len(text) - i), 1, -1):
                if HAN_RUN.fullmatch(text[i : i + k]) and text[i : i + k] in PHRASES_DICT:
                    end = i + k
                    break
        out.append((i, end))
        i = end
    return out


def render(
    text: str, readings: list[str | None], chosen: set[str], rp: bool, words: str | None = None
) -> tuple[str, int]:
    """The paragraph as HTML with <ruby> on the chosen characters, or on every word
    (``words``: what joins a word's readings), and the count of readings."""
    parts, n = [], 0
    spans = _words(text) if words is not None else [(i, i + 1) for i in range(len(text))]
    for a, b in spans:
        rs = readings[a:b]
        if any(r is None for r in rs) or (words is None and text[a] not in chosen):
            parts.append(html.escape(text[a:b]))
            continue
        n += len(rs)
        r = (words or "").join(r for r in rs if r)  # one reading per character
        rt = f"<rp>(</rp><rt>{r}</rt><rp>)</rp>" if rp else f"<rt>{r}</rt>"
        parts.append(f"<ruby>{text[a:b]}{rt}</ruby>")
    return PAGE.format("".join(parts)), n


def _lxml(page: str) -> str:
    return str(lxml.html.fromstring(page).find(".//article").text_content())


def _lxml_itertext_space(page: str) -> str:
    """The text nodes joined with a space, as many scrapers do (" ".join(el.itertext()))."""
    return " ".join(lxml.html.fromstring(page).find(".//article").itertext())


def _html2text(page: str) -> str:
    h = html2text.HTML2Text()
    h.body_width = 0  # no wrapping
    return str(h.handle(page))


def _bs4(page: str) -> str:
    return str(BeautifulSoup(page, "html.parser").find("article").get_text())


def _bs4_ruby_strings(page: str) -> str:
    """get_text with the ruby strings bs4 4.13+ leaves out (as older versions print them)."""
    article = BeautifulSoup(page, "html.parser").find("article")
    kinds = (NavigableString, RubyTextString, RubyParenthesisString)
    return str(article.get_text(types=kinds))


def _bs4_ruby_strings_space(page: str) -> str:
    """get_text(" ") with the ruby strings (older bs4 printed them): one space between
    text nodes, a scraper's common call."""
    article = BeautifulSoup(page, "html.parser").find("article")
    kinds = (NavigableString, RubyTextString, RubyParenthesisString)
    return str(article.get_text(" ", types=kinds))


def _trafilatura(page: str) -> str:
    return trafilatura.extract(page, favor_recall=True) or ""


# one record per distinct (form, damaged, truth)
Records = dict[tuple[str, str, str], dict[str, object]]


def paragraphs() -> list[list[str]]:
    """(source, text) of each paragraph in paragraphs.txt."""
    return [
        ln.split("\t", 1)
        for ln in (HERE / "paragraphs.txt").read_text(encoding="utf-8").splitlines()
        if ln and not ln.startswith("#")
    ]


def add(
    out: Records, name: str, form: str, damaged: str, truth: str, n: int, **fields: object
) -> None:
    """The record of what extractor ``name`` gave (``n`` readings on the page), or
    ``name`` added to the extractors of the same text already there."""
    key = (form, damaged, truth)
    if key in out:
        out[key]["extractors"].append(name)  # type: ignore[attr-defined]
        return
    out[key] = {
        "id": form,
        **fields,
        "extractors": [name],
        "damaged": damaged,
        "truth": truth,
        "annotations": n if damaged != truth else 0,
    }


def write(out: Records, path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for rec in out.values():
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


_BROWSER: list[Browser] = []


def _chromium_inner_text(page: str) -> str:
    """A real browser's text of the page (headless Chromium through chromedriver)."""
    if not _BROWSER:
        _BROWSER.append(Browser())
        _BROWSER[0].open("about:blank")
    script = (
        "document.documentElement.innerHTML = arguments[0];"
        "return document.querySelector('article').innerText;"
    )
    return str(_BROWSER[0].run(script, page))


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "lxml": _lxml,
    "html2text": _html2text,
    "inscriptis": inscriptis.get_text,
    "bs4": _bs4,
    "bs4_ruby_strings": _bs4_ruby_strings,
    "trafilatura": _trafilatura,
    "lxml_itertext_space": _lxml_itertext_space,
    "bs4_ruby_strings_space": _bs4_ruby_strings_space,
    "chromium_inner_text": _chromium_inner_text,
}
# ruby on every word: what joins a word's readings, per style (zhuyin is always spaced)
WORD_COVERAGES = {"words": " ", "words_joined": ""}


def main() -> None:
    if not available():
        raise SystemExit("needs chromium and chromium-driver (apt-get install ...)")
    try:
        _make()
    finally:
        for browser in _BROWSER:
            browser.close()


def _make() -> None:
    rng = random.Random(11)
    to_trad = opencc.OpenCC("s2tw")
    rows = paragraphs()
    out: Records = {}
    for i, (source, simplified) in enumerate(rows):
        for script, text in (
            ("simplified", simplified),
            ("traditional", to_trad.convert(simplified)),
        ):
            plain = PAGE.format(html.escape(text))
            truths = {name: f(plain).strip() for name, f in EXTRACTORS.items()}
            for style in STYLES:
                readings = _readings(text, style)
                for coverage in ("all", "some", "sparse", *WORD_COVERAGES):
                    if coverage == "words_joined" and style == "zhuyin":
                        continue
                    words = WORD_COVERAGES.get(coverage)
                    chosen = set() if words is not None else _annotated(text, rng, coverage)
                    for rp in (True, False):
                        page, n = render(text, readings, chosen, rp, words)
                        form = f"{i:02d}-{script}-{style}-{'rp' if rp else 'bare'}-{coverage}"
                        for name, extract in EXTRACTORS.items():
                            damaged, truth = extract(page).strip(), truths[name]
                            if not truth:
                                continue
                            fields = {"source": source, "script": script, "style": style}
                            add(
                                out,
                                name,
                                form,
                                damaged,
                                truth,
                                n,
                                **fields,
                                rp=rp,
                                coverage=coverage,
                            )
    write(out, OUT)
    print(f"{len(out)} records from {len(rows)} paragraphs -> {OUT.name}")


if __name__ == "__main__":
    main()
