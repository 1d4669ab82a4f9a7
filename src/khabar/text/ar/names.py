"""The matching key of a person's name: what entity linking compares, and what tells the
speakers of a brief apart (:mod:`khabar.relate.speakers`), in one place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from khabar.text.ar.lexicon import phrases_by_tag, read_fields


def person_key(words: Sequence[str]) -> str:
    """The matching key of a person's name from its normalized words.

    "عبد الرحمن" and "عبدالرحمن" (and أبو compounds) meet; a hyphen is a space, so
    "جان-مارك" and "جان مارك" meet.
    """
    text = " ".join(w for part in words for w in part.replace("-", " ").split())
    if not any(first in text for first in _JOINED_FIRST):
        return text  # most names: no compound to join (re.sub's look-ups were most of the time)
    return _COMPOUND.sub(r"\1", text)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The first names of the name lists (``first_names.txt``, ``foreign_first_names.txt``),
    normalized: what may stand before a family name in one person's name ("إيمانويل ماكرون")."""
    return frozenset(f.lstrip("~").split()[0] for name in ("first_names", "foreign_first_names") for fields in read_fields(name) for f in fields)


@lru_cache(maxsize=1)
def name_qualifiers() -> frozenset[str]:
    """Words after a name that leave it the same person or body: the nationality adjectives
    (``nationalities.txt``: "ريال مدريد الإسباني"، "صحيفة ماركا الإسبانية") and the adjectives
    attribution reads between a title and its body (``[adjective]`` of
    ``attribution_cues.txt``: "الرسمية"، "الخاص")."""
    nationality = frozenset(f for fields in read_fields("nationalities") for f in fields[1:])
    return nationality | phrases_by_tag("attribution_cues").get("adjective", frozenset())


#: The first parts of compound names also written joined ("عبدالرحمن"): `[joined]` in
#: text/ar/data/name_parts.txt; as a word before another they are joined to it.
_JOINED_FIRST = tuple(sorted(f"{p} " for p in phrases_by_tag("name_parts")["joined"]))
_COMPOUND = re.compile(r"(?<!\S)(" + "|".join(p.strip() for p in _JOINED_FIRST) + r") (?=\S)")
