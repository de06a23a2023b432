"""The `cleaner` command line's entry point.

A plain ``cleaner clean`` (the options below, written the plain way) runs without
typer: typer and the pydantic it coerces options with take some 0.15 s to import
and build, three times what a one-line filter needs for the rest. Whatever else is
asked (``--help``, another command, an option written another way, a value to check,
an error) goes to the typer app (``cleaner.cli.app``), which parses it all, so that
help, messages and exit codes are typer's. Both run ``clean_command``.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import typer


class Target(str, Enum):
    simplified = "simplified"
    traditional = "traditional"
    taiwan = "taiwan"
    hongkong = "hongkong"
    keep = "keep"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


def _fail(message: str) -> NoReturn:
    import typer

    typer.echo(message, err=True)
    raise typer.Exit(2) from None


def die_of(signum: int, quiet: bool = False) -> NoReturn:
    """Temporary files are gone by now: end by the signal itself, as the shell expects
    (quietly for SIGPIPE: the reader of stdout has gone, as with ``| head``)."""
    import typer

    if not quiet:
        msg = f"interrupted ({signal.Signals(signum).name}); no partial output left"
        typer.echo(msg, err=True)
    sys.stderr.flush()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    raise typer.Exit(128 + signum)  # where the signal does not end the process


def clean_command(
    *,
    paths: list[str] | None,
    output: str | None,
    to: Target | None,
    config: str | None,
    rules: Path | None,
    stages: str | None,
    explain: Path | None,
    glob: str,
    encoding: str | None,
    in_place: bool,
    set_: list[str] | None,
    stats: Path | None,
    jsonl: bool,
    text_field: str,
    id_field: str | None,
    skip_existing: bool,
    jobs: int | None,
    quiet: bool,
    engine: Engine = Engine.local,
    address: str | None = None,
) -> int:
    """``cleaner clean``: the exit status, or ``typer.Exit`` (errors, signals)."""
    from cleaner.cli import clean_cmd
    from cleaner.core.rulefile import RuleFileError

    try:
        code = clean_cmd.run(
            clean_cmd.Options(
                paths=paths or [],
                output=None if output in (None, "-") else Path(output),
                output_is_folder=output is not None and output.endswith(("/", os.sep)),
                to=to.value if to else None,
                config=config,
                rules=rules,
                stages=stages,
                explain=explain,
                glob=glob,
                encoding=encoding,
                in_place=in_place,
                settings=set_ or [],
                stats=stats,
                quiet=quiet,
                jsonl=jsonl,
                text_field=text_field,
                id_field=id_field,
                skip_existing=skip_existing,
                jobs=jobs or 0,
                engine=engine.value,
                address=address,
            )
        )
    except RuleFileError as e:
        _fail(f"error: {e}")
    except clean_cmd.UsageError as e:
        _fail(f"error: {e}")
    except clean_cmd.StdoutClosed:
        die_of(signal.SIGPIPE, quiet=True)
    except KeyboardInterrupt as e:  # SIGINT, or SIGTERM/SIGHUP (clean_cmd.Interrupted)
        die_of(getattr(e, "signum", signal.SIGINT))
    return code


# `cleaner clean`'s options as the typer app declares them (cleaner.cli.app.clean)
CLEAN_DEFAULTS: dict[str, Any] = {
    "paths": None, "output": None, "to": None, "config": None, "rules": None,
    "stages": None, "explain": None, "glob": "*.txt", "encoding": None, "in_place": False,
    "set_": None, "stats": None, "jsonl": False, "text_field": "text", "id_field": None,
    "skip_existing": False, "jobs": None, "quiet": False, "engine": Engine.local,
    "address": None,
}  # fmt: skip
_FLAGS = {"--in-place": "in_place", "--jsonl": "jsonl", "--skip-existing": "skip_existing",
          "--quiet": "quiet", "-q": "quiet"}  # fmt: skip
_VALUES = {"-o": "output", "--output": "output", "--to": "to", "--config": "config",
           "--rules": "rules", "--stages": "stages", "--explain": "explain", "--glob": "glob",
           "--encoding": "encoding", "--set": "set_", "--stats": "stats",
           "--field": "text_field", "--id-field": "id_field",
           "-j": "jobs", "--jobs": "jobs", "--engine": "engine",
           "--address": "address"}  # fmt: skip
_PATHS = {"rules", "explain", "stats"}
_JOBS = re.compile(r"[1-9][0-9]{0,8}")


def plain_clean_args(args: list[str]) -> dict[str, Any] | None:
    """The options of ``cleaner clean ARGS`` as the typer app gives them to
    ``clean_command``, when ``args`` is a plain ``clean`` that the app would run as
    is; else None (the app parses it). Plain: each option once, written ``--name
    value``, ``--name=value``, ``-o value``, ``-j value`` or as a flag; no value
    empty or starting with ``-`` but ``-`` itself; ``--to`` one of the targets,
    ``--jobs`` a number from 1 without leading zeros; no ``--``, no shell completion."""
    if not args or args[0] != "clean" or os.name == "nt":
        return None
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None
    out = dict(CLEAN_DEFAULTS)
    seen: set[str] = set()
    paths: list[str] = []
    settings: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if not arg or not _encodable(arg):
            return None
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, inline = arg.partition("=")
        key = _FLAGS.get(arg) or _VALUES.get(name)
        if key is None or key in seen:
            return None
        if key in _FLAGS.values():
            out[key] = True
        else:
            value = inline if eq else next(rest, "")
            if (eq and not name.startswith("--")) or not _plain_value(value):
                return None
            if key == "set_":
                settings.append(value)
                continue
            if key == "to":
                if value not in Target._value2member_map_:
                    return None
                out[key] = Target(value)
            elif key == "engine":
                if value not in Engine._value2member_map_:
                    return None
                out[key] = Engine(value)
            elif key == "jobs":
                if not _JOBS.fullmatch(value):
                    return None
                out[key] = int(value)
            else:
                out[key] = Path(value) if key in _PATHS else value
        seen.add(key)
    out["paths"] = paths or None
    out["set_"] = settings or None
    return out


def _plain_value(value: str) -> bool:
    """Not empty (or missing), not starting with ``-`` unless ``-`` itself."""
    return value != "" and (value == "-" or not value.startswith("-")) and _encodable(value)


def _encodable(arg: str) -> bool:
    """No lone surrogates (bytes the file system encoding could not decode)."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _end_as_typer_does(e: BaseException) -> NoReturn:
    """End as the typer app ends when a command raises ``e`` (typer.core's main loop
    and ``Typer.__call__``): imported only now, on an unusual way out."""
    import typer
    from typer import main as typer_main

    try:
        try:
            raise e
        except EOFError as err:
            typer.echo(err=True)
            raise typer.Abort() from err
        except KeyboardInterrupt as err:
            raise typer.Exit(130) from err
        except OSError as err:
            if err.errno != errno.EPIPE:
                raise
            _pacify_std_streams()
            sys.exit(1)
    except typer.Exit as err:
        sys.exit(err.exit_code)
    except typer.Abort:
        typer.echo("Aborted!", err=True)
        sys.exit(1)
    except Exception as err:
        from cleaner.cli.app import app

        sys.excepthook = typer_main.except_hook
        config = typer_main.DeveloperExceptionConfig(
            pretty_exceptions_enable=app.pretty_exceptions_enable,
            pretty_exceptions_show_locals=app.pretty_exceptions_show_locals,
            pretty_exceptions_short=app.pretty_exceptions_short,
        )
        setattr(err, typer_main._typer_developer_exception_attr_name, config)
        raise


def _pacify_std_streams() -> None:
    try:
        from typer._click.utils import PacifyFlushWrapper  # typer >= 0.26 bundles click
    except ImportError:  # pragma: no cover
        from click.utils import PacifyFlushWrapper  # type: ignore[no-redef]
    sys.stdout = PacifyFlushWrapper(sys.stdout)
    sys.stderr = PacifyFlushWrapper(sys.stderr)


def run() -> None:
    options = plain_clean_args(sys.argv[1:])
    if options is None:
        from cleaner.cli.app import app

        app()
        return
    try:
        code = clean_command(**options)
    except SystemExit:
        raise
    except BaseException as e:
        _end_as_typer_does(e)
    sys.exit(code)


def __getattr__(name: str) -> Any:
    """The typer app's names (``app``, ``clean``, ...), as before it moved to cleaner.cli.app."""
    if name.startswith("__"):
        raise AttributeError(name)
    from cleaner.cli import app

    return getattr(app, name)


if TYPE_CHECKING:
    app: typer.Typer
