"""Stage 2, layout: rebuild paragraphs from OCR'd column layouts."""

from cleaner.stages.layout.trailing_space import TrailingSpace

RULES = [TrailingSpace]
