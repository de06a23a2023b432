"""Make the real-tool damage set: typeset clean articles into newspaper pages, read them
back with tesseract, pdftotext and pdfminer.six, and write input/truth pairs.

    make ocr-cases            # or: .venv/bin/python scripts/ocr_cases.py [--pages N]

Needs the ``ocr`` extra (Pillow, reportlab, pdfminer.six) and the Debian packages
tesseract-ocr, tesseract-ocr-chi-sim, tesseract-ocr-chi-tra, fonts-noto-cjk and
poppler-utils (see README). Pages are seeded: the same N gives the same pages; only the
engines' versions change what is read back. Writes tests/layout/ocr/pages/.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import opencc
import regex
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "layout" / "ocr"
FONTS = {
    "sans": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "serif": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
}
HEAD_FONTS = {
    "sans": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "serif": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
}
# .ttc face index: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK in the Noto CJK collections
FACE_INDEX = {"simplified": 2, "traditional": 3}
# the CID Song face of reportlab; its Adobe-GB1 collection also covers Traditional text
# (MSung-Light came back garbled from pdftotext and pdfminer)
PDF_FONT = "STSong-Light"
TESS_LANG = {"simplified": "chi_sim", "traditional": "chi_tra"}

_TOKEN = regex.compile(r"[A-Za-z0-9.%]+|.")
_NO_START = set("，。、；：！？”’）》」』…%")
_NO_END = set("“‘（《「『")
WEEKDAYS = "一二三四五六日"


@dataclass
class Article:
    source: str
    headline: str
    paragraphs: list[str]


@dataclass
class Page:
    """One typeset page: what is printed where, and the truth a cleaner should give."""

    seed: int
    script: str  # simplified | traditional
    face: str  # sans | serif
    medium: str  # image | pdf
    columns: int
    width: int  # column width in characters
    indent: bool  # paragraphs open with a 2-em indent (else: a gap between them)
    spaced_headline: bool
    damaged: bool
    source: str = ""
    running_head: tuple[str, str] = ("", "")
    folio: str = ""
    jump: str = ""
    headline: list[str] = field(default_factory=list)
    truth: list[str] = field(default_factory=list)


def load_articles() -> list[Article]:
    out: list[Article] = []
    for block in (DATA / "articles.txt").read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln]
        src = next((ln[len("# source: ") :] for ln in lines if ln.startswith("# source: ")), "")
        head = next((ln[2:] for ln in lines if ln.startswith("= ")), "")
        paras = [ln for ln in lines if not ln.startswith(("#", "= "))]
        if head and paras:
            out.append(Article(src, head, paras))
    return out


def char_width(ch: str) -> float:
    """Ems of one token character: Latin letters and digits are half width."""
    return 0.5 if ch.isascii() else 1.0


def break_lines(text: str, width: int, first_indent: int) -> list[str]:
    """Set ``text`` into lines of ``width`` ems: a closing mark never starts a line
    (it is pulled back), an opening mark never ends one, Latin and digit runs stay whole."""
    lines: list[str] = []
    cur, w, cap = "", 0.0, width - first_indent
    for tok in _TOKEN.findall(text):
        tw = sum(char_width(c) for c in tok)
        if cur and w + tw > cap and tok[0] not in _NO_START:
            carry = ""
            while cur and cur[-1] in _NO_END:
                carry, cur = cur[-1] + carry, cur[:-1]
            lines.append(cur)
            cur, w, cap = carry, sum(char_width(c) for c in carry), width
        cur += tok
        w += tw
    if cur:
        lines.append(cur)
    return lines


def make_page(seed: int, article: Article, medium: str, script: str, face: str) -> Page:
    rng = random.Random(seed)
    columns = rng.choice([2, 3, 3, 4, 5]) if medium == "image" else rng.choice([2, 3, 4])
    lo, hi = {2: (20, 30), 3: (13, 20), 4: (10, 14), 5: (8, 11)}[columns]
    page = Page(
        seed=seed,
        script=script,
        face=face,
        medium=medium,
        columns=columns,
        width=rng.randint(lo, hi),
        indent=rng.random() < 0.6,
        spaced_headline=rng.random() < 0.3,
        damaged=medium == "image" and rng.random() < 0.5,
        source=article.source,
    )
    conv = opencc.OpenCC("s2tw") if script == "traditional" else None

    def t(s: str) -> str:
        return conv.convert(s) if conv else s

    month, day = rng.randint(1, 12), rng.randint(1, 28)
    weekday = WEEKDAYS[rng.randrange(7)]
    edition = rng.choice("ABC") + str(rng.randint(1, 16))
    section = t(rng.choice(["要闻", "综合", "经济", "社会", "法治", "城市"]))
    page.running_head = (f"{rng.choice([2021, 2022, 2023])}年{month}月{day}日 星期{weekday}",
                         f"{section} {edition}")  # fmt: skip
    page.folio = rng.choice([edition, f"第{rng.randint(2, 16)}版", f"— {rng.randint(2, 16)} —"])
    if rng.random() < 0.5:
        other = rng.choice("ABC") + str(rng.randint(1, 16))
        page.jump = t(rng.choice([f"（下转{other}版）", f"（转第{rng.randint(2, 9)}版）"]))
        if script == "traditional" and rng.random() < 0.5:
            page.jump = f"（續見{other}版）"
    paras = [t(p) for p in article.paragraphs]
    # a newspaper page holds what fits: keep whole paragraphs up to ~900 characters
    keep: list[str] = []
    for p in paras:
        if keep and sum(map(len, keep)) + len(p) > 1100:
            break
        keep.append(p)
    head = t(article.headline)
    page.truth = [head, *keep]
    # columns of a dozen lines at least: OCR engines read very short columns across
    while page.columns > 2 and len(body_lines(page)) < 12 * page.columns:
        page.columns -= 1
    return page


def body_lines(page: Page) -> list[tuple[str, bool, int]]:
    """(line, justified, indent ems) of the body, with '' for a gap between paragraphs."""
    out: list[tuple[str, bool, int]] = []
    for n, para in enumerate(page.truth[1:]):
        if n and not page.indent:
            out.append(("", False, 0))
        ind = 2 if page.indent else 0
        lines = break_lines(para, page.width, ind)
        for i, ln in enumerate(lines):
            out.append((ln, i < len(lines) - 1, ind if i == 0 else 0))
    if page.jump:
        out.append((page.jump, False, -1))  # -1: set flush right
    return out


def split_columns(lines: list[tuple[str, bool, int]], n: int) -> list[list[tuple[str, bool, int]]]:
    per = -(-len(lines) // n)
    cols = [lines[i * per : (i + 1) * per] for i in range(n)]
    return [[x for i, x in enumerate(c) if x[0] or 0 < i < len(c) - 1] for c in cols]


class Canvas:
    """Draw characters at em positions, on a Pillow image or a reportlab PDF page."""

    def __init__(self, page: Page, em: float, width: float, height: float, path: Path) -> None:
        self.page, self.em, self.path = page, em, path
        self.width, self.height = width, height
        if page.medium == "image":
            self.img = Image.new("L", (int(width), int(height)), 255)
            self.draw = ImageDraw.Draw(self.img)
            self.fonts: dict[tuple[bool, float], Any] = {}
        else:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.cidfonts import UnicodeCIDFont
            from reportlab.pdfgen import canvas

            name = PDF_FONT
            pdfmetrics.registerFont(UnicodeCIDFont(name))
            self.pdf_font = name
            self.pdf = canvas.Canvas(str(path), pagesize=(width, height))

    def _font(self, bold: bool, size: float) -> Any:
        key = (bold, size)
        if key not in self.fonts:
            path = (HEAD_FONTS if bold else FONTS)[self.page.face]
            self.fonts[key] = ImageFont.truetype(
                path, int(size), index=FACE_INDEX[self.page.script]
            )
        return self.fonts[key]

    def text(self, x: float, y: float, s: str, size: float, bold: bool = False) -> None:
        """Draw ``s`` with its top-left corner at (x, y), y measured from the top."""
        if self.page.medium == "image":
            self.draw.text((x, y), s, font=self._font(bold, size), fill=0)
        else:
            self.pdf.setFont(self.pdf_font, size)
            self.pdf.drawString(x, self.height - y - size * 0.88, s)

    def length(self, s: str, size: float) -> float:
        return sum(size * char_width(c) for c in s)

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.page.medium == "image":
            self.draw.line((x0, y0, x1, y1), fill=0, width=2)
        else:
            self.pdf.setLineWidth(0.6)
            self.pdf.line(x0, self.height - y0, x1, self.height - y1)

    def save(self, rng: random.Random) -> None:
        if self.page.medium == "pdf":
            self.pdf.showPage()
            self.pdf.save()
            return
        img = self.img
        if self.page.damaged:
            img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=255)
            img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
            px = img.load()
            for _ in range(img.width * img.height // 4000):
                px[rng.randrange(img.width), rng.randrange(img.height)] = rng.randrange(90)
        img.save(self.path)


def draw_line(cv: Canvas, x: float, y: float, line: str, width: float, justify: bool) -> None:
    """A body line, characters spread to fill ``width`` when justified."""
    size = cv.em
    natural = cv.length(line, size)
    gaps = len(line) - 1
    extra = (width - natural) / gaps if justify and gaps > 0 and natural < width else 0.0
    for ch in line:
        cv.text(x, y, ch, size)
        x += size * char_width(ch) + extra


def render(page: Page, path: Path) -> None:
    rng = random.Random(page.seed * 7 + 1)
    em = 40.0 if page.medium == "image" else 10.0  # images: 10 pt type scanned at 300 dpi
    # pdftotext keeps a column together only while lines are less than 1.5 em apart
    spacing = 1.35 if page.medium == "pdf" else rng.uniform(1.4, 1.7)
    # tesseract reads lines across narrower gutters (column rules come out as '|')
    gutter = (2.0 if page.medium == "pdf" else 3.0) * em
    margin, lead = 3.0 * em, spacing * em
    col_w = page.width * em
    width = margin * 2 + page.columns * col_w + (page.columns - 1) * gutter
    lines = body_lines(page)
    cols = split_columns(lines, page.columns)
    # the headline: larger type across the columns, wrapped if it does not fit
    hsize = em * rng.uniform(1.6, 2.2)
    track = hsize * rng.uniform(0.4, 0.9) if page.spaced_headline else 0.0
    per_line = max(4, int((width - 2 * margin) // (hsize + track)))
    head = page.truth[0]
    page.headline = [head[i : i + per_line] for i in range(0, len(head), per_line)]
    if len(page.headline) == 2 and len(page.headline[1]) < 3:  # no orphan of 1-2 characters
        page.headline = [head[: len(head) - 4], head[len(head) - 4 :]]
    body_top = margin + 2.2 * em + len(page.headline) * hsize * 1.35 + 1.5 * em
    height = body_top + max(len(c) for c in cols) * lead + 4 * em
    cv = Canvas(page, em, width, height, path)
    small = em * 0.8
    left, right = page.running_head
    cv.text(margin, margin, left, small)
    cv.text(width - margin - cv.length(right, small), margin, right, small)
    cv.rule(margin, margin + 1.3 * em, width - margin, margin + 1.3 * em)
    y = margin + 2.2 * em
    for hl in page.headline:
        x = margin + (
            0
            if rng.random() < 0.5
            else max(0, (width - 2 * margin - len(hl) * (hsize + track)) / 2)
        )
        for ch in hl:
            cv.text(x, y, ch, hsize, bold=True)
            x += hsize * char_width(ch) + track
        y += hsize * 1.35
    for c, col in enumerate(cols):
        x0 = margin + c * (col_w + gutter)
        if c:
            cv.rule(x0 - gutter / 2, body_top, x0 - gutter / 2, body_top + len(col) * lead)
        for i, (ln, justify, ind) in enumerate(col):
            yy = body_top + i * lead
            if ind < 0:
                draw_line(cv, x0 + col_w - cv.length(ln, em), yy, ln, col_w, False)
            elif ln:
                draw_line(cv, x0 + ind * em, yy, ln, col_w - ind * em, justify)
    fy = height - 2.2 * em
    cv.text((width - cv.length(page.folio, small)) / 2, fy, page.folio, small)
    cv.save(rng)


def read_back(page: Page, path: Path) -> dict[str, str]:
    """Each extractor's text of the rendered page."""
    if page.medium == "image":
        lang = TESS_LANG[page.script]
        out = subprocess.run(["tesseract", str(path), "-", "-l", lang],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        return {"tesseract": out}
    from pdfminer.high_level import extract_text

    pdftotext = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                               capture_output=True, text=True, check=True).stdout  # fmt: skip
    return {"pdftotext": pdftotext, "pdfminer": extract_text(str(path))}


def plan(pages: int) -> list[tuple[int, str, str, str]]:
    """(seed, medium, script, face) for every page: two thirds images, a third PDFs,
    half of each Traditional; images alternate sans and serif (PDFs use the CID Song faces)."""
    out = []
    for seed in range(pages):
        medium = "pdf" if seed % 3 == 2 else "image"
        script = "traditional" if (seed // 2) % 2 else "simplified"
        face = "serif" if medium == "pdf" or seed % 2 else "sans"
        out.append((seed, medium, script, face))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=42)
    ap.add_argument("--out", type=Path, default=DATA / "pages")
    ap.add_argument("--seeds", type=int, nargs="*", help="make only these pages")
    ap.add_argument("--keep", type=Path, help="keep the page images and PDFs in this folder")
    args = ap.parse_args()
    articles = load_articles()
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        order = random.Random(0).sample(range(len(articles)), len(articles))
        for seed, medium, script, face in plan(args.pages):
            if args.seeds and seed not in args.seeds:
                continue
            article = articles[order[seed % len(articles)]]
            page = make_page(seed, article, medium, script, face)
            path = work / f"{seed:03d}.{'png' if medium == 'image' else 'pdf'}"
            render(page, path)
            (args.out / f"{seed:03d}.truth.txt").write_text("\n".join(page.truth) + "\n", "utf-8")
            for tool, text in read_back(page, path).items():
                (args.out / f"{seed:03d}.{tool}.txt").write_text(text, encoding="utf-8")
                manifest.append({"page": f"{seed:03d}", "extractor": tool, "script": script,
                                 "face": face, "columns": page.columns, "width": page.width,
                                 "indent": page.indent, "spaced_headline": page.spaced_headline,
                                 "damaged": page.damaged, "headline_lines": len(page.headline),
                                 "running_head": list(page.running_head), "folio": page.folio,
                                 "jump": page.jump, "source": page.source})  # fmt: skip
            print(
                f"page {seed:03d} {medium} {script} {face} {page.columns}x{page.width}", flush=True
            )
    listed = args.out / "manifest.json"
    if args.seeds and listed.exists():  # a partial run: keep the other pages' rows
        made = {row["page"] for row in manifest}
        rows = json.loads(listed.read_text(encoding="utf-8"))
        manifest = sorted([r for r in rows if r["page"] not in made] + manifest,
                          key=lambda r: (r["page"], r["extractor"]))  # fmt: skip
    listed.write_text(json.dumps(manifest, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
