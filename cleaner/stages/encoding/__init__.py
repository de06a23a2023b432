"""Stage 1, encoding: repair byte- and character-level garbage, in this order:
line breaks made one kind, HTML leftovers (character references, controls,
zero-width characters), HTML tags, mojibake (GBK/Big5 read as Latin-1, UTF-8 read as
GBK/Big5, then UTF-8 read as Latin-1; it restores the characters later rules look at),
boilerplate lines (images, related links, page widgets, WeChat's footer), pinyin
annotations and rows of readings a PDF extractor printed apart, stray commas, folded
punctuation, and doubled marks."""

from cleaner.stages.encoding.boilerplate import MarkdownImage, RelatedLinks
from cleaner.stages.encoding.doubled_punct import DoubledPunct
from cleaner.stages.encoding.fold_punct import FoldPunct
from cleaner.stages.encoding.gbk import GbkShift
from cleaner.stages.encoding.html_leftovers import HtmlLeftovers
from cleaner.stages.encoding.html_tags import HtmlTags
from cleaner.stages.encoding.legacy_mojibake import LegacyMojibake
from cleaner.stages.encoding.newlines import Newlines
from cleaner.stages.encoding.page_widgets import PageWidgets
from cleaner.stages.encoding.pinyin import PinyinAnnotation
from cleaner.stages.encoding.reading_lines import ReadingLines
from cleaner.stages.encoding.stray_comma import StrayComma
from cleaner.stages.encoding.utf8_as_gbk import Utf8AsGbk
from cleaner.stages.encoding.utf8_mojibake import Utf8Mojibake
from cleaner.stages.encoding.wechat_footer import WechatFooter

RULES = [
    Newlines,
    HtmlLeftovers,
    HtmlTags,
    LegacyMojibake,
    Utf8AsGbk,
    Utf8Mojibake,
    GbkShift,
    MarkdownImage,
    RelatedLinks,
    PageWidgets,
    WechatFooter,
    PinyinAnnotation,
    ReadingLines,
    StrayComma,
    FoldPunct,
    DoubledPunct,
]
