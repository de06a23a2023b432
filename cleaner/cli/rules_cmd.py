"""`cleaner rules list`, `show`, `doc` and `check`."""

from __future__ import annotations

import textwrap
from dataclasses import fields
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner.cli import complete
from cleaner.core.pipeline import Pipeline
from cleaner.core.rulefile import RuleFileError, check_rules_dir

app = typer.Typer(
    help="List, describe and check rules and rule files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _load(rules: Path | None) -> Pipeline:
    if rules is not None and not rules.is_dir():
        typer.echo(f"error: {rules}: not a folder", err=True)
        raise typer.Exit(2)
    try:
        return Pipeline(rules_dir=rules)
    except RuleFileError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None


@app.command("list")
def list_rules(
    rules: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--rules", metavar="DIR", help="A rules folder laid over the defaults."),
    ] = None,
) -> None:
    """Every rule: id, stage, on/off, what it does and its parameters, in run order."""
    from cleaner.core.rule_docs import shown

    pipeline = _load(rules)
    width = max(len(r.id) for r in pipeline.rules)
    for stage in pipeline.stages:
        for rule in stage.rules:
            state = "on " if rule.params.enabled else "off"
            typer.echo(f"{stage.name:<9} {rule.id:<{width}}  {state}  {rule.description()}")
            values = [
                f"{f.name}={shown(getattr(rule.params, f.name), 24)}"
                for f in fields(rule.params)
                if f.name != "enabled"
            ]
            if values:
                typer.echo(textwrap.fill(", ".join(values), 100, initial_indent=" " * 10,
                                         subsequent_indent=" " * 10, break_long_words=False,
                                         break_on_hyphens=False))  # fmt: skip


@app.command("show")
def show(
    rule_id: Annotated[
        str, typer.Argument(metavar="RULE", hidden=True, autocompletion=complete.rule_ids)
    ],
    rules: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--rules", metavar="DIR", help="A rules folder laid over the defaults."),
    ] = None,
) -> None:
    """RULE's reference (an id, or stage.id): what it does, its parameters (type,
    allowed values, default, meaning), examples, and its table in the default rule file.

    Example: cleaner rules show unwrap"""
    from cleaner.core.rule_docs import as_text, rule_doc

    pipeline = _load(rules)
    found = [r for r in pipeline.rules if rule_id in (r.id, f"{r.stage}.{r.id}")]
    if not found:
        ids = ", ".join(r.id for r in pipeline.rules)
        typer.echo(f"error: no rule {rule_id!r}; rules are: {ids}", err=True)
        raise typer.Exit(2)
    typer.echo(as_text(rule_doc(found[0])), nl=False)


@app.command("doc")
def doc(
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write to this file (default: stdout)."
        ),
    ] = None,
    check: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--check",
            metavar="FILE",
            help="Exit 1 if this file differs from what would be written.",
        ),
    ] = None,
) -> None:
    """The reference of every rule as Markdown (docs/rules.md), from the rules themselves.

    Example: cleaner rules doc -o docs/rules.md"""
    from cleaner.core.rule_docs import as_markdown, rule_doc

    text = as_markdown([rule_doc(r) for r in _load(None).rules])
    if check is not None:
        have = check.read_text(encoding="utf-8") if check.is_file() else ""
        if have != text:
            typer.echo(f"{check} is stale: run `cleaner rules doc -o {check}`", err=True)
            raise typer.Exit(1)
        typer.echo(f"ok: {check} is up to date")
    elif output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)


@app.command("check")
def check(
    rules: Annotated[Path, typer.Argument(metavar="DIR", hidden=True)],
) -> None:
    """Validate the rules folder DIR (laid over the defaults): report every problem, exit 2 if any.

    Beyond what loading checks, regexes are checked for shapes that backtrack
    catastrophically (nested or overlapping repetition)."""
    problems, count = check_rules_dir(rules)
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    if problems:
        typer.echo(f"{rules}: {len(problems)} problem(s)", err=True)
        raise typer.Exit(2)
    files = sorted(p.name for p in rules.glob("*.toml"))
    typer.echo(f"ok: {rules}: {len(files)} rule file(s), {count} rules")
