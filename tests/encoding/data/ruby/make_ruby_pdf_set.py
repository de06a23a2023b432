"""Make the PDF part of the ruby damage set: the pages of make_ruby_set.py printed to
PDF by a real browser (headless Chromium, WebDriver's Print Page, A4) and read back
by real PDF extractors: pdftotext (poppler, plain and ``-layout``) and pdfminer.six.
A PDF sets each reading above its character; the extractors print the rows of
readings as lines of their own, above the text or around the paragraph, sometimes
run together (``bǎozhàng``). The truth is the same extractor's text of the page
printed without annotations. Writes ruby_pdf_set.jsonl.gz beside this file:

    apt-get install chromium chromium-driver poppler-utils fonts-wqy-zenhei
    pip install -e '.[ruby-set]' pdfminer.six
    python tests/encoding/data/ruby/make_ruby_pdf_set.py

Records as in ruby_set.jsonl.gz. Only pages without <rp> are printed: a browser
hides <rp> when it sets ruby, so the PDF is the same either way.
"""

from __future__ import annotations

import html
import io
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import opencc
from pdfminer.high_level import extract_text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_ruby_set import (  # noqa: E402
    PAGE,
    STYLES,
    WORD_COVERAGES,
    Records,
    _annotated,
    _readings,
    add,
    paragraphs,
    render,
    write,
)

sys.path.insert(0, str(HERE.parents[3]))
from tests.cli.browser import Browser, available  # noqa: E402

OUT = HERE / "ruby_pdf_set.jsonl.gz"
# a page as printed: a body font that has the characters, a column of a book's width
STYLE = (
    '<style>body{font-family:"WenQuanYi Zen Hei",sans-serif;font-size:16px;'
    "width:520px;line-height:2}</style>"
)
EVERY = 3  # every third paragraph of paragraphs.txt (every source among them)


def _pdftotext(pdf: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        done = subprocess.run(["pdftotext", *args, f.name, "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "pdftotext": lambda pdf: _pdftotext(pdf),
    "pdftotext_layout": lambda pdf: _pdftotext(pdf, "-layout"),
    "pdfminer": lambda pdf: extract_text(io.BytesIO(pdf)),
}


def _clean(text: str) -> str:
    """The extractor's text without its form feeds and trailing blank lines."""
    return text.replace("\f", "").strip()


def main() -> None:
    if not available():
        raise SystemExit("needs chromium and chromium-driver (apt-get install ...)")
    browser = Browser()
    try:
        browser.open("about:blank")
        _make(browser)
    finally:
        browser.close()


def _print(browser: Browser, page: str) -> bytes:
    styled = page.replace("<title>", STYLE + "<title>")
    browser.run("document.documentElement.innerHTML = arguments[0];", styled)
    return browser.print_pdf()


def _make(browser: Browser) -> None:
    rng = random.Random(11)
    to_trad = opencc.OpenCC("s2tw")
    rows = paragraphs()
    out: Records = {}
    for i, (source, simplified) in enumerate(rows):
        if i % EVERY:
            continue
        for script, text in (
            ("simplified", simplified),
            ("traditional", to_trad.convert(simplified)),
        ):
            plain = _print(browser, PAGE.format(html.escape(text)))
            truths = {name: _clean(f(plain)) for name, f in EXTRACTORS.items()}
            for style in STYLES:
                readings = _readings(text, style)
                for coverage in ("all", "some", "sparse", *WORD_COVERAGES):
                    if coverage == "words_joined" and style == "zhuyin":
                        continue
                    words = WORD_COVERAGES.get(coverage)
                    chosen = set() if words is not None else _annotated(text, rng, coverage)
                    page, n = render(text, readings, chosen, False, words)
                    pdf = _print(browser, page)
                    form = f"{i:02d}-{script}-{style}-bare-{coverage}"
                    for name, extract in EXTRACTORS.items():
                        damaged, truth = _clean(extract(pdf)), truths[name]
                        fields = {"source": source, "script": script, "style": style}
                        add(
                            out,
                            name,
                            form,
                            damaged,
                            truth,
                            n,
                            **fields,
                            rp=False,
                            coverage=coverage,
                        )
    write(out, OUT)
    print(f"{len(out)} records from {len(rows[::EVERY])} paragraphs -> {OUT.name}")


if __name__ == "__main__":
    main()
