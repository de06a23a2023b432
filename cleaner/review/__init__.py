"""Reviewing what a run changed: each change in its context, with its rule id
(``cleaner diff``: text on a terminal, or a static HTML report)."""
