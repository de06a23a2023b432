"""page_widgets: lines of a web page's controls and footer that a scraper kept.

Share bars (``分享到：微信 微博 QQ空间``), buttons (``【打印】【关闭】``, ``字号：大 中 小``),
breadcrumbs (``首页 > 新闻中心 > 国内新闻``), previous/next links, QR-code prompts,
copyright and ICP footers: whole lines that match
one of the rule file's patterns, at most ``max_chars`` long, are removed with their line
break; bracketed buttons glued onto the end of a line (``来源：新华网 【打印】【关闭】``)
and WeChat's bar (``：，。视频小程序赞，轻点两下取消赞在看，…``) are cut off and the line
stays. A line holding a sentence is never removed (``line_guard``):
it is kept and reported. Bylines and editor credits (``（责任编辑：张三）``) are the
article's own and stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, Rule, param, regex_param
from cleaner.stages.encoding.boilerplate import KeptLines, line_span
from cleaner.stages.line_guard import holds_prose
from cleaner.stages.sparse_find import sparse_offsets

_SEP = r"[ \t,，、|/·]*"
_SITES = (
    r"(?:微信|微博|QQ空间|QQ空間|QQ好友|QQ|朋友圈|豆瓣|人人网|人人網|腾讯微博|騰訊微博|新浪微博"
    r"|Facebook|Twitter|LINE|Line|WhatsApp|复制链接|複製連結|更多|[+＋]"
    r"|!?\[[^\]\n]{0,20}\]\([^)\n]{0,300}\))"  # an icon as markdown: ![微信](…png)
)
_BUTTON_WORD = (
    r"(?:打印本页|打印本頁|打印|友善列印|列印本頁|列印|关闭窗口|關閉窗口|關閉視窗|关闭|關閉"
    r"|加入收藏|收藏本页|收藏|返回顶部|返回頂部"
    r"|纠错|糾錯|推荐给朋友|推薦給朋友"
    r"|(?:字号|字號|字体|字體)[ \t]*[:：]?(?:[ \t]*[【\[]?[大中小][】\]]?){3})"
)
# a button (打印, 【关闭】, 字号：大 中 小), and a row of them
_BUTTON = rf"(?:[【\[][ \t]*{_BUTTON_WORD}[ \t]*[】\]]|{_BUTTON_WORD})"
BUTTONS = rf"{_BUTTON}(?:[ \t|]*{_BUTTON})*"
# glued onto a line's end only in brackets: a bare 关闭 there ends a sentence (决定关闭)
BRACKETED = rf"(?:[【\[][ \t]*{_BUTTON_WORD}[ \t]*[】\]][ \t|]*){{1,8}}"
_HERE = r"(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|所在位置)"
_SHARE_TO = r"(?:分享到|分享至|转发到|轉發到)"
SHARE = rf"{_SHARE_TO}[ \t]*[:：]?{_SEP}(?:{_SITES}{_SEP})*"
# one line of a share bar set one target per line (extractors print a list so):
# under a share bar line (分享到：), these lines go with it
SHARE_ITEM = rf"[ \t]*(?:[-*+·•●][ \t]*)?{_SITES}(?:{_SEP}{_SITES})*{_SEP}"
MAX_SHARE_ITEMS = 16  # lines looked at under one share bar
SHARE_BAR = LazyPattern(rf"[ \t\u3000]*{SHARE}[ \t\u3000]*")  # a line that is a share bar
# a share bar glued onto the end of a paragraph: after its last sentence, with a colon
SHARE_TAIL = rf"(?<=[。！？!?”」])[ \t]*{_SHARE_TO}[ \t]*[:：]{_SEP}(?:{_SITES}{_SEP})*"
DEFAULT_LINES = [
    # share bars
    SHARE,
    # buttons
    BUTTONS,
    # breadcrumbs
    rf"(?:{_HERE}[ \t]*[:：][ \t]*)?"
    r"(?:首页|首頁|主页|主頁|网站首页|網站首頁)(?:[ \t]*[>»＞›→][ \t]*[^>»＞›→\n]{1,20}?){1,6}",
    rf"{_HERE}[ \t]*[:：][^\n]*",
    # previous / next
    r"(?:上一篇|下一篇|上一条|下一条|上一條|下一條)(?:[ \t]*[:：][^\n]*)?",
    r"返回(?:顶部|頂部|首页|首頁|列表|目录|目錄)",
    # QR-code prompts
    r"(?:微信)?(?:扫一扫|掃一掃|扫描二维码|掃描二維碼|长按识别二维码|長按識別二維碼)"
    r"[ \t]*[:：]?[ \t]*"
    r"(?:分享|关注|關注|阅读|閱讀|打开|打開|下载|下載|在手机|用手机|到手机|手机|手機)[^\n。！？]*",
    # copyright and ICP footers
    r"(?:版权所有|版權所有|Copyright|COPYRIGHT|©|\([cC]\))(?!\p{Han})[^\n]*",
    r"[^\n]*(?i:all rights reserved)[^\n]*",
    r"[^\n]*ICP[备備证證][^\n]*?\d{5,}[^\n]*",
    r"[^\n]*公网安备[^\n]*?\d{8,}[^\n]*",
    # WeChat articles: follow prompts and the reader's controls
    r"[↑▲☝👆]?[ \t]*(?:点击|點擊)[ \t]*(?:上方|下方|上面|下面)?[^\n]{0,20}?(?:关注|關注|订阅|訂閱)"
    r"(?:我们|我們|我|本号|本號|公众号|公眾號)?[ \t!！~～]*",
    r"(?:阅读原文|閱讀原文|轻触阅读原文|輕觸閱讀原文|预览时标签不可点|預覽時標籤不可點"
    r"|继续滑动看下一个|繼續滑動看下一個|向上滑动看下一个|向上滑動看下一個"
    r"|喜欢此内容的人还喜欢|喜歡此內容的人還喜歡|微信扫一扫关注该公众号|微信掃一掃關注該公眾號"
    r"|微信扫一扫可打开此内容，使用完整服务|微信掃一掃可打開此內容，使用完整服務)",
]
# the bar a WeChat article's page ends in, often glued onto its last paragraph
WECHAT_BAR = (
    r"[:：]?[，,]?[。.]?[ \t]*视频[ \t]*小程序[ \t]*赞[，,]?[ \t]*轻点两下取消赞"
    r"[ \t]*在看[，,]?[ \t]*轻点两下取消在看"
    r"(?:[ \t]*分享)?(?:[ \t]*留言)?(?:[ \t]*收藏)?(?:[ \t]*听过)?"
)


# every shipped pattern holds one of these: a short text without any (a one-line filter
# call) is settled without compiling the patterns
SHIPPED_NEEDS = frozenset(
    "分转轉打列关關收返纠糾推字首主位上下扫掃长長版CcAaI©公点點阅閱轻輕预預继繼向喜微视"
)
SCREEN_CHARS = 4096  # longer texts go to the patterns (a set test costs more there)
# Where the shipped patterns can match, found at memchr speed (tests/encoding/
# test_widget_screens.py checks they find what the patterns alone find): a line
# starting with the first character of a shipped line pattern ...
_FIRST = (
    "分转轉【[打友列关關加收返纠糾推字当當您你所首主网網上下"
    "微扫掃长長版C©(↑▲☝👆点點阅閱轻輕预預继繼向喜"
)
LINE_START = LazyPattern(rf"[ \t\u3000]*[{re.escape(_FIRST)}]", engine=re)
AFTER_BREAK = LazyPattern(rf"\n[ \t\u3000]*[{re.escape(_FIRST)}]", engine=re)  # a literal first
# ... or holding what the patterns that start anywhere need
LINE_LITERALS = ("ICP", "公网安备")
LINE_ANYWHERE = LazyPattern(r"(?i)all rights reserved")
# ... and a line holding what a shipped tail pattern needs
TAIL_LITERALS = ("】", "]", "轻点两下取消在看", "分享到", "分享至", "转发到", "轉發到")
SPARSE = 50  # literals more often than once in this many characters: search everywhere


class PageWidgets(KeptLines, Rule):
    """Remove share bars, buttons, breadcrumbs and footers a scraper kept."""

    id = "page_widgets"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # regexes of whole lines (spaces around allowed) that are a page's widgets
        lines: list[str] = regex_param(DEFAULT_LINES, nonempty=True)
        # regexes of widgets glued onto the end of a line (bracketed buttons, WeChat's
        # bar, a share bar after a sentence): cut off, the line stays; alone, it goes
        tail: list[str] = regex_param([BRACKETED, WECHAT_BAR, SHARE_TAIL], nonempty=True)
        # a line of one or more share targets (微信, * 微博, ![QQ](qq.png)) under a share bar
        # line (分享到：) goes with it, as do the next ones ("": none does)
        share_items: str = regex_param(SHARE_ITEM)
        # a longer line is never a widget line
        max_chars: int = param(160, ge=1)
        # a line with sentence punctuation and more than this many Han characters is
        # never removed (kept and reported)
        prose_han: int = param(20, ge=0)

    params: Params

    def setup(self) -> None:
        alt = "|".join(f"(?:{p})" for p in self.params.lines)
        space = r"[ \t\u3000]*"
        # only a line of at most max_chars is tried (each pattern then runs on a short line)
        short = rf"(?=[^\n]{{0,{self.params.max_chars}}}$)"
        self.line = self.params.regex("lines", rf"(?m)^{short}{space}(?:{alt}){space}$")
        ends = "|".join(f"(?:{p})" for p in self.params.tail)
        # the spaces before a widget go with it (found from its end: a leading space* was
        # tried at every position of the block)
        self.glued = self.params.regex("tail", rf"(?m)(?:{ends}){space}$")
        p = self.params
        shipped = p.lines == DEFAULT_LINES and p.tail == [BRACKETED, WECHAT_BAR, SHARE_TAIL]
        self.needs = SHIPPED_NEEDS if shipped else None
        self.items = self.params.regex("share_items") if self.params.share_items else None

    def _lines(self, text: str) -> Iterator[regex.Match[str]]:
        """Whole widget lines: every line with the user's patterns, the screened ones
        with the shipped patterns."""
        hits = None if self.needs is None else sparse_offsets(text, LINE_LITERALS, SPARSE)
        if hits is None:
            yield from self.line.finditer(text)
            return
        starts = {m.start() + 1 for m in AFTER_BREAK.finditer(text)}
        if LINE_START.match(text):
            starts.add(0)
        hits += [m.start() for m in LINE_ANYWHERE.finditer(text)]
        starts.update(text.rfind("\n", 0, at) + 1 for at in hits)
        for start in sorted(starts):
            m = self.line.match(text, start)
            if m is not None:
                yield m

    def _tails(self, text: str) -> Iterator[regex.Match[str]]:
        """Widgets glued onto a line's end, in the lines that hold what they need."""
        hits = None if self.needs is None else sparse_offsets(text, TAIL_LITERALS, SPARSE)
        if hits is None:
            yield from self.glued.finditer(text)
            return
        done = -1
        for hit in hits:
            if hit < done:
                continue  # on a line already searched
            start = text.rfind("\n", 0, hit) + 1
            done = text.find("\n", hit)
            done = len(text) if done < 0 else done
            yield from self.glued.finditer(text, start, done)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if self.needs is not None and len(text) < SCREEN_CHARS and self.needs.isdisjoint(text):
            return
        edits: list[Edit] = []
        whole: set[int] = set()
        for m in self._lines(text):
            if holds_prose(m.group(), self.params.prose_han):
                self._keep(ctx, text, m.start(), m.end())
                continue
            start, end = line_span(text, m.start(), m.end())
            edits.append(Edit(start, end, "", note={"widget": "line"}))
            whole.add(m.end())
            if self.items is not None and SHARE_BAR.fullmatch(m.group()):
                edits.extend(self._share_items(text, end))
        for m in self._tails(text):
            if m.end() in whole:
                continue
            start = m.start()
            while start > 0 and text[start - 1] in " \t\u3000":
                start -= 1
            if start == 0 or text[start - 1] == "\n":  # alone on its line
                edits.append(Edit(*line_span(text, start, m.end()), "", note={"widget": "line"}))
            else:
                edits.append(Edit(start, m.end(), "", note={"widget": "tail"}))
        # a share item may be a widget line too: each line goes once
        yield from {e.start: e for e in sorted(edits, key=lambda e: e.start)}.values()

    def _share_items(self, text: str, at: int) -> Iterator[Edit]:
        """The lines of share targets from ``at`` on, under a share bar; blank lines
        between them are passed over and stay."""
        assert self.items is not None
        for _ in range(MAX_SHARE_ITEMS):
            if at >= len(text):
                return
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            if text[at:end].strip():
                if self.items.fullmatch(text, at, end) is None:
                    return
                yield Edit(at, min(end + 1, len(text)), "", note={"widget": "share item"})
            at = end + 1
