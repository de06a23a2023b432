"""GBK/Big5 text read one byte out of step (the ``gbk_shift`` rule) and what it rests on.

* tables.py: the codec's byte tables (which pairs are characters, which unassigned);
* damage.py: the damage itself, simulated (the test generator and the benchmarks use it);
* candidates.py: the characters that fit the bytes a shift hid;
* scorer.py: the character model plus the block's own evidence;
* search.py: the beam search over one stretch's readings;
* decide.py: the choice between the readings and the text as it stands;
* rule.py: the rule: finding anchors, the screen, the per-block memo and budget.
"""

from cleaner.stages.encoding.gbk.rule import GbkShift

__all__ = ["GbkShift"]
