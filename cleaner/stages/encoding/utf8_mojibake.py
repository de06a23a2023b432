"""utf8_mojibake: PLACEHOLDER, to be written (issue 3)."""

from cleaner.core.rule import Rule


class Utf8Mojibake(Rule):
    """PLACEHOLDER."""

    id = "utf8_mojibake"
    stage = "encoding"

    def find(self, text, ctx):  # type: ignore[no-untyped-def]
        return []
