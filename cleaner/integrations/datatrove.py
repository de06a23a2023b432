"""A datatrove formatter: ``doc.text`` cleaned, per-rule counts in datatrove's stats.

Install with ``pip install 'cleaner[datatrove]'``::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerFormatter

    LocalPipelineExecutor(
        [JsonlReader("in/"), CleanerFormatter(to="simplified"), JsonlWriter("out/")],
        tasks=4, logging_dir="logs/",
    ).run()
"""

from __future__ import annotations

from pathlib import Path

from cleaner.api import Cleaner, Settings
from cleaner.core.records import Stats

try:
    from datatrove.pipeline.formatters.base import BaseFormatter
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError(
        "cleaner.integrations.datatrove needs datatrove: pip install 'cleaner[datatrove]'"
    ) from e


class CleanerFormatter(BaseFormatter):
    """Clean each document's text; counts land in datatrove's stats.json as
    ``stage.rule`` (changes) and ``stage.rule unchanged`` (found, left as it was)."""

    name = "🧹 cleaner"

    def __init__(
        self,
        *,
        to: str | None = None,
        config: str | None = None,
        rules: str | Path | None = None,
        stages: str | tuple[str, ...] | list[str] | None = None,
        set: Settings | None = None,
    ) -> None:
        super().__init__()
        self.cleaner = Cleaner(to=to, config=config, rules=rules, stages=stages, set=set)

    def format(self, text: str) -> str:
        stats = Stats()
        out: str = self.cleaner.clean(text, stats)
        self._report(stats)
        return out

    def _report(self, stats: Stats) -> None:
        for (stage, rule), n in stats.changes.items():
            self.stat_update(f"{stage}.{rule}", value=n)
        for (stage, rule), n in stats.reported.items():
            self.stat_update(f"{stage}.{rule} unchanged", value=n)
