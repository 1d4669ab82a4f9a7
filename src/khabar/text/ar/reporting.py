"""The past forms of the reporting verbs, for readers below extraction.

``text/ar/data/reporting_verbs.txt`` lists each verb once (its third person masculine
singular); :mod:`khabar.extract.attribution.verbs` reads the whole list.  The past's other
persons are derived here, once, so that the text layer (a page's related-story block,
:mod:`khabar.text.ar.related`) and attribution know the same forms: "أكد" -> "أكدت"، "أكدوا";
"دعا" -> "دعت"، "دعوا".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from khabar.text.ar.clitics import CONJUNCTIONS, THIRD_PERSON_PRONOUNS
from khabar.text.ar.lexicon import read_tagged


def weak_final(form: str) -> bool:
    """A form ending in a weak letter that drops before a suffix ("دعا"، "نفي"، "يدعو")."""
    return form[-1:] in ("ا", "ي", "و")


def past_forms(past: str) -> tuple[str, ...]:
    """The past ``past`` (normalized), its feminine and its plural: "قال" -> قال، قالت، قالوا."""
    stem = past[:-1] if weak_final(past) else past
    return (past, stem + "ت", stem + "وا")


def _listed_pasts() -> Iterator[tuple[str, bool]]:
    """Each verb of the list with a past: that past (normalized) and whether it is impersonal."""
    for entry in read_tagged("reporting_verbs"):
        past = entry.phrase.split("|")[0].strip()
        if past != "-":
            yield past, entry.tag == "impersonal"


@lru_cache(maxsize=1)
def reporting_past_forms() -> frozenset[str]:
    """Every past form of the list (normalized); an impersonal verb ("أفيد") only as listed,
    as attribution reads it (its derived forms are other verbs' or passives')."""
    out: set[str] = set()
    for past, impersonal in _listed_pasts():
        out.update((past,) if impersonal else past_forms(past))
    return frozenset(out)


@lru_cache(maxsize=1)
def _marked_past_forms() -> frozenset[str]:
    """The past forms of the list marked for a person, feminine or plural ("قالت"، "قالوا"):
    the masculine singular is as often a noun ("طلب" a request، "طالب" a student، "تابع" a
    follower: "4 آلاف طلب"، "500 طالب")."""
    return frozenset(f for past, impersonal in _listed_pasts() if not impersonal for f in past_forms(past)[1:])


def is_reporting_past(word: str) -> bool:
    """``word`` (normalized) is a feminine or plural past form of a reporting verb, perhaps
    after one و/ف and perhaps carrying a pronoun of its object: "وصفتهم" (she described
    them), "فاكدت"، "قالوا"; never the masculine singular (:func:`_marked_past_forms`).  A
    verb is never the noun a figure counts ("قبضت على ستة وصفتهم بأنهم": six, described as;
    fresh20, BBC 93)."""
    forms = _marked_past_forms()
    for w in (word, word[1:]) if word[:1] in CONJUNCTIONS and len(word) > 3 else (word,):
        if w in forms:
            return True
        for p in THIRD_PERSON_PRONOUNS:  # a loop, not any() of a generator: asked of most words
            if w.endswith(p) and w[: -len(p)] in forms:
                return True
    return False
