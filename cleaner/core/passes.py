"""What each rule has yet to see, over the passes the pipeline makes over a block.

The pipeline runs its stages again over a block while a pass still changes it (a
removed marker joins two halves of a mojibake run; a conversion completes one). A
later pass runs a rule only if the text changed since the rule last looked at it. A
``converts_once`` rule (a script conversion: converting converted text again is not
what was asked) edits, in a later pass, only the stretches that other rules changed
since it ran (``Rule.find_within``: by default it reads each stretch alone; the
conversion reads the lines around it too, as the next run will). A ``first_pass_only``
rule (unwrap: it reads the input's layout) runs in a later pass only until it has
edited the block.
"""

from __future__ import annotations

from cleaner.core.edits import Edit
from cleaner.core.rule import Rule, Span


class Passes:
    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules  # every active rule of the pipeline
        self.later = False  # set once the first pass is done
        self._stale: set[int] = set()  # id() of the rules the text changed under
        self._new: dict[int, list[Span]] = {}  # converts_once rules: what is new to them
        self._edited: set[int] = set()  # id() of the rules that have edited the text

    def needs(self, rule: Rule) -> bool:
        if not self.later:
            return True
        if rule.first_pass_only and id(rule) in self._edited:
            return False
        if rule.converts_once:
            return bool(self._new.get(id(rule)))
        return id(rule) in self._stale

    def spans(self, rule: Rule, length: int) -> list[Span]:
        """Where ``rule`` should look: everything, but for a converts_once rule in a
        later pass, only what changed since it ran."""
        if rule.converts_once and self.later:
            return self._new.get(id(rule), [])
        return [(0, length)]

    def ran(self, rule: Rule, edits: list[Edit]) -> None:
        """``rule`` looked at the text and made ``edits`` (in the text it saw)."""
        me = id(rule)
        self._stale.discard(me)
        if rule.converts_once:
            self._new[me] = []
        if not edits:
            return
        self._edited.add(me)
        for other in self.rules:
            key = id(other)
            if key != me:
                self._stale.add(key)  # a rule that changed the text looks at it again too
            if other.converts_once and key in self._new:
                own = key == me
                self._new[key] = moved(self._new[key], edits, add=not own)
        self._stale.add(me)


def moved(spans: list[Span], edits: list[Edit], add: bool) -> list[Span]:
    """``spans`` of the text before ``edits`` (both sorted), where they are in the text
    after them; with ``add``, each edit's new text is a span too. Merged, in order."""
    j, shift = 0, 0

    def where(p: int) -> Span:
        """Where position ``p`` went: a point, or the new text of the edit around it."""
        nonlocal j, shift
        while j < len(edits) and edits[j].end <= p:
            shift += len(edits[j].after) - (edits[j].end - edits[j].start)
            j += 1
        if j < len(edits) and edits[j].start < p:
            lo = edits[j].start + shift
            return lo, lo + len(edits[j].after)
        return p + shift, p + shift

    pieces = [(where(s)[0], where(t)[1]) for s, t in spans]
    if add:
        shift = 0
        for e in edits:
            pieces.append((e.start + shift, e.start + shift + len(e.after)))
            shift += len(e.after) - (e.end - e.start)
    out: list[Span] = []
    for s, t in sorted(pieces):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], t))
        elif t > s:
            out.append((s, t))
    return out
