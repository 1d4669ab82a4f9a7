"""Loading khabar's Arabic word lists: the one way every module reads ``data/*.txt``.

A list file has one entry per line (a word or a multi-word phrase) as usually written;
lines starting with ``#`` are comments.  Entries are normalized when loaded (see
:mod:`khabar.text.ar.normalize`), so a list never needs to spell hamza or ya variants twice.
Each list lives in exactly one file; modules ask for it by name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from khabar.text.ar.normalize import normalize


@lru_cache(maxsize=None)
def read_entries(name: str) -> tuple[str, ...]:
    """Normalized entries of ``data/<name>.txt`` in file order, without duplicates."""
    try:
        raw = resources.files("khabar.text.ar").joinpath(f"data/{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"khabar word list {name!r} is missing (expected text/ar/data/{name}.txt)") from None
    seen: dict[str, None] = {}
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            seen.setdefault(" ".join(normalize(line).split()), None)
    return tuple(seen)


def wordset(name: str) -> frozenset[str]:
    """The entries of a list as a set, for membership tests."""
    return frozenset(read_entries(name))


def phrases_longest_first(name: str) -> tuple[str, ...]:
    """Entries sorted longest first (by words, then characters), so a matcher that tries
    them in order prefers "وزير الخارجية" over "وزير"."""
    return tuple(sorted(read_entries(name), key=lambda p: (-len(p.split()), -len(p), p)))
