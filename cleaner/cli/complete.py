"""Shell completion of values (``cleaner --install-completion``): rule ids, ``--set`` keys
and OpenCC configuration names, read from the default rule files without building a
pipeline, so that a completion answers at once."""

from __future__ import annotations

from cleaner.core.rulefile import DEFAULT_RULES_DIR, tomllib

STAGES = ("encoding", "layout", "convert")


def _tables() -> dict[str, dict[str, dict[str, object]]]:
    out = {}
    for stage in STAGES:
        path = DEFAULT_RULES_DIR / f"{stage}.toml"
        try:
            with open(path, "rb") as f:
                out[stage] = {k: v for k, v in tomllib.load(f).items() if isinstance(v, dict)}
        except (OSError, tomllib.TOMLDecodeError):
            out[stage] = {}
    return out


def rule_ids(incomplete: str) -> list[str]:
    """``unwrap`` and ``layout.unwrap`` forms, as ``rules show`` takes them."""
    names = [n for stage, rules in _tables().items() for r in rules for n in (r, f"{stage}.{r}")]
    return [n for n in names if n.startswith(incomplete)]


def setting_keys(incomplete: str) -> list[str]:
    """``stage.rule.key=`` for every parameter of every default rule."""
    keys = [
        f"{stage}.{rule}.{key}="
        for stage, rules in _tables().items()
        for rule, params in rules.items()
        for key in ("enabled", *params)
    ]
    return sorted({k for k in keys if k.startswith(incomplete)})


def config_names(incomplete: str) -> list[str]:
    from cleaner.stages.convert.configs import config_names as names

    return [n for n in names() if n.startswith(incomplete)]
