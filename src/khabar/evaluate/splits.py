"""The names of the splits of khabar's gold files (tests/gold/): one list for every gold file
and every ``khabar eval`` command that takes ``--split``.

``dev`` is tuned on; ``test`` is measured once at the end of a round; ``fresh`` and
``freshN`` are sets labelled before a round's change and measured on once as unseen
development data (tests/gold/README.md says which round each was written for).  A gold file
need not use every name: a split it lacks has no articles.

``khabar eval extract --split fresh12,fresh13`` scores a pool: the union of the splits'
articles as one set (a rule judged on two small unspent splits at once).
"""

from __future__ import annotations

from collections.abc import Collection

SPLITS: tuple[str, ...] = ("dev", "test", "fresh", *(f"fresh{n}" for n in range(2, 51)))

#: How ``--split`` help texts name them.
SPLITS_HELP = f"{', '.join(SPLITS[:4])} ... {SPLITS[-1]}"


def parse_splits(value: str) -> frozenset[str]:
    """The split names of ``--split`` ("dev" or "fresh12,fresh13"); ValueError names the first
    unknown one (a typo must not score an empty or smaller pool)."""
    names = [n.strip() for n in value.split(",")]
    for name in names:
        if name not in SPLITS:
            raise ValueError(f"unknown split {name!r}; choose from {', '.join(SPLITS)}")
    return frozenset(names)


def in_splits(entry_split: str | None, split: str | Collection[str] | None) -> bool:
    """Whether a gold entry of ``entry_split`` is scored under ``split``: None keeps every
    entry; a string is read as ``--split`` is (one name or several, comma-separated)."""
    if split is None:
        return True
    wanted = parse_splits(split) if isinstance(split, str) else split
    return entry_split in wanted
