"""A static HTML report of the changes, for sharing: each change in its context with
its rule id, a menu that shows one rule, or the risky changes, on their own. One file,
no network: styles and the filter script are inline."""

from __future__ import annotations

from collections import Counter
from html import escape

from cleaner.review.changes import Shown
from cleaner.review.text import visible

STYLE = """
body { font: 15px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin: 1.2em 0 .3em; }
.change { margin: .15em 0; white-space: pre-wrap; }
.where { color: #888; font-family: monospace; }
.rule { display: inline-block; min-width: 14em; font-family: monospace; color: #235; }
.risky .rule::after { content: " ⚠"; color: #b60; }
del { background: #fdd; color: #900; } ins { background: #dfd; color: #060; text-decoration: none; }
.unchanged del { background: #eee; color: #555; text-decoration: none; }
.note { color: #777; font-size: .9em; }
"""

SCRIPT = """
const menu = document.getElementById("filter");
function apply() {
  const want = menu.value;
  let shown = 0;
  for (const el of document.querySelectorAll(".change")) {
    const risky = el.classList.contains("risky");
    const ok = !want || (want === "risky" ? risky : el.dataset.rule === want);
    el.hidden = !ok;
    if (ok) shown++;
  }
  for (const f of document.querySelectorAll("section.file")) {
    f.hidden = !f.querySelector(".change:not([hidden])");
  }
  document.getElementById("count").textContent = shown + " shown";
}
menu.addEventListener("change", apply);
apply();
"""


def _change(s: Shown) -> str:
    kind = " risky" if s.risky else ""
    kind += " unchanged" if s.unchanged else ""
    before = f"<del>{escape(visible(s.before))}</del>" if s.before else ""
    after = f"<ins>{escape(visible(s.after))}</ins>" if s.after and not s.unchanged else ""
    note = f' <span class="note">{escape(s.note)}</span>' if s.note else ""
    return (
        f'<div class="change{kind}" data-rule="{escape(s.rule_id)}">'
        f'<span class="where">{s.line}:{s.column}</span> <span class="rule">{escape(s.rule_id)}'
        f"</span> {escape(visible(s.left))}{before}{after}{escape(visible(s.right))}{note}</div>"
    )


def report(files: list[tuple[str, list[Shown]]], order: list[str]) -> str:
    """The whole page; ``order`` is the rule ids in run order (for the menu)."""
    counts = Counter(s.rule_id for _, items in files for s in items)
    risky = sum(s.risky for _, items in files for s in items)
    total = sum(counts.values())
    options = [f'<option value="">all rules ({total})</option>']
    options.append(f'<option value="risky">risky only ({risky})</option>')
    options += [
        f'<option value="{escape(r)}">{escape(r)} ({counts[r]})</option>'
        for r in order
        if counts[r]
    ]
    body = []
    for path, items in files:
        if items:
            body.append(f'<section class="file"><h2>{escape(path)}</h2>')
            body += [_change(s) for s in items]
            body.append("</section>")
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="zh"><head><meta charset="utf-8">',
            "<title>cleaner: changes</title>",
            f"<style>{STYLE}</style></head><body>",
            f"<h1>cleaner: {total} change(s) in {len(files)} file(s)</h1>",
            f'<p><label>Show <select id="filter">{"".join(options)}</select></label> '
            f'<span id="count">{total} shown</span></p>',
            *body,
            f"<script>{SCRIPT}</script>",
            "</body></html>",
            "",
        ]
    )
