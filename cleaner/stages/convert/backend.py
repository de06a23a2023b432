"""Which OpenCC is installed, and a converter for a configuration name.

Two packages install the same module name ``opencc``: the official binding
(``OpenCC`` on PyPI, C++ with current dictionaries; the default) and
``opencc-python-reimplemented`` (pure Python, older dictionaries, fewer
configurations). Whichever was installed last owns the module; this module tells
them apart by what they contain.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

OFFICIAL = "opencc"
REIMPL = "opencc-python-reimplemented"

Converter = Callable[[str], str]


class BackendError(Exception):
    """The installed OpenCC cannot do what was asked; the message says what to do."""


def _version(dist: str) -> str:
    from importlib import metadata  # ~20 ms: only for the reimplementation's version

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def _module() -> Any:
    try:
        import opencc
    except ImportError as e:  # pragma: no cover - a dependency
        raise BackendError(
            "no OpenCC module is installed; install the official binding: pip install opencc"
        ) from e
    return opencc


def backend_name() -> str:
    mod = _module()
    if hasattr(mod, "CONFIGS") and hasattr(mod, "__version__"):
        return OFFICIAL
    return REIMPL


def _reimpl_dir() -> Path:
    return Path(_module().__file__).parent


def available_configs() -> list[str]:
    """Configuration names (without ``.json``) the installed backend ships."""
    mod = _module()
    if backend_name() == OFFICIAL:
        names = [c.removesuffix(".json") for c in mod.CONFIGS]
    else:
        names = [p.stem for p in (_reimpl_dir() / "config").glob("*.json")]
    return sorted(names)


def backend_info() -> dict[str, Any]:
    """Name, version, dictionary version and location of the installed backend."""
    mod = _module()
    if backend_name() == OFFICIAL:
        share = Path(mod.__file__).parent / "clib" / "share" / "opencc"
        return {
            "name": OFFICIAL,
            "version": str(mod.__version__),
            "dictionary_version": str(mod.__version__),
            "dictionary_location": str(share),
            "module": str(Path(mod.__file__).parent),
            "configs": available_configs(),
        }
    version = _version(REIMPL)
    return {
        "name": REIMPL,
        "version": version,
        "dictionary_version": f"bundled with {REIMPL} {version} (older OpenCC data)",
        "dictionary_location": str(_reimpl_dir() / "dictionary"),
        "module": str(_reimpl_dir()),
        "configs": available_configs(),
    }


def describe() -> str:
    """One line for ``cleaner --version``."""
    info = backend_info()
    return f"{info['name']} {info['version']} (dictionaries: {info['dictionary_location']})"


def make_converter(config: str) -> Converter:
    """A ``str -> str`` converter for an OpenCC configuration name or config file path."""
    mod = _module()
    name = config.removesuffix(".json") if os.sep not in config else config
    configs = available_configs()
    if backend_name() == OFFICIAL:
        if name not in configs and not os.path.isfile(config):
            raise BackendError(
                f"unknown OpenCC configuration {config!r}; "
                f"use one of {', '.join(configs)} or the path of a config .json file"
            )
        return around_surrogates(mod.OpenCC(name).convert)
    if name not in configs:
        raise BackendError(
            f"configuration {config!r} is not shipped by {REIMPL} {_version(REIMPL)} "
            f"(it has {', '.join(configs)}); install the official binding for it: "
            f"pip uninstall {REIMPL} && pip install opencc"
        )
    return around_surrogates(mod.OpenCC(name).convert)


_SURROGATES = re.compile("([\ud800-\udfff]+)")


def around_surrogates(convert: Converter) -> Converter:
    """``convert`` for text that may hold lone surrogates (a file name's bytes, a JSON
    ``\\ud800``, a surrogate-escaped undecodable byte): the official binding encodes
    its input as UTF-8 and raised UnicodeEncodeError on them, so the text between them
    is converted and they stay as they are (no script has a surrogate)."""

    def run(text: str) -> str:
        try:
            return convert(text)
        except UnicodeEncodeError:
            parts = _SURROGATES.split(text)  # text, surrogates, text, ...
            return "".join(p if i % 2 else convert(p) for i, p in enumerate(parts))

    return run
