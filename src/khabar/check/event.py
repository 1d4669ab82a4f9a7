"""Keeping a check to the claim's event when the store cannot say which articles it holds.

A store grouped into stories keeps a check to the claim's story (``scope="event"``); a list
of files, or a store never grouped, has no stories.  There, one fact still tells most other
events apart: where they happen.  A claim that names a place ("... في شرق حلب") is about
that place; an article that never names it, anywhere in its title or body, reports
something that happened elsewhere ("وادي النهر"، "دوما"), however alike the words and
figures ("نحو 100 ألف مدني محاصرين").  Its stance is read as *unrelated*, so it is neither
evidence nor a source of the verdict.

One exception: an article whose best evidence restates the claim closely while naming
another place is the same report with the place changed, a contradiction on the place,
and keeps its *disagree* (:data:`SAME_REPORT_AT`).

Names are compared by their linking keys (:func:`khabar.extract.entities.find_mentions`)
and the article's words without proclitics (:func:`khabar.text.ar.clitics.bare_word`), so
"بحلب" and "وحلب" name "حلب".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from khabar.extract.entities import PLACE, find_mentions
from khabar.model import Article, Sentence
from khabar.text.ar.clitics import bare_word
from khabar.text.ar.normalize import normalize

#: Encoder cosine of the best evidence at and above which an article that names another
#: place keeps its *disagree*: the claim's own sentence with the place changed.  The
#: other-event articles that took a side on the store of seeds, examples and ANT had their
#: best evidence at 0.23-0.55.
SAME_REPORT_AT = 0.6


@lru_cache(maxsize=1024)
def claim_places(claim: str) -> tuple[tuple[str, ...], ...]:
    """The places the claim names, each as the bare words of its linking key."""
    article = Article(id="claim", title="", body=claim)
    keys = []
    for m in find_mentions(article, [Sentence("claim", 0, 0, len(claim), claim)]):
        if m.kind == PLACE:
            words = tuple(bare_word(w) for w in m.name_key.split())
            if words and words not in keys:
                keys.append(words)
    return tuple(keys)


def names_a_place(text: str, places: Sequence[tuple[str, ...]]) -> bool:
    """Whether ``text`` names one of ``places`` (bare words, in order)."""
    bare = " " + " ".join(bare_word(w) for w in normalize(text).split()) + " "
    return any(f" {' '.join(p)} " in bare for p in places)


def elsewhere(claim: str, article: Article) -> bool:
    """The claim names places and the article names none of them."""
    places = claim_places(claim)
    return bool(places) and not names_a_place(article.text, places)


def within_event(claim: str, article: Article, label: str, best_similarity: float) -> str:
    """``label`` kept, or *unrelated* for an article of another place (see the module)."""
    if label == "unrelated" or not elsewhere(claim, article):
        return label
    if label == "disagree" and best_similarity >= SAME_REPORT_AT:
        return label
    return "unrelated"
