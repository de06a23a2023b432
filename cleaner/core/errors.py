"""Errors in rule files and options, and where a parameter's value came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


class RuleFileError(Exception):
    """A rule file is broken: names the file, the line and what to do."""

    def __init__(self, path: Path | str, line: int | None, message: str, fix: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.fix = fix
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}\n  fix: {fix}")

    def __reduce__(self) -> Any:  # picklable: worker processes send it back
        return (RuleFileError, (self.path, self.line, self.message, self.fix))


@dataclass(frozen=True)
class Where:
    """Where a parameter's value came from: rule file, line, rule id and key."""

    path: str
    line: int | None
    rule: str
    key: str
