"""Loading khabar's Arabic word lists: the one way every module reads ``data/*.txt``.

A list file has one entry per line (a word or a multi-word phrase) as usually written;
lines starting with ``#`` are comments.  Entries are normalized when loaded (see
:mod:`khabar.text.ar.normalize`), so a list never needs to spell hamza or ya variants twice.
Each list lives in exactly one file; modules ask for it by name.  Two shapes of entry have
one reader each: ``[tag] phrase`` (:func:`read_tagged`; ``[tag mode] phrase`` where a tag
has modes) and ``a | b | c`` alternatives (:func:`read_fields`).  A list that is missing
or an entry that does not have its list's shape raises, naming the file and the line: a
packaged list is never silently empty.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khabar.text.ar.normalize import normalize

_TAGGED = re.compile(r"^\[(\w+)(?: (\w+))?\] (.+)$")


#: The data files beside this module, where every install from files (pip, a checkout) has
#: them: read directly.  ``importlib.resources`` serves an install inside a zip archive, but
#: importing it (tempfile, shutil, zipfile and the compressors come with it) cost ~10 ms of
#: CPU, a tenth of a one-file ``khabar ingest`` (min of 15 runs, loaded machine).
_DATA = os.path.join(os.path.dirname(__file__), "data")


def read_data(filename: str) -> str:
    """The text of the packaged data file ``text/ar/data/<filename>``; FileNotFoundError
    naming it when it is missing (a broken install, never a reason to carry on without it)."""
    try:
        with open(os.path.join(_DATA, filename), encoding="utf-8") as f:
            return f.read()
    except (FileNotFoundError, NotADirectoryError):  # not there as a file: ask the package's loader
        pass
    from importlib import resources

    try:
        return resources.files("khabar.text.ar").joinpath(f"data/{filename}").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"khabar data file {filename!r} is missing (expected text/ar/data/{filename})") from None


def read_json(name: str) -> Any:
    """The packaged JSON data ``data/<name>.json`` (calendar words, number words)."""
    return json.loads(read_data(f"{name}.json"))


def raw_lines(name: str) -> list[tuple[int, str]]:
    """``(line number, line)`` of ``data/<name>.txt`` as written (stripped), without blank
    lines and comments: for a list whose entries are not normalized words."""
    out = []
    for number, line in enumerate(read_data(f"{name}.txt").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append((number, line))
    return out


@lru_cache(maxsize=None)
def _numbered_entries(name: str) -> tuple[tuple[int, str], ...]:
    """``(line number, normalized entry)`` of ``data/<name>.txt``, each entry once."""
    seen: dict[str, int] = {}
    for number, line in raw_lines(name):
        seen.setdefault(" ".join(normalize(line).split()), number)
    return tuple((number, entry) for entry, number in seen.items())


@lru_cache(maxsize=None)
def read_entries(name: str) -> tuple[str, ...]:
    """Normalized entries of ``data/<name>.txt`` in file order, without duplicates."""
    return tuple(entry for _number, entry in _numbered_entries(name))


def wordset(name: str) -> frozenset[str]:
    """The entries of a list as a set, for membership tests."""
    return frozenset(read_entries(name))


def phrases_longest_first(name: str) -> tuple[str, ...]:
    """Entries sorted longest first (by words, then characters), so a matcher that tries
    them in order prefers "وزير الخارجية" over "وزير"."""
    return tuple(sorted(read_entries(name), key=lambda p: (-len(p.split()), -len(p), p)))


@dataclass(frozen=True, slots=True)
class Tagged:
    """An entry ``[tag] phrase`` or ``[tag mode] phrase`` of a tagged list."""

    tag: str
    mode: str  # "" when the entry has none ("[killed noun] قتيل" has "noun")
    phrase: str


@lru_cache(maxsize=None)
def read_tagged(name: str) -> tuple[Tagged, ...]:
    """The entries of a ``[tag] phrase`` list in file order; ValueError naming the file and
    line of an entry without its tag."""
    out = []
    for number, entry in _numbered_entries(name):
        m = _TAGGED.match(entry)
        if m is None:
            raise ValueError(f"khabar word list text/ar/data/{name}.txt, line {number}: {entry!r} is not '[tag] phrase'")
        out.append(Tagged(m.group(1), m.group(2) or "", m.group(3)))
    return tuple(out)


@lru_cache(maxsize=1)
def place_area_words() -> frozenset[str]:
    """Words that only say what kind of area a place name is ("حي"، "مدينة"، "مخيم",
    normalized): the ``[place area]`` and ``[placeweak area]`` entries of
    ``entity_cues.txt``, the one list of them ("حي الشيخ مقصود" is compared as "الشيخ مقصود")."""
    return frozenset(normalize(e.phrase) for e in read_tagged("entity_cues") if e.tag.startswith("place") and e.mode == "area")


@lru_cache(maxsize=None)
def phrases_by_tag(name: str) -> dict[str, frozenset[str]]:
    """The phrases of a ``[tag] phrase`` list by tag, without the ``+x`` options some
    entries carry (the prepositions a reporting verb takes: "[say] أشار +إلى")."""
    out: dict[str, set[str]] = {}
    for entry in read_tagged(name):
        words = [w for w in entry.phrase.split() if not w.startswith("+")]
        if words:
            out.setdefault(entry.tag, set()).add(" ".join(words))
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def read_fields(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of an ``a | b | c`` list, each as its fields (spaces collapsed, markers
    such as ``~`` kept); ValueError naming the file and line of an entry with an empty field."""
    out = []
    for number, entry in _numbered_entries(name):
        fields = tuple(" ".join(f.split()) for f in entry.split("|"))
        if not all(fields):
            raise ValueError(f"khabar word list text/ar/data/{name}.txt, line {number}: {entry!r} has an empty field")
        out.append(fields)
    return tuple(out)
