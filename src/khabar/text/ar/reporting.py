"""The past forms of the reporting verbs, for readers below extraction.

``text/ar/data/reporting_verbs.txt`` lists each verb once (its third person masculine
singular); :mod:`khabar.extract.attribution.verbs` reads the whole list.  The past's other
persons are derived here, once, so that the text layer (a page's related-story block,
:mod:`khabar.text.ar.related`) and attribution know the same forms: "أكد" -> "أكدت"، "أكدوا";
"دعا" -> "دعت"، "دعوا".
"""

from __future__ import annotations

from functools import lru_cache

from khabar.text.ar.lexicon import read_tagged


def weak_final(form: str) -> bool:
    """A form ending in a weak letter that drops before a suffix ("دعا"، "نفي"، "يدعو")."""
    return form[-1:] in ("ا", "ي", "و")


def past_forms(past: str) -> tuple[str, ...]:
    """The past ``past`` (normalized), its feminine and its plural: "قال" -> قال، قالت، قالوا."""
    stem = past[:-1] if weak_final(past) else past
    return (past, stem + "ت", stem + "وا")


@lru_cache(maxsize=1)
def reporting_past_forms() -> frozenset[str]:
    """Every past form of the list (normalized); an impersonal verb ("أفيد") only as listed,
    as attribution reads it (its derived forms are other verbs' or passives')."""
    out: set[str] = set()
    for entry in read_tagged("reporting_verbs"):
        past = entry.phrase.split("|")[0].strip()
        if past == "-":
            continue
        out.update((past,) if entry.tag == "impersonal" else past_forms(past))
    return frozenset(out)
