"""`cleaner rules list` and `cleaner rules check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner.core.pipeline import Pipeline
from cleaner.core.rulefile import RuleFileError, check_rules_dir

app = typer.Typer(help="List and check rule files.", no_args_is_help=True)


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
        typer.Option("--rules", help="A rules folder laid over the defaults."),
    ] = None,
) -> None:
    """Every rule: id, stage, on/off and what it does, in run order."""
    pipeline = _load(rules)
    width = max(len(r.id) for r in pipeline.rules)
    for stage in pipeline.stages:
        for rule in stage.rules:
            state = "on " if rule.params.enabled else "off"
            typer.echo(f"{stage.name:<9} {rule.id:<{width}}  {state}  {rule.description()}")


@app.command("check")
def check(rules: Annotated[Path, typer.Argument(help="The rules folder to check.")]) -> None:
    """Validate a rules folder (laid over the defaults): report every problem, exit 2 if any.

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
