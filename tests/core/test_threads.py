"""One pipeline shared by threads gives what it gives serially, records included."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change, Stats
from cleaner.core.stage import Stage
from cleaner.stages.convert.opencc_rule import OpenCCConvert
from cleaner.stages.convert.overrides import Overrides

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _clean(pl: Pipeline, path: Path) -> tuple[str, list[Change], Stats]:
    changes: list[Change] = []
    stats = Stats()
    text = pl.clean_text(path.read_text(encoding="utf-8"), path.name, changes.append, stats)
    return text, changes, stats


def test_eight_threads_over_the_seeds_equal_the_serial_run() -> None:
    pl = Pipeline(overrides={"convert": {"opencc": {"to": "simplified"}}})
    jobs = SEEDS * 8  # every seed in every thread, interleaved
    serial = {p: _clean(pl, p) for p in SEEDS}
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda p: (p, _clean(pl, p)), jobs))
    for path, (text, changes, stats) in results:
        want_text, want_changes, want_stats = serial[path]
        assert text == want_text, path.name
        assert changes == want_changes, path.name
        assert stats.changes == want_stats.changes, path.name


def test_counts_of_threads_add_up_on_the_shared_pipeline() -> None:
    pl = Pipeline(stages="encoding")
    text = SEEDS[1].read_text(encoding="utf-8")
    one = Stats()
    pl.clean_text(text, stats=one)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: pl.clean_text(text), range(16)))
    assert one.changes and all(pl.stats.changes[k] == 16 * n for k, n in one.changes.items())


def test_overrides_reach_the_converter_whatever_thread_built_them() -> None:
    built: list[Overrides] = []
    params = Overrides.Params(phrases={"软件": "軟體"})
    t = threading.Thread(target=lambda: built.append(Overrides(params)))
    t.start()
    t.join()
    opencc = OpenCCConvert(OpenCCConvert.Params(to="traditional"))
    Stage("convert", [built[0], opencc])
    assert opencc.overrides == built
    assert built[0].owner is opencc


def test_the_api_shares_one_pipeline_between_threads() -> None:
    import cleaner

    with ThreadPoolExecutor(4) as pool:
        got = set(pool.map(lambda _: id(cleaner.get_pipeline(to="taiwan")), range(8)))
    assert got == {id(cleaner.get_pipeline(to="taiwan"))}
    text = SEEDS[0].read_text(encoding="utf-8")
    with ThreadPoolExecutor(4) as pool:
        outs = set(pool.map(lambda _: cleaner.clean(text, to="taiwan"), range(8)))
    assert len(outs) == 1
