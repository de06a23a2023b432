"""Hypothesis strategies: Chinese-heavy random text, and the seeds mutated.

Random text is a sequence of tokens: Han runs (the seeds' characters, their
traditional forms, any CJK unified ideograph), ASCII and full-width punctuation,
``?`` and ``(`` alone and in runs, pinyin with tones (``學(xué)``, unbalanced ones
too), spaces and every kind of line break, digits and Latin words, letter-spaced
Han, and mojibake made from real encodings of Han runs (UTF-8 read as cp1252,
GBK read as latin-1, UTF-8 read as GBK, GBK read one byte out of step). A seed
mutation is a window of one of seeds/*.txt with a few edits: tokens inserted,
spans deleted, duplicated, damaged by one of those encodings, converted,
letter-spaced, lines joined or split, full-width marks folded to ASCII.
Examples stay small (a few hundred characters) so that thousands run in CI.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st
from pypinyin import Style, pinyin

from cleaner.stages.convert.backend import make_converter
from cleaner.stages.encoding.gbk.damage import damage

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
MAX_CHARS = 400


def is_han(ch: str) -> bool:
    """A CJK unified or compatibility ideograph (the BMP blocks and extensions B+)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
    )


@lru_cache(maxsize=1)
def han_pool() -> tuple[str, ...]:
    """The seeds' Han characters with their simplified and traditional forms."""
    seed = "".join(sorted({c for t in SEED_TEXTS for c in t if is_han(c)}))
    both = seed + make_converter("s2t")(seed) + make_converter("t2s")(seed)
    return tuple(sorted({c for c in both if is_han(c)}))


ASCII_PUNCT = ",.;:!?()[]\"'-/%&*#@_"
FULLWIDTH_PUNCT = "，。、；：！？（）「」『』“”‘’《》…—·【】～"
SPACES = [" ", "  ", "\u3000", "\t", " \u3000 "]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\n \n", "\n\n\n"]
MOJIBAKE_SINGLES = "\ufffdÃâ€™Ã©ç§‘å­¦ÖÐ¹ú¡¢£¬鍚勫湴鍖涓浜嬬殑锛屻€"
BOILERPLATE = [
    "▶下转A6版",
    "（下转第2版）",
    "![](http://img.example.com/a.jpg)",
    "http://www.example.com/a?b=1&c=(2)",
    "2023-07-12 10:30",
    "7月 11日",
    "2003 年",
    "50 名",
    "第 3 版",
    "<p>",
    "</p><p>",
    "<br/>",
    '<a href="/a.html">',
    "</a>",
    "<!-- ad -->",
    "<<",
    ">",
    "分享到：微信 微博",
    " 【打印】【关闭】",
    "版权所有 © 2023 新华网",
    "首页 > 新闻",
]
SYLLABLES = ["xué", "zhōng", "guó", "zhèn", "diào", "dāng", "lǜ", "nǚ", "a", "er2", "xue2", "ü"]

han = st.one_of(
    st.sampled_from(han_pool()),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
)
han_run = st.text(han, min_size=1, max_size=12)


def _reading(ch: str, heteronym: bool) -> str:
    readings = pinyin(ch, style=Style.TONE, heteronym=heteronym)[0]
    return readings[-1]


@st.composite
def pinyin_annotation(draw: st.DrawFn) -> str:
    """``學(xué)`` with a real reading, a wrong one, full-width or unbalanced parentheses."""
    ch = draw(han)
    syllable = draw(
        st.one_of(st.builds(_reading, st.just(ch), st.booleans()), st.sampled_from(SYLLABLES))
    )
    opening, closing = draw(st.sampled_from([("(", ")"), ("（", "）"), ("(", ""), ("", ")")]))
    return ch + opening + syllable + closing


def _cp1252(data: bytes) -> str:
    """Bytes read as cp1252, the five undefined bytes as latin-1 (what browsers do)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def utf8_as_cp1252(text: str) -> str:
    return _cp1252(text.encode("utf-8"))


def gbk_as_latin1(text: str) -> str:
    return text.encode("gbk", errors="ignore").decode("latin-1")


def gbk_as_cp1252(text: str) -> str:
    return _cp1252(text.encode("gbk", errors="ignore"))


def utf8_as_gbk(text: str) -> str:
    return text.encode("utf-8").decode("gbk", errors="replace")


def utf8_as_big5(text: str) -> str:
    return text.encode("utf-8").decode("big5", errors="replace")


def gbk_shifted(text: str) -> str:
    """GBK read one byte out of step after a comma landed inside a character."""
    text = text.encode("gbk", errors="ignore").decode("gbk")
    return damage(text, "gbk") if text else text


MOJIBAKE = [utf8_as_cp1252, gbk_as_latin1, gbk_as_cp1252, utf8_as_gbk, utf8_as_big5, gbk_shifted]


@st.composite
def mojibake(draw: st.DrawFn, source: st.SearchStrategy[str] = han_run) -> str:
    """A run of text damaged the way the seeds were, sometimes cut short."""
    text = draw(source)
    broken = draw(st.sampled_from(MOJIBAKE))(text)
    cut = draw(st.integers(0, 2))
    return broken[: len(broken) - cut] if cut < len(broken) else broken


def letter_spaced(text: str) -> str:
    return " ".join(text)


token = st.one_of(
    han_run,
    han_run,
    han_run,
    st.sampled_from(ASCII_PUNCT),
    st.sampled_from(FULLWIDTH_PUNCT),
    st.sampled_from(["?", "??", "?，", "?。", "(", "((", "（", ")", ",,", ",。"]),
    pinyin_annotation(),
    st.sampled_from(SPACES),
    st.sampled_from(BREAKS),
    st.text("0123456789", min_size=1, max_size=4),
    st.text("abcdefghijklmnopqrstuvwxyzABCXYZ", min_size=1, max_size=8),
    st.sampled_from(BOILERPLATE),
    st.sampled_from(MOJIBAKE_SINGLES),
    mojibake(),
    han_run.map(letter_spaced),
)


def _clip(text: str) -> str:
    return text[:MAX_CHARS]


chinese_text = st.lists(token, max_size=60).map("".join).map(_clip)

# ---- mutations of the seeds -------------------------------------------------


@st.composite
def seed_window(draw: st.DrawFn) -> str:
    seed = draw(st.sampled_from(SEED_TEXTS))
    start = draw(st.integers(0, len(seed) - 1))
    size = draw(st.integers(1, 300))
    return seed[start : start + size]


def _span(draw: st.DrawFn, text: str, longest: int = 30) -> tuple[int, int]:
    start = draw(st.integers(0, len(text)))
    return start, min(len(text), start + draw(st.integers(0, longest)))


_t2s = make_converter("t2s")
_s2t = make_converter("s2t")
_FOLD = str.maketrans("，；：！？（）", ",;:!?()")


@st.composite
def mutated_seed(draw: st.DrawFn, whole: bool = False) -> str:
    """A window of a seed (or, ``whole``, a seed document) with up to 6 (24) edits."""
    text = draw(st.sampled_from(SEED_TEXTS) if whole else seed_window())
    for _ in range(draw(st.integers(0, 24 if whole else 6))):
        a, b = _span(draw, text)
        op = draw(
            st.sampled_from(
                [
                    "insert",
                    "delete",
                    "duplicate",
                    "question",
                    "mojibake",
                    "convert",
                    "letter_space",
                    "join_lines",
                    "split_line",
                    "fold_punct",
                ]
            )
        )
        piece = text[a:b]
        if op == "insert":
            piece = piece + draw(token)
        elif op == "delete":
            piece = ""
        elif op == "duplicate":
            piece = piece + piece
        elif op == "question":  # a character lost to `?`, as a shifted decoder writes it
            piece = "?" + piece[1:]
        elif op == "mojibake":
            piece = draw(st.sampled_from(MOJIBAKE))(piece)
        elif op == "convert":
            piece = draw(st.sampled_from([_t2s, _s2t]))(piece)
        elif op == "letter_space":
            piece = letter_spaced(piece)
        elif op == "join_lines":
            piece = piece.replace("\n", "")
        elif op == "split_line":
            piece = piece + draw(st.sampled_from(BREAKS))
        else:
            piece = piece.translate(_FOLD)
        text = text[:a] + piece + text[b:]
    return text if whole else _clip(text)


def whole_seed_mutated() -> st.SearchStrategy[str]:
    return mutated_seed(whole=True)


SOURCES = {"random": chinese_text, "seeds": mutated_seed()}
