"""Time per call is linear in the input: no input shape makes a rule super-linear.

Each shape is cleaned at n and 8n characters (one block: the pipeline cuts at
256K); the 8n run may take at most ``BOUND`` times as long as the n run (linear is
8, quadratic 64). A regression guard, not a benchmark: the bound is generous for
a shared machine, the larger input is cleaned once untimed first (caches grow with
new text: a first run is slower) and the shortest of a few runs is taken. The pipeline is the
one the Python API builds with records (``clean_with_changes``), every stage on,
so conversion and the offset mapping of records are timed too.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable

import pytest

import cleaner
from tests.properties.strategies import SEED_TEXTS, gbk_shifted, utf8_as_cp1252, utf8_as_gbk

N = 20_000
FACTOR = 8
BOUND = 20.0
TO = "simplified"

_SEED = "".join(SEED_TEXTS)
_HAN = [c for c in _SEED if "\u4e00" <= c <= "\u9fff"]


def _fill(unit: Callable[[random.Random], str], n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n:
        parts.append(unit(rng))
        size += len(parts[-1])
    return "".join(parts)[:n]


def _han(rng: random.Random, k: int) -> str:
    return "".join(rng.choice(_HAN) for _ in range(k))


def _seed_run(rng: random.Random) -> str:
    start = rng.randrange(len(_SEED) - 400)
    return _SEED[start : start + 400]


SHAPES: dict[str, Callable[[random.Random], str]] = {
    "seeds": _seed_run,
    "dense_question_before_marks": lambda r: _han(r, 2) + "?" + r.choice("，。、；！？"),
    "random_question_comma_mojibake": lambda r: r.choice(["?", "，", "鍚", "勫"]),
    "paren_runs": lambda r: "(" * r.randint(1, 40) + _han(r, 3),
    "open_paren_only": lambda r: "(",
    "pinyin_annotations": lambda r: _han(r, 1) + "(xué)",
    "pinyin_unclosed": lambda r: _han(r, 1) + "(xué",
    "ruby_bare": lambda r: _han(r, 1) + r.choice(["xué", "xue2", "ㄒㄩㄝˊ", "de", "iPhone"]),
    "ruby_lines": lambda r: _han(r, 1) + "\n" + r.choice(["xué", "(\nxué\n)", "de"]) + "\n",
    # rows of readings (toned, run together, zhuyin) between lines of prose, as PDF
    # extractors print a ruby page: each row is read against the prose around it
    "reading_rows": lambda r: (
        " ".join(r.choices(["xué", "shēngzhǎng", "ㄒㄩㄝˊ", "de"], k=6))
        + "\n"
        + _han(r, 20)
        + "，\n"
    ),
    "long_line": lambda r: _seed_run(r).replace("\n", ""),
    "many_short_lines": lambda r: _han(r, r.randint(1, 3)) + "\n",
    "column_lines": lambda r: _han(r, 14) + ("\n\n" if r.random() < 0.05 else "\n"),
    "letter_spaced": lambda r: " ".join(_han(r, 8)) + "\n",
    "letter_spaced_one_line": lambda r: " " + _han(r, 1),
    "utf8_as_cp1252_runs": lambda r: utf8_as_cp1252(_han(r, 20)),
    "utf8_as_gbk_runs": lambda r: utf8_as_gbk(_han(r, 20)),
    "gbk_shifted_runs": lambda r: gbk_shifted(_han(r, 20) + "，" + _han(r, 10) + "。"),
    "comma_runs": lambda r: _han(r, 2) + "," * r.randint(1, 30),
    "digit_spaces": lambda r: f"{r.randint(1, 12)}月 {r.randint(1, 31)}日 ",
    "spaces_and_blank_lines": lambda r: r.choice([" ", "\u3000", "\n", "\n\n", _han(r, 1)]),
    "repeated_paragraph": lambda r: "同一段落重复出现。\n",
    "page_jumps": lambda r: _han(r, 10) + "▶下转A6版",
    "markdown_images": lambda r: "![](http://x/a.jpg)\n" + _han(r, 10) + "\n",
    # one line, many small repairs, few distinct characters: a whole-line diff of the
    # repairs took cubic time (7,000 characters: 100 s; cleaner.core.opcodes)
    "latin_mojibake_one_line": lambda r: "说cafÃ©是",
    "mojibake_pinyin_one_line": lambda r: "许可(kÄ›)证",
    # one line of images never closed: markdown_image's search for an image at the end
    # of a line was tried from every "![" and read to the line's end (FINDINGS.md H5)
    "unclosed_images_one_line": lambda r: "![" + _han(r, 2) + "](http://x/",
    # fold_punct's and stray_comma's protected spans: an image marker and a link target
    # were each looked for up to the line's end (or the next space) from every "![" and
    # "](" (FINDINGS.md H6)
    "image_markers_no_bracket": lambda r: "![" + _han(r, 1),
    "link_targets_no_paren": lambda r: "](" + _han(r, 1),
    # page_widgets: one long line of footer words and of glued buttons; html_tags: tags
    # opened and never closed, and runs of tags
    "footer_words_one_line": lambda r: r.choice(["ICP备", "版权所有", "首页 > ", _han(r, 1)]),
    "glued_buttons_one_line": lambda r: r.choice(["【打印】", "【关闭】", " "]),
    "tags_one_line": lambda r: r.choice(["<p ", "<b>", "</p>", "<!-- ", _han(r, 1)]),
    "doubled_marks": lambda r: _han(r, 1) + r.choice(["，，", "。。。", "、！"]),
    "wechat_footer_lines": lambda r: r.choice(
        ["取消\n", "预览时标签不可点\n", "\n", _han(r, 5) + "\n"]
    ),
}


# gbk_shift searches cost 10-200 ms each (FINDINGS.md T1); its search budget per block
# keeps them linear, and at this size they stay quick enough for CI.
SIZES = {
    "dense_question_before_marks": 2_000,
    "random_question_comma_mojibake": 2_000,
    "gbk_shifted_runs": 2_000,
    # quadratic before the fix: at 20K the 160K run took minutes
    "image_markers_no_bracket": 10_000,
    "link_targets_no_paren": 10_000,
}
# Too slow for CI: utf8_as_gbk slows down past 40K characters of one mojibake line (T2).
# It runs under the slow profile, at this size.
SLOW_SHAPES = {"utf8_as_gbk_runs": N}
CASES = [
    pytest.param(shape, SLOW_SHAPES[shape], marks=pytest.mark.slow)
    if shape in SLOW_SHAPES
    else (shape, SIZES.get(shape, N))
    for shape in SHAPES
]


def _time(texts: list[str]) -> float:
    """Mean time over ``texts``: each is new to the pipeline, so no memo of an earlier
    run (gbk_shift keeps one of the stretches it decided) makes a run look cheap, and
    the mean evens out how much damage each sample of the seeds happens to hold.
    CPU time of this process: other work on the machine does not count."""
    total = 0.0
    for text in texts:
        started = time.process_time()
        cleaner.clean_with_changes(text, to=TO)
        total += time.process_time() - started
    return total / len(texts)


@pytest.mark.parametrize(("shape", "n"), CASES)
def test_time_is_linear(shape: str, n: int) -> None:
    unit = SHAPES[shape]
    _time([_fill(unit, n * FACTOR, seed=1)])  # warm the lazy tables and models
    # the objects of the tests run before this one are kept out of the garbage
    # collector's passes: their cost grew with the suite's heap, not with the input
    gc.collect()
    gc.freeze()
    try:
        t_small = _time([_fill(unit, n, seed=s) for s in (2, 3, 4)])
        t_large = _time([_fill(unit, n * FACTOR, seed=s) for s in (5, 6)])
    finally:
        gc.unfreeze()
    ratio = t_large / max(t_small, 1e-3)
    print(f"\n{shape}: {n} chars {t_small:.3f}s, {n * FACTOR} chars {t_large:.3f}s, x{ratio:.1f}")
    assert ratio < BOUND, f"{shape}: {FACTOR}x the input took {ratio:.1f}x the time"
