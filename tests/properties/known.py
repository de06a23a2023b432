"""Known idempotence failures, each as narrow as it can be said (FINDINGS.md).

A failure is excused only when the input has the shapes of findings whose rules,
together, include every rule that acts on the second pass; anything else fails
the property. Remove an entry when its rules are fixed: the property then
checks that shape again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from cleaner.stages.encoding.utf8_as_gbk import markers
from cleaner.stages.layout.page_jump import PageJump

ENCODING_RULES = frozenset(
    {
        "newlines",
        "legacy_mojibake",
        "utf8_as_gbk",
        "utf8_mojibake",
        "gbk_shift",
        "markdown_image",
        "related_links",
        "pinyin",
        "stray_comma",
        "fold_punct",
    }
)
_PAGE_JUMP = (
    r"(?:上接|下[转轉]|[转轉]|接|[续續])\s*(?:第\s*)?[A-Za-z]?\s*"
    r"[0-9０-９一二三四五六七八九十]{1,3}\s*[版面]"
)
_PAGE_JUMP_RULE = PageJump(PageJump.Params()).pattern  # the rule's own, default patterns


def _nested_page_jump(text: str) -> bool:
    """Removing every page-jump marker leaves one (``▶下▶下转A6版转A6版``)."""
    return _PAGE_JUMP_RULE.search(_PAGE_JUMP_RULE.sub("", text)) is not None


# what cp1252 makes of bytes 0x80-0xFF
_CP1252_HIGH = "[" + regex.escape(bytes(range(0x80, 0x100)).decode("cp1252", "ignore")) + "]"
# what GBK, GB18030 and Big5 make of a UTF-8 lead byte and a continuation byte
_UTF8_AS_GBK = "[" + regex.escape(markers("gbk") + markers("gb18030") + markers("big5")) + "]"


@dataclass(frozen=True)
class Known:
    finding: str  # its heading in FINDINGS.md
    rules: frozenset[str]  # the rules that may act on the second pass
    shape: Callable[[str], object]  # true (a match) when the input has the shape


KNOWN_IDEMPOTENCE = [
    Known(
        "I1 ASCII punctuation next to punctuation",
        frozenset({"fold_punct", "stray_comma", "letter_spacing", "digit_space", "punct_space"}),
        regex.compile(r"[,;:!?()]\s*[,;:!?()，；：！？（）]|[，；：！？（）]\s*[,;:!?()]").search,
    ),
    Known(
        "I2 cp1252 mojibake repaired in two passes",
        frozenset({"legacy_mojibake", "utf8_mojibake", "fold_punct", "stray_comma", "opencc"}),
        regex.compile(_CP1252_HIGH + "{2}").search,
    ),
    Known(
        "I3 a page-jump marker removed by layout joins text the encoding rules then act on",
        ENCODING_RULES,
        regex.compile(_PAGE_JUMP).search,
    ),
    Known(
        "I4 a markdown image at a line start only after layout stripped the padding",
        frozenset({"markdown_image"}),
        regex.compile(r"[ \t\u3000]+!\[[^\]\n]*\]\([^)\n]*\)").search,
    ),
    Known(
        "I5 utf8_as_gbk decodes what folding or conversion made of a mojibake run",
        frozenset({"utf8_as_gbk", "opencc", "fold_punct", "stray_comma"}),
        regex.compile(_UTF8_AS_GBK + r"[^\x00-\x7f]").search,
    ),
    Known(
        "I6 the pinyin density decision changes on the second pass",
        frozenset({"pinyin"}),
        regex.compile(r"\p{Han}[(（][\p{Latin}\p{Mn}]{1,8}[1-5]?[)）]").search,
    ),
    Known(
        "I7 short paragraphs between blank lines read as columns once the blank lines are gone",
        frozenset({"unwrap"}),
        regex.compile(r"(?:\r\n?|\n)[ \t\u3000]*(?:\r\n?|\n)").search,
    ),
    Known(
        "I9 a page-jump marker inside another: removing the inner one makes the outer",
        frozenset({"page_jump"}),
        _nested_page_jump,
    ),
]


def known_idempotence_failure(text: str, second_pass_rules: set[str]) -> list[Known]:
    """The known findings that explain a second pass: those whose shape the input has,
    when together they name every rule that acted (one finding's rule can make the
    context another's acts on: pinyin removed, then a folded parenthesis). Empty if
    any acting rule is not explained."""
    matched = [k for k in KNOWN_IDEMPOTENCE if k.shape(text)]
    covered = set().union(*(k.rules for k in matched)) if matched else set()
    return matched if second_pass_rules <= covered else []
