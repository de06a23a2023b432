"""boilerplate: PLACEHOLDER, to be written (issue 3)."""

from cleaner.core.rule import Rule


class MarkdownImage(Rule):
    """PLACEHOLDER."""

    id = "markdown_image"
    stage = "encoding"

    def find(self, text, ctx):  # type: ignore[no-untyped-def]
        return []


class RelatedLinks(Rule):
    """PLACEHOLDER."""

    id = "related_links"
    stage = "encoding"

    def find(self, text, ctx):  # type: ignore[no-untyped-def]
        return []
