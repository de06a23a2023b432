"""`cleaner rules list/show/doc`: the rule reference comes from the rules themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.conftest import ROOT

LETTER_SPACING = """\
layout.letter_spacing (on)

Collapse Han text set a space apart: letter-spaced runs, and lines spaced out in part.

A run (`min_run` single Han characters set a space apart, whitespace or the
line's edge around it) is a letter-spaced headline or line. A chain is part of a
line an extractor spaced out (a justified line whose glyphs stand wide:
`推 动高 质 量 发 展`): single spaces between Chinese text (Han, full-width
marks, digits), the pieces between them at most `max_token` Han characters. It
is collapsed with `min_singles` single Han characters among its pieces,
`min_share` of its gaps between two Han characters spaced and `min_run` Han
characters in all. A name spaced out (`记者 王 明`) has two single characters;
phrases, couplets, a title and its subtitle, tables (`甲 1 乙 2`), English and
code stay.

parameters:
  enabled (bool) = true
      switches the rule on or off
  min_run (int; >= 3) = 4
      a run of single Han characters set one space apart needs this many to be collapsed
  min_singles (int; >= 2) = 3
      a chain (part of a line spaced out) needs this many single Han characters
  max_token (int; >= 1; <= 3) = 2
      the longest piece between two spaces of a chain (Han characters)
  min_share (float; > 0; <= 1) = 0.6
      the share of a chain's gaps between two Han characters that are spaced

examples:
  letter-spaced masthead slogan:
    "担 当 源 自 责 任 关 注 产 生 力 量\\n"
    -> "担当源自责任关注产生力量\\n"
  letter-spaced run with marks attached:
    "芗城区部分区域开展\\n新 冠 病 毒 核 酸 检 测 ，来 自 各 行 各 业 的\\n"
    -> "芗城区部分区域开展\\n新冠病毒核酸检测，来自各行各业的\\n"

in rules/layout.toml:
  [letter_spacing]
  enabled = true
  # a run of single Han characters set one space apart needs this many to be collapsed
  min_run = 4
  # a chain (part of a line spaced out) needs this many single Han characters
  min_singles = 3
  # the longest piece between two spaces of a chain (Han characters)
  max_token = 2
  # the share of a chain's gaps between two Han characters that are spaced
  min_share = 0.6
"""


def test_rules_show_prints_doc_parameters_ranges_and_table(cleaner: Any) -> None:
    r = cleaner("rules", "show", "letter_spacing")
    assert (r.returncode, r.stderr) == (0, b"")
    assert r.stdout.decode() == LETTER_SPACING
    assert cleaner("rules", "show", "layout.letter_spacing").stdout == r.stdout


def test_rules_show_gives_ranges_and_choices(cleaner: Any) -> None:
    out = cleaner("rules", "show", "separator").stdout.decode()
    assert '  separator (str; one of "\\n", "\\n\\n") = "\\n"\n' in out
    out = cleaner("rules", "show", "unwrap").stdout.decode()
    assert "  min_regular (float; >= 0; <= 1) = 0.35\n" in out


def test_rules_show_unknown_rule(cleaner: Any) -> None:
    r = cleaner("rules", "show", "dedup")
    assert r.returncode == 2 and r.stdout == b""
    assert r.stderr.decode().startswith("error: no rule 'dedup'; rules are: newlines, ")


def test_rules_show_with_a_rules_folder_shows_its_values(cleaner: Any, tmp_path: Path) -> None:
    (tmp_path / "layout.toml").write_text("[letter_spacing]\nmin_run = 6\n", encoding="utf-8")
    out = cleaner("rules", "show", "letter_spacing", "--rules", tmp_path).stdout.decode()
    assert "  min_run (int; >= 3) = 6\n" in out


def test_rules_list_shows_parameters(cleaner: Any) -> None:
    lines = cleaner("rules", "list").stdout.decode().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("layout    letter_spacing"))
    assert lines[at + 1] == " " * 10 + "min_run=4, min_singles=3, max_token=2, min_share=0.6"


def test_docs_rules_md_is_generated_from_the_rules(cleaner: Any, tmp_path: Path) -> None:
    r = cleaner("rules", "doc", "--check", ROOT / "docs" / "rules.md")
    assert r.returncode == 0, r.stderr.decode()
    stale = tmp_path / "rules.md"
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    stale.write_text(text.replace("min_run = 4", "min_run = 5"), encoding="utf-8")
    r = cleaner("rules", "doc", "--check", stale)
    assert r.returncode == 1
    assert r.stderr.decode() == f"{stale} is stale: run `cleaner rules doc -o {stale}`\n"
    assert cleaner("rules", "doc").stdout.decode() == text
