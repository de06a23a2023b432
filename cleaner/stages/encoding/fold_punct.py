"""fold_punct: PLACEHOLDER, to be written (issue 3)."""

from cleaner.core.rule import Rule


class FoldPunct(Rule):
    """PLACEHOLDER."""

    id = "fold_punct"
    stage = "encoding"

    def find(self, text, ctx):  # type: ignore[no-untyped-def]
        return []
