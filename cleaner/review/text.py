"""``cleaner diff`` on a terminal: one line per change, the input around it, what went
(red, struck) and what came (green), and the rule id. Without colours (not a terminal)
the change is written ``[-before-]{+after+}``, as wdiff does."""

from __future__ import annotations

from cleaner.review.changes import Shown

RED, GREEN, DIM, BOLD, END = "\033[31;9m", "\033[32m", "\033[2m", "\033[1m", "\033[0m"


def visible(text: str) -> str:
    """Line breaks and tabs made visible (a join shows as a removed ⏎)."""
    return text.replace("\r", "␍").replace("\n", "⏎").replace("\t", "⇥")


def change_line(s: Shown, colour: bool) -> str:
    before, after = visible(s.before), visible(s.after)
    if colour:
        middle = (f"{RED}{before}{END}" if before else "") + (
            f"{GREEN}{after}{END}" if after else ""
        )
        rule = f"{BOLD}{s.rule_id}{END}"
        if s.unchanged:
            middle = f"{DIM}[{before}]{END}"
    else:
        middle = (f"[-{before}-]" if before else "") + (f"{{+{after}+}}" if after else "")
        rule = s.rule_id
        if s.unchanged:
            middle = f"[?{before}?]"
    flags = " risky" if s.risky else ""
    note = f"  ({s.note})" if s.note else ""
    where = f"{s.path}:{s.line}:{s.column}"
    return f"{where}: {rule}{flags}  {visible(s.left)}{middle}{visible(s.right)}{note}"
