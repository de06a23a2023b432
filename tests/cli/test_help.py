"""`--help`: examples, and options shown as a user types them (no `<bool>`, `<str>`)."""

from __future__ import annotations

import pytest

from tests.cli.conftest import run_cleaner

EXAMPLES = """\
  Examples:
    cleaner clean seeds -o out --to simplified     a tree into out/, same relative paths
    cleaner clean a.txt -o b.txt                   one file into another
    printf '後面的頭髮\\n' | cleaner clean --to simplified
    cleaner clean seeds -o out --explain changes.jsonl --stats stats.json
    cleaner clean seeds -o out --set layout.unwrap.enabled=false
    cleaner clean shards -o out --jsonl --field text -j 4
    cleaner clean seeds -o out --explain - | jq -r .rule | sort | uniq -c
"""

COMMANDS = [(), ("clean",), ("diff",), ("detect",), ("info",), ("rules",), ("rules", "list"),
            ("rules", "show"), ("rules", "doc"), ("rules", "check")]  # fmt: skip


def test_clean_help_has_examples() -> None:
    r = run_cleaner("clean", "--help")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert out.startswith("Usage: cleaner clean [OPTIONS] [PATH]...\n")
    assert EXAMPLES in out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "cleaner")
def test_help_shows_flags_and_metavars_plainly(command: tuple[str, ...]) -> None:
    out = run_cleaner(*command, "--help").stdout.decode()
    assert "Usage: cleaner" in out
    assert "<" not in out.replace("<=", ""), out  # typer's <bool>, <str>, <list[str]>
    assert "│" not in out  # plain text, no boxes


def test_clean_help_flags_and_values() -> None:
    out = run_cleaner("clean", "--help").stdout.decode()
    for line in ("  --in-place ", "  --jsonl ", "  -q, --quiet ", "  -o, --output FILE|DIR ",
                 "  --set STAGE.RULE.KEY=VALUE ", "  -j, --jobs N "):  # fmt: skip
        assert f"\n{line}" in out, line
