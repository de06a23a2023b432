"""gbk_shift: PLACEHOLDER, to be written (issue 3)."""

from cleaner.core.rule import Rule


class GbkShift(Rule):
    """PLACEHOLDER."""

    id = "gbk_shift"
    stage = "encoding"

    def find(self, text, ctx):  # type: ignore[no-untyped-def]
        return []
