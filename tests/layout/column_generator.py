"""Seeded generator of OCR'd newspaper columns, built from the typesetting mechanism.

Clean paragraphs are set into columns the way a newspaper page does it and then
read back line by line as OCR does: each line becomes a text line, the first-line
indent is lost (or kept as ideographic spaces), a column break shows up as a
blank line wherever it falls, even mid-word. Headlines, bylines, stand-alone quoted
lines and page-jump markers are added around the bodies. Every non-blank output
line carries the truth about the gap after it: J, S, B, A or E (as in the hand
labels of tests/layout/data/*.labels.tsv).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import regex

from cleaner.stages.layout.text import em_width

DATA = Path(__file__).parent / "data"
_TOKEN = regex.compile(r"[A-Za-z0-9.%\-]+| |.")
_CLOSING = set("，。、；：！？”’）》」』…%")
_OPENING = set("“‘（《「『")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然晨曦瑜婷俊毅"


def load_paragraphs() -> list[str]:
    text = (DATA / "paragraphs.txt").read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln and not ln.startswith("#")]


@dataclass
class Page:
    """Generated lines (blank lines included) and the truth for each non-blank one."""

    lines: list[str] = field(default_factory=list)
    truth: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def nonblank(self) -> list[str]:
        return [ln for ln in self.lines if ln.strip()]


def typeset(text: str, width: float, first: float) -> list[tuple[str, str]]:
    """Set ``text`` into lines of ``width`` ems (``first`` for the first line), with
    the usual Chinese rules: a closing mark may hang past the edge, an opening mark
    never ends a line, Latin words are not split. Returns (line, gap-after) pairs."""
    tokens = _TOKEN.findall(text)
    lines: list[list[str]] = [[]]
    w, cap, hung = 0.0, first, 0
    for tok in tokens:
        tw = 0.5 if tok == " " else em_width(tok)
        if w + tw <= cap or not lines[-1]:
            lines[-1].append(tok)
            w += tw
            continue
        if tok in _CLOSING and hung < 2:
            lines[-1].append(tok)  # hanging punctuation (”。 may hang together)
            w += tw
            hung += 1
            continue
        hung = 0
        carry: list[str] = []
        while lines[-1] and lines[-1][-1] in _OPENING:
            carry.insert(0, lines[-1].pop())
        lines.append(carry)
        cap = width
        if tok != " ":
            lines[-1].append(tok)
        else:
            lines[-2].append(tok)  # remember the space: the gap is S
        w = sum(0.5 if t == " " else em_width(t) for t in lines[-1])
    out = []
    for i, toks in enumerate(lines):
        s = "".join(toks)
        gap = "S" if s.endswith(" ") else "J"
        out.append((s.rstrip(" "), gap if i < len(lines) - 1 else "B"))
    return [(s, g) for s, g in out if s]


def _clause(rng: random.Random, paras: list[str], lo: int, hi: int) -> str:
    for _ in range(50):
        p = rng.choice(paras)
        parts = [c for c in regex.split(r"[，。、；：！？“”（）]", p) if lo <= len(c) <= hi]
        parts = [c for c in parts if not regex.search(r"[A-Za-z0-9 ]", c)]
        if parts:
            return rng.choice(parts)
    return "本报综合消息"


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))


class _Writer:
    """Appends lines, inserting a blank line at every column break."""

    def __init__(self, page: Page, rng: random.Random, height: int) -> None:
        self.page, self.rng, self.height, self.count = page, rng, height, 0

    def blank(self) -> None:
        if self.page.lines and self.page.lines[-1] != "":
            self.page.lines.append("")
        self.count = 0

    def body(self, line: str, gap: str) -> None:
        if self.count >= self.height:
            self.blank()  # column break, wherever it falls
        self.page.lines.append(line)
        self.page.truth.append(gap)
        self.count += 1

    def furniture(self, line: str, gap: str) -> None:
        """Headlines and bylines: blank lines around, no column accounting."""
        self.blank()
        self.page.lines.append(line)
        self.page.truth.append(gap)
        self.blank()


def _article(
    w: _Writer, rng: random.Random, paras: list[str], last: bool, indent_mode: str
) -> None:
    """One article; body paragraphs are taken off ``paras`` (no repeats on a page)."""
    width = rng.choice([25, 26, 27]) if rng.random() < 0.1 else rng.randint(14, 22)
    # paragraphs apart by a blank line, or only by the indent / short last line
    mode = "blank" if indent_mode == "none" else rng.choice(["blank", "short"])
    w.height = rng.randint(6, 14)
    w.count = rng.randint(0, w.height - 1)
    end = "A" if not last else "E"
    head_first = rng.random() < 0.4
    heads = _headlines(rng, paras)
    if head_first:
        _heads(w, heads)
    if rng.random() < 0.4:
        w.furniture(f"■记者 {_name(rng)} 通讯员 {_name(rng)}", "B")
    body = [paras.pop() for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.5 and not regex.match(r"本报|新华社", body[0]):
        body[0] = rng.choice(["本报讯 ", "新华社北京3月5日电 "]) + body[0]
    for n, p in enumerate(body):
        if n and rng.random() < 0.15:  # stand-alone quoted list lines
            if mode == "blank":
                w.blank()
            for _ in range(rng.randint(2, 4)):
                w.body("“" + _clause(rng, paras, 5, 12) + "”", "B")
        if n and mode == "blank":
            w.blank()
        indent = 0.0 if indent_mode == "none" else 2.0
        lines = typeset(p, width, width - indent)
        if indent_mode == "kept":
            lines[0] = ("\u3000\u3000" + lines[0][0], lines[0][1])
        if n == len(body) - 1 and rng.random() < 0.15:
            s, g = lines[-1]
            lines[-1] = (s + rng.choice([" （下转第2版）", "▶下转A6版", "（转第3版）"]), g)
        for s, g in lines:
            w.body(s, g)
    if not head_first:
        _heads(w, heads)
    w.page.truth[-1] = end
    w.blank()


def _heads(w: _Writer, heads: list[tuple[str, str]]) -> None:
    """Headline lines: blank lines around each deck; an S line continues on the next."""
    w.blank()
    for h, g in heads:
        w.page.lines.append(h)
        w.page.truth.append(g)
        if g != "S":
            w.blank()


def _headlines(rng: random.Random, paras: list[str]) -> list[tuple[str, str]]:
    """One to three headline lines; a two-phrase deck comes as one S-joined pair."""
    out: list[tuple[str, str]] = []
    if rng.random() < 0.4:
        out.append((_clause(rng, paras, 8, 14), "S"))
    out.append((_clause(rng, paras, 6, 16), "B"))
    if rng.random() < 0.3:
        out.append((_clause(rng, paras, 12, 24), "B"))
    return out


def generate(seed: int, articles: int = 4) -> Page:
    """A page of ``articles`` articles; same seed, same page."""
    rng = random.Random(seed)
    paras = load_paragraphs()
    rng.shuffle(paras)
    page = Page()
    w = _Writer(page, rng, 10)
    # the OCR engine drops the 2-em paragraph indent ("lost", as in the seeds), keeps it
    # as ideographic spaces ("kept"), or the page has no indents at all ("none")
    indent_mode = rng.choice(["lost", "lost", "kept", "none"])
    for i in range(articles):
        _article(w, rng, paras, i == articles - 1, indent_mode)
    while page.lines and page.lines[-1] == "":
        page.lines.pop()
    return page
