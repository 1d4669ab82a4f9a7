"""The matching key of a person's name: what entity linking compares, and what tells the
speakers of a brief apart (:mod:`khabar.relate.speakers`), in one place."""

from __future__ import annotations

import re
from collections.abc import Sequence

from khabar.text.ar.lexicon import phrases_by_tag


def person_key(words: Sequence[str]) -> str:
    """The matching key of a person's name from its normalized words.

    "عبد الرحمن" and "عبدالرحمن" (and أبو compounds) meet; a hyphen is a space, so
    "جان-مارك" and "جان مارك" meet.
    """
    text = " ".join(w for part in words for w in part.replace("-", " ").split())
    if not any(first in text for first in _JOINED_FIRST):
        return text  # most names: no compound to join (re.sub's look-ups were most of the time)
    return _COMPOUND.sub(r"\1", text)


#: The first parts of compound names also written joined ("عبدالرحمن"): `[joined]` in
#: text/ar/data/name_parts.txt; as a word before another they are joined to it.
_JOINED_FIRST = tuple(sorted(f"{p} " for p in phrases_by_tag("name_parts")["joined"]))
_COMPOUND = re.compile(r"(?<!\S)(" + "|".join(p.strip() for p in _JOINED_FIRST) + r") (?=\S)")
