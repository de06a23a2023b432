"""The `cleaner` command line, as a typer app: every command, the help and the errors.

``cleaner.cli.main.run`` runs a plain ``cleaner clean`` without it (typer and the
pydantic it coerces with take 0.15 s to import); the two share ``clean_command``."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner import __version__
from cleaner.cli import clean_cmd, complete, rules_cmd
from cleaner.cli.main import Engine, Target, clean_command, die_of
from cleaner.core.rulefile import RuleFileError

app = typer.Typer(
    add_completion=True,
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Clean damaged Chinese text: encoding garbage, OCR column layout, script conversion.",
    epilog="Run 'cleaner COMMAND --help' for a command's options and examples.",
)
app.add_typer(rules_cmd.app, name="rules")


def _version(value: bool) -> None:
    if value:
        from cleaner.stages.convert.backend import describe

        typer.echo(f"cleaner {__version__} (converter: {describe()})")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Clean damaged Chinese text."""


# options clean and diff share, declared once
TargetOption = Annotated[
    Optional[Target],  # noqa: UP045
    typer.Option(
        "--to",
        metavar="SCRIPT",
        help="Target script: simplified (t2s), traditional (s2t), taiwan (s2tw), "
        "hongkong (s2hk) or keep (no conversion, the default).",
    ),
]

ConfigOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--config",
        metavar="NAME",
        autocompletion=complete.config_names,
        help="Any OpenCC configuration name (s2twp, tw2sp, t2jp, ...).",
    ),
]

RulesOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--rules", metavar="DIR", help="A rules folder laid over the default rules."),
]

StagesOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--stages",
        metavar="LIST",
        help="Comma-separated stages to run (encoding,layout,convert).",
    ),
]

EncodingOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--encoding", metavar="CODEC", help="Input encoding (default: detect)."),
]

SetOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--set",
        metavar="STAGE.RULE.KEY=VALUE",
        autocompletion=complete.setting_keys,
        help="Set a rule parameter: stage.rule.key=value (TOML value).",
    ),
]


@app.command()
def clean(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045 (typer needs Optional on 3.10)
        typer.Argument(metavar="PATH", hidden=True),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "-o",
            "--output",
            metavar="FILE|DIR",
            help="For one input file (or stdin): the file to write. Else a folder to write "
            "into, mirroring relative paths. '-' is stdout.",
        ),
    ] = None,
    to: TargetOption = None,
    config: ConfigOption = None,
    rules: RulesOption = None,
    stages: StagesOption = None,
    explain: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--explain",
            metavar="FILE",
            help="Write every change as JSON Lines to this file (conversion is then "
            "recorded per character, with the alternatives of ambiguous ones).",
        ),
    ] = None,
    glob: Annotated[
        str, typer.Option("--glob", metavar="PATTERN", help="File names to clean in folders.")
    ] = "*.txt",
    encoding: EncodingOption = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Overwrite the input files (atomically).")
    ] = False,
    set_: SetOption = None,
    stats: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--stats", metavar="FILE", help="Write the per-rule counts as JSON to this file."
        ),
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Input is JSON Lines: clean one field of each record.")
    ] = False,
    text_field: Annotated[
        str,
        typer.Option(
            "--field", metavar="NAME", help="With --jsonl or for .parquet files: the text field."
        ),
    ] = "text",
    id_field: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--id-field",
            metavar="NAME",
            help="With --jsonl or for .parquet files: a field whose value goes into each "
            "--explain record of its document (as id).",
        ),
    ] = None,
    skip_existing: Annotated[
        bool,
        typer.Option(
            "--skip-existing",
            help="Skip inputs whose output exists and is newer (resume a stopped run).",
        ),
    ] = False,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Worker processes for folder runs, and for a JSON Lines or Parquet file of "
            "2 MB or more, cut into pieces of whole records (default: one per CPU core when "
            "the files total 8 MB or more, else 1).",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            metavar="local|ray",
            help="local: this machine (-j worker processes); ray: Ray actors, on a local "
            "Ray instance or the cluster at --address (pip install 'cleaner[ray]').",
        ),
    ] = Engine.local,
    address: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--address",
            metavar="ADDR",
            help="With --engine ray: the cluster to join (host:port, or 'auto').",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or progress.")] = False,
) -> None:
    """Clean files, folder trees, or stdin to stdout.

    Each PATH is a file or a folder (its files matching --glob, at any depth); none,
    or '-', reads stdin, cleaned as it arrives. A summary of the changes goes to stderr.

    \b
    Examples:
      cleaner clean seeds -o out --to simplified     a tree into out/, same relative paths
      cleaner clean a.txt -o b.txt                   one file into another
      printf '後面的頭髮\\n' | cleaner clean --to simplified
      cleaner clean seeds -o out --explain changes.jsonl --stats stats.json
      cleaner clean seeds -o out --set layout.unwrap.enabled=false
      cleaner clean shards -o out --jsonl --field text -j 4
      cleaner clean seeds -o out --explain - | jq -r .rule | sort | uniq -c
      cleaner clean /shared/in -o /shared/out --engine ray --address auto
    """
    code = clean_command(
        paths=paths, output=output, to=to, config=config, rules=rules, stages=stages,
        explain=explain, glob=glob, encoding=encoding, in_place=in_place, set_=set_,
        stats=stats, jsonl=jsonl, text_field=text_field, id_field=id_field,
        skip_existing=skip_existing, jobs=jobs, quiet=quiet, engine=engine, address=address,
    )  # fmt: skip
    raise typer.Exit(code)


@app.command()
def diff(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", hidden=True)],
    to: TargetOption = None,
    config: ConfigOption = None,
    rules: RulesOption = None,
    stages: StagesOption = None,
    set_: SetOption = None,
    glob: Annotated[
        str, typer.Option("--glob", metavar="PATTERN", help="File names to look at in folders.")
    ] = "*.txt",
    encoding: EncodingOption = None,
    rules_only: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--rules-only", metavar="IDS", help="Only these rules (comma-separated)."),
    ] = None,
    risky: Annotated[
        bool,
        typer.Option(
            "--risky",
            help="Only the risky changes: mojibake repairs, pinyin removals in sparsely "
            "annotated text, ambiguous "
            "conversions, and what a rule found but left unchanged.",
        ),
    ] = False,
    html: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--html", metavar="FILE", help="Write an HTML report instead."),
    ] = None,
) -> None:
    """Show what cleaning PATH... would change, each change in its context with its
    rule id (nothing is written but --html). Removed text is struck in red, added text
    green; without a terminal they are written [-removed-]{+added+}; a joined line
    break shows as a removed ⏎.

    \b
    Examples:
      cleaner diff seeds/001_cb1989d8750bc7f6.txt --to simplified
      cleaner diff seeds --risky                       review the risky repairs alone
      cleaner diff seeds --rules-only unwrap,letter_spacing | less -R
      cleaner diff seeds --to simplified --html report.html
    """
    from cleaner.cli import diff_cmd

    try:
        code = diff_cmd.review(
            paths, to=to.value if to else None, config=config, rules=rules, stages=stages,
            settings=set_, glob=glob, encoding=encoding, only=rules_only, risky=risky, html=html,
        )  # fmt: skip
    except RuleFileError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    except clean_cmd.UsageError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    except clean_cmd.StdoutClosed:
        die_of(signal.SIGPIPE, quiet=True)
    raise typer.Exit(code)


@app.command()
def detect(
    paths: Annotated[list[Path], typer.Argument(metavar="FILE", hidden=True)],
) -> None:
    """Report each FILE's script (simplified, traditional, mixed, none)."""
    from cleaner.io.decode import NotText, open_text
    from cleaner.io.files import open_regular
    from cleaner.stages.convert.detect import detect_script

    failed = 0
    for path in paths:
        try:
            with open_regular(path) as raw:
                text, _ = open_text(raw)
                typer.echo(f"{path}\t{detect_script(text.read(4 * 1024 * 1024))}")
        except (OSError, NotText) as e:
            typer.echo(f"error: {path}: {e}", err=True)
            failed += 1
    raise typer.Exit(1 if failed else 0)


@app.command()
def info() -> None:
    """Show the version, the converter backend and the default rules folder."""
    from cleaner.core.rulefile import DEFAULT_RULES_DIR
    from cleaner.stages.convert.backend import backend_info

    typer.echo(f"cleaner {__version__}")
    typer.echo(f"python {sys.version.split()[0]}")
    for key, value in backend_info().items():
        typer.echo(f"converter {key}: {value}")
    typer.echo(f"default rules: {DEFAULT_RULES_DIR}")
