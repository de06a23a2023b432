"""wechat_footer: the controls a WeChat article's page prints after the article.

A scraper of ``mp.weixin.qq.com`` keeps them, one per line or a few to a line:
``预览时标签不可点``, ``阅读原文``, ``微信扫一扫`` / ``关注该公众号``, ``取消`` / ``允许``,
``视频`` ``小程序`` ``赞`` ``，轻点两下取消赞`` …, marks alone (``：`` ``，`` ``。``), icons as
markdown images and ``javascript:`` links. Words such as ``取消``, ``分析`` or a lone
``。`` are text anywhere else, so lines are removed only in a footer: a run of such
lines (blank lines between them allowed) holding one of the ``anchors``, which appear
nowhere but there. A short line between two control lines (the account's name) goes
with the run; a line holding a sentence never does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, Rule, param, regex_param
from cleaner.stages.line_guard import holds_prose

ANCHORS = (
    r"预览时标签不可点|預覽時標籤不可點|微信扫一扫可打开此内容|微信掃一掃可打開此內容"
    r"|轻点两下取消赞|輕點兩下取消贊|继续滑动看下一个|繼續滑動看下一個|向上滑动看下一个|向上滑動看下一個"
)
_WORDS = (
    r"预览时标签不可点|預覽時標籤不可點|阅读原文|閱讀原文|轻触阅读原文|輕觸閱讀原文|微信扫一扫|微信掃一掃"
    r"|关注该公众号|關注該公眾號|继续滑动看下一个|繼續滑動看下一個|向上滑动看下一个|向上滑動看下一個"
    r"|知道了|使用小程序|取消|允许|允許|分析|使用完整服务|使用完整服務|视频|視頻|小程序|赞|贊|在看"
    r"|[，,]?轻点两下取消赞|[，,]?輕點兩下取消贊|[，,]?轻点两下取消在看|[，,]?輕點兩下取消在看"
    r"|分享|留言|写留言|寫留言|收藏|听过|聽過|赞赏|讚賞|喜欢此内容的人还喜欢|喜歡此內容的人還喜歡"
    r"|微信扫一扫可打开此内容[，,]?|微信掃一掃可打開此內容[，,]?|×|[：，。:,.]"
    r"|Scan to Follow|Got It|Cancel|Allow|Like|Wow|Comment|Share|Favorite|Listen later"
    r"|!?\[[^\]\n]{0,20}\]\((?:\\[()]|[^()\n]){0,300}\)"  # icons; javascript:void\(0\) links
)
CONTROL_LINE = rf"(?:\*\*\*\*|(?:(?:{_WORDS})[ \t]*)+)"
# every shipped anchor holds one of these: a text without any is settled by ``in`` tests
ANCHOR_NEEDS = ("预览时", "預覽時", "微信扫", "微信掃", "两下", "兩下", "滑动看", "滑動看")


class WechatFooter(Rule):
    """Remove the controls a WeChat article's page prints after the article."""

    id = "wechat_footer"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # a footer holds a line with one of these (they appear nowhere else)
        anchors: str = regex_param(ANCHORS)
        # a whole line of the footer's controls (spaces between them allowed)
        line: str = regex_param(CONTROL_LINE)
        # a line of at most this many characters between two control lines goes with
        # them (the account's name), unless it holds a sentence
        name_chars: int = param(16, ge=0)

    params: Params

    def setup(self) -> None:
        self.anchor = self.params.regex("anchors")
        space = r"[ \t\u3000]*"
        self.control = self.params.regex("line", rf"{space}(?:{self.params.line}){space}")

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if self.params.anchors == ANCHORS and not any(k in text for k in ANCHOR_NEEDS):
            return
        if self.anchor.search(text) is None:
            return
        lines = text.splitlines(keepends=True)
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line))
        kinds = [self._kind(line.rstrip("\n")) for line in lines]
        done = -1
        for i in range(len(lines)):
            if i <= done or kinds[i] != "control" or not self.anchor.search(lines[i]):
                continue
            lo, hi = self._run(kinds, i)
            done = hi
            yield Edit(starts[lo], starts[hi + 1], "", note={"lines": hi - lo + 1})

    def _kind(self, line: str) -> str:
        if not line.strip():
            return "blank"
        if self.control.fullmatch(line):
            return "control"
        short = len(line.strip()) <= self.params.name_chars
        return "name" if short and not holds_prose(line, 0) else "text"

    def _run(self, kinds: list[str], i: int) -> tuple[int, int]:
        """The lines of the footer around control line ``i``: control and blank lines,
        and a name line with control lines on both sides (blank lines between)."""

        def control_beyond(j: int, step: int) -> bool:
            while 0 <= j < len(kinds) and kinds[j] == "blank":
                j += step
            return 0 <= j < len(kinds) and kinds[j] == "control"

        def edge(step: int) -> int:
            j = i
            while 0 <= j + step < len(kinds):
                k = kinds[j + step]
                if k == "text" or (k == "name" and not control_beyond(j + 2 * step, step)):
                    break
                j += step
            return j

        lo, hi = edge(-1), edge(1)
        while lo < i and kinds[lo] == "blank":  # blank lines above stay with the article
            lo += 1
        return lo, hi
