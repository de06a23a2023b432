"""Stage 2, layout: rebuild paragraphs from OCR'd column layouts."""

from cleaner.stages.layout.bracket_pair import BracketPair
from cleaner.stages.layout.column_order import ColumnOrder
from cleaner.stages.layout.digit_space import DigitSpace
from cleaner.stages.layout.letter_spacing import LetterSpacing
from cleaner.stages.layout.page_break import PageBreak
from cleaner.stages.layout.page_jump import PageJump
from cleaner.stages.layout.prose_space import ProseSpaces
from cleaner.stages.layout.punct_space import PunctSpace
from cleaner.stages.layout.repeated import RepeatedParagraph
from cleaner.stages.layout.running_head import RunningHead
from cleaner.stages.layout.separator import Separator
from cleaner.stages.layout.side_by_side import SideBySide
from cleaner.stages.layout.trailing_space import TrailingSpace
from cleaner.stages.layout.unwrap import Unwrap

RULES = [
    PageBreak,
    TrailingSpace,
    PageJump,
    RunningHead,
    SideBySide,
    ColumnOrder,
    Unwrap,
    LetterSpacing,
    ProseSpaces,
    BracketPair,
    PunctSpace,
    DigitSpace,
    Separator,
    RepeatedParagraph,
]
