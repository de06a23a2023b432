"""html_tags: markup an HTML extractor left in the text (``<p>``, ``</div>``, ``<br/>``).

Only tags of HTML's own element names (in the rule file) and one-line comments
(``<!-- … -->``) are markup; ``<<三国演义>>``, ``a<b`` and unknown names are text.
A run of tags (spaces between them) goes when it is evidently markup: a comment, a tag
with attributes (``<a href=…>``), a run at a line's edge or after a mark
(``召开。<br>全省``), or one of ``min_tags`` tags or more in the block; a lone bare tag
between two words (``使用<br>标签换行``) is text about HTML and stays, and so is one
inside more angle brackets (``<<b>>``). A run of a block element (``</p><p>``,
``<br>``) between text on one line becomes a line break (the paragraphs it parted
stay apart); any other run is removed. Code spans (backticks) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, Rule, param, regex_param
from cleaner.stages.encoding.fold_punct import inside

BLOCK = (
    "address|article|aside|blockquote|br|caption|center|dd|div|dl|dt|figcaption|figure"
    "|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead"
    "|tr|ul"
)
INLINE = (
    "a|abbr|b|big|cite|del|em|font|i|img|ins|label|mark|nobr|q|s|small|span|strike"
    "|strong|sub|sup|u|wbr"
)
_ATTRS = r"(?:[ \t]+[^<>\n]{0,400}?)?[ \t]*/?"
_CODE = LazyPattern(r"`[^`\n]*`")
_WORD = LazyPattern(r"[\p{L}\p{N}]")


class HtmlTags(Rule):
    """Remove HTML tags an extractor left; a block tag between text becomes a line break."""

    id = "html_tags"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # element names whose tags are markup that parts lines (a regex alternation)
        block: str = regex_param(BLOCK)
        # element names whose tags are markup inside a line
        inline: str = regex_param(INLINE)
        # fewest tags in a block that make a lone bare tag between two words markup
        min_tags: int = param(2, ge=1)

    params: Params

    def setup(self) -> None:
        p = self.params
        tag = rf"<(?:/?(?:(?P<block>{p.block})|{p.inline}){_ATTRS}>|!--[^\n]{{0,400}}?-->)"
        # built from both names: a changed one runs under the time limit (Params.regex);
        # the shipped ones compile when a block first holds a "<" (not at start-up)
        key = "inline" if p.inline != INLINE else "block"
        self.tag = p.regex(key, tag, regex.IGNORECASE)
        self.run = p.regex(key, rf"(?:{tag}[ \t]*)*{tag}", regex.IGNORECASE)
        self.evident = LazyPattern(r"<[^<>\s/!]+\s+[^<>=\s]+\s*=|<!--")

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if "<" not in text:
            return
        runs = list(self.run.finditer(text))
        if not runs:
            return
        tags = sum(len(self.tag.findall(m.group())) for m in runs)
        code = [m.span() for m in _CODE.finditer(text)] if "`" in text else []
        for m in runs:
            if inside(code, m.start()) or _nested(text, m.start(), m.end()):
                continue
            between = _text_before(text, m.start()) and _text_after(text, m.end())
            if between and self._in_a_sentence(text, m, tags):
                continue  # 使用<br>标签: a word in the sentence
            breaks = between and any(t.group("block") for t in self.tag.finditer(m.group()))
            yield Edit(m.start(), m.end(), "\n" if breaks else "", note={"kind": "tag"})

    def _in_a_sentence(self, text: str, m: regex.Match[str], tags: int) -> bool:
        """A lone bare tag between two words, in a block of few tags."""
        if tags >= self.params.min_tags or self.evident.search(m.group()):
            return False
        return bool(_WORD.match(text, m.start() - 1) and _WORD.match(text, m.end()))


def _nested(text: str, start: int, end: int) -> bool:
    """Inside more angle brackets (``<<b>>``, a title mark): not markup."""
    return text[start - 1 : start] == "<" or text[end : end + 1] == ">"


def _text_before(text: str, start: int) -> bool:
    """Text on the line before ``start`` (not only spaces)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] != "\n"


def _text_after(text: str, end: int) -> bool:
    """Text on the line from ``end`` on (not only spaces)."""
    i = end
    while i < len(text) and text[i] in " \t":
        i += 1
    return i < len(text) and text[i] != "\n"
