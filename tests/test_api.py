"""The Python API: Cleaner travels to other processes, missing values pass, set= works."""

from __future__ import annotations

import math
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import cleaner
from cleaner import Cleaner, Stats

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


def _clean_in_worker(c: Cleaner, text: str) -> str:
    return c.clean(text)


def test_a_cleaner_pickles_to_its_options_and_cleans_alike_in_a_fresh_process() -> None:
    c = Cleaner(to="simplified", set={"layout.repeated_paragraph.min_chars": 30})
    c.clean("預熱")  # a built pipeline must not make it heavier to send
    blob = pickle.dumps(c)
    assert len(blob) < 1000
    assert pickle.loads(blob) == c
    texts = _texts()
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        remote = list(pool.map(_clean_in_worker, [c] * len(texts), texts))
    assert remote == [c.clean(t) for t in texts]


def test_missing_values_pass_through_and_are_counted() -> None:
    c = Cleaner(to="simplified")
    out, stats = c.clean_batch(["後面的頭髮", None, float("nan"), "頭髮,,很長"])
    assert out[0] == "后面的头发" and out[1] is None and math.isnan(out[2])
    assert out[3] == "头发，很长"
    assert stats.files["missing values passed through"] == 2
    assert stats.documents == 2  # the texts cleaned
    assert stats.changes[("convert", "opencc")] >= 2


def test_batch_stats_add_up() -> None:
    c = Cleaner(stages="encoding")
    texts = _texts()
    _, one = c.clean_batch(texts[:2])
    _, two = c.clean_batch(texts[2:])
    _, whole = c.clean_batch(texts)
    total = one + two
    assert isinstance(total, Stats)
    assert total.changes == whole.changes and total.changes
    one += two
    assert one.changes == whole.changes


def test_set_changes_a_rule_parameter_from_the_api() -> None:
    page = SEEDS[0].read_text(encoding="utf-8")
    joined = cleaner.clean(page, stages="layout")
    kept = cleaner.clean(page, stages="layout", set={"layout.unwrap.enabled": False})
    assert kept.count("\n") > joined.count("\n") + 100
    assert Cleaner(stages="layout", set={"layout.unwrap.enabled": False}).clean(page) == kept


def test_a_bad_setting_names_the_key() -> None:
    with pytest.raises(ValueError, match="stage.rule.key"):
        cleaner.clean("文字", set={"unwrap.enabled": False})


@pytest.mark.parametrize("text", ["文字".encode(), 12, ["文字"]])
def test_a_text_that_is_no_str_is_refused_by_name(text: object) -> None:
    """bytes gave "can only concatenate str (not "bytes") to str", a number "'int'
    object is not subscriptable": from the pipeline's insides, naming no argument."""
    for call in (cleaner.clean, cleaner.clean_with_changes, Cleaner().clean):
        with pytest.raises(TypeError, match=f"text must be str, not {type(text).__name__}"):
            call(text)  # type: ignore[operator]


def test_warm_up_returns_the_cleaner_ready_to_use() -> None:
    c = Cleaner(to="traditional").warm_up()
    assert c.clean("头发") == "頭髮"


def test_warm_up_loads_the_models_first_use_would_load() -> None:
    import subprocess
    import sys

    probe = (
        "import cleaner\n"
        "from cleaner.stages.encoding.models.char_model import char_lm\n"
        "c = cleaner.Cleaner()\n"
        "c.clean('plain text')\n"
        "before = char_lm.cache_info().currsize\n"
        "c.warm_up()\n"
        "print(before, char_lm.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1"]
