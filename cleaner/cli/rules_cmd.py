"""`cleaner rules list` and `cleaner rules check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner.core.pipeline import Pipeline
from cleaner.core.rulefile import RuleFileError

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
    """Validate a rules folder (laid over the defaults); exit 2 on the first error."""
    pipeline = _load(rules)
    files = sorted(p.name for p in rules.glob("*.toml"))
    known = {f"{s.name}.toml" for s in pipeline.stages}
    stray = [f for f in files if f not in known]
    if stray:
        typer.echo(
            f"error: {rules / stray[0]}: no stage reads this file\n"
            f"  fix: name it after a stage ({', '.join(sorted(known))}) or remove it",
            err=True,
        )
        raise typer.Exit(2)
    typer.echo(f"ok: {rules}: {len(files)} rule file(s), {len(pipeline.rules)} rules")
