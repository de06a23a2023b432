"""pinyin: PLACEHOLDER, to be written (issue 3)."""

from cleaner.core.rule import Rule


class PinyinAnnotation(Rule):
    """PLACEHOLDER."""

    id = "pinyin"
    stage = "encoding"

    def find(self, text, ctx):  # type: ignore[no-untyped-def]
        return []
