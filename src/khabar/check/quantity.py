"""The claim's quantity on a page: does the page give the claim's figure, or another one?

A claim that counts something ("قتل 98 شخصا في زلزال لومبوك") is contradicted by a page of
its event that gives another figure for the same count ("ارتفع ... إلى 131" is not one: see
below), and supported by a page that gives the same.  The figures of both are read by the
figures issue's reader and compared by its frames, not by a reader of the check's own:

* each side's figures are :func:`khabar.extract.claims.extract_claims` of the text run
  through the pipeline (:func:`khabar.pipeline.analyze`): category, counted group, unit,
  place, qualifier ("على الأقل"، "نحو"، a range), whether it is a count so far, and whether
  it is a part of another figure ("بينهم 11 طفلا");
* two figures count the same thing when :mod:`khabar.relate.quantities` would put them in
  one quantity by what they count: the same category (one :data:`~khabar.relate.quantities.
  UNCOMPARED_CATEGORIES` or :data:`~khabar.relate.quantities.VALUE_KEYED_CATEGORIES` never
  is), the same group class and unit, no two different places (a district and the city
  holding it are one), neither a part;
* they agree when their bounds meet as the check reads qualifiers
  (:func:`khabar.check.features.figures_agree`: "أكثر من 200" and 246, "أكثر من 100 ألف" and
  "نحو 100 ألف"), and differ when they are two estimates of one count (within the figures
  issue's ``max_ratio``; a figure six times another is a part the text did not link);
  a vague figure ("عشرات") neither agrees nor differs;
* a page figure that the page gives as a count so far (a running toll, "ارتفعت الحصيلة
  إلى"، "حتى الآن") is a later report of the count, not another estimate: it never differs
  (the figures issue's ``running_total_of``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.check.features import figures_agree
from khabar.config import ConflictOptions
from khabar.model import Article, Claim
from khabar.relate.quantities import (
    UNCOMPARED_CATEGORIES,
    VALUE_KEYED_CATEGORIES,
    group_class,
    place_key,
    two_estimates,
)

_OPTIONS = ConflictOptions()


@dataclass(frozen=True, slots=True)
class QuantityReading:
    """What a page says of the claim's quantity: its figures that give a figure of the
    claim's, and those that give another value of the same count (offsets into the page)."""

    same: tuple[Claim, ...] = ()
    other: tuple[Claim, ...] = ()


def _components() -> tuple:
    """The pipeline's components the figures need, without its quotes: they give a figure
    its follow-on source, which no comparison here reads, and are half the cost (on the 273
    pages of fresh3..fresh15, 3.2 ms a page against 6.7 ms; one page's figures differ in a
    field read here, and no page's stance)."""
    from khabar.pipeline import add_dates, add_mentions, add_numbers, add_sentences

    return (add_sentences, add_numbers, add_dates, add_mentions)


def _figures(article: Article) -> tuple[Claim, ...]:
    """The figures of ``article`` as the pipeline reads them, without its quotes."""
    return _figures_many([article])[0]


def _figures_many(articles: Sequence[Article]) -> list[tuple[Claim, ...]]:
    """:func:`_figures` of each article, the pipeline run over them in batches
    (:func:`khabar.pipeline.analyze_many`: the name tagger reads their sentences at once)."""
    from khabar.extract.claims import extract_claims
    from khabar.pipeline import analyze_many

    return [tuple(extract_claims(d)) for d in analyze_many(articles, components=_components())]


@lru_cache(maxsize=256)
def claim_figures(claim: str) -> tuple[Claim, ...]:
    """The claim's figures that can be compared: a definite value of a compared category,
    no part of another figure."""
    return tuple(f for f in _figures(Article(id="claim", title="", body=claim)) if _countable(f))


#: Pages' comparable figures already read, oldest first (a check reads its pages again).
_PAGES: dict[Article, tuple[Claim, ...]] = {}
_PAGES_KEPT = 1024


def read_pages(articles: Sequence[Article], kept: Mapping[str, bytes] | None = None) -> None:
    """Read the comparable figures of the pages not read yet, in one batch: a check's pages
    whose quantity is read, before :func:`page_figures` asks for each.  ``kept``: the
    store's kept analyses of pages, by article id (:meth:`khabar.store.Store.load_analyses`
    of :func:`khabar.pipeline.analysis_version`): a page with one gives the figures its
    document holds instead of being read again."""
    todo = list(dict.fromkeys(a for a in articles if a not in _PAGES))
    if not todo:
        return
    found = {a: f for a in todo if (f := _kept_figures(a, kept)) is not None}
    rest = [a for a in todo if a not in found]
    found.update(zip(rest, _figures_many(rest)))
    for a in todo:
        _PAGES[a] = tuple(f for f in found[a] if _countable(f))
    while len(_PAGES) > _PAGES_KEPT:
        del _PAGES[next(iter(_PAGES))]


def _kept_figures(article: Article, kept: Mapping[str, bytes] | None) -> tuple[Claim, ...] | None:
    """The figures of ``article``'s kept analysis (a whole pipeline's document, its figures
    read with their quotes), None when it has none of this article.  Unpickling a document
    is ~0.5 ms against ~3.8 ms to read the page (25 pages of the check benchmark); the
    figures differ in no field read here on those pages, and no label on the development
    pairs (``python scripts/stance_errors.py kept``: docs/measurements.md, issue 16,
    session 19)."""
    data = kept.get(article.id) if kept else None
    if data is None:
        return None
    from khabar.pipeline import document_from_bytes

    doc = document_from_bytes(data)
    if doc is None or doc.article != article or "claims" not in doc.filled:
        return None
    return doc.claims


def page_figures(article: Article) -> tuple[Claim, ...]:
    """The page's figures that can be compared (as :func:`claim_figures`)."""
    found = _PAGES.get(article)
    if found is None:
        read_pages([article])
        found = _PAGES[article]
    return found


def forget() -> None:
    """Empty the caches of figures read (the check benchmark's fresh checks)."""
    claim_figures.cache_clear()
    _PAGES.clear()


def _countable(f: Claim) -> bool:
    return (
        f.category not in (None, "other") and f.category not in UNCOMPARED_CATEGORIES
        and f.category not in VALUE_KEYED_CATEGORIES and not f.vague
        and (f.value is not None or f.low is not None or f.high is not None)
        and (f.relation is None or f.relation.kind not in ("part_of", "breakdown_of"))
    )


def same_count(a: Claim, b: Claim) -> bool:
    """Whether two figures count the same thing (see the module)."""
    if a.category != b.category or group_class(a.group) != group_class(b.group) or a.unit != b.unit:
        return False
    pa, pb = place_key(a.place), place_key(b.place)
    # a district and the city holding it are one place for a claim ("حي الزيتون في مدينة
    # النهرين" read as النهرين on one side, الزيتون in النهرين on the other)
    return pa is None or pb is None or pa == pb or pa == place_key(b.place_in) or pb == place_key(a.place_in)


def running(f: Claim) -> bool:
    """A count the page gives as a count so far, in its own words ("ارتفعت الحصيلة إلى"،
    "حتى الآن"، "منذ"): a category that grows is not enough (the first day's four boys
    brought out of the cave are not the claim's six)."""
    return f.cumulative or f.span.kind in ("so_far", "since")


def read_quantity(claim: Sequence[Claim], page: Sequence[Claim]) -> QuantityReading:
    """Which of the page's figures give a figure of the claim's, which give another value of
    the same count."""
    same: list[Claim] = []
    other: list[Claim] = []
    for f in page:
        mine = [c for c in claim if same_count(c, f)]
        if any(figures_agree(c, f) for c in mine):
            same.append(f)
        elif not running(f) and any(two_estimates(c, f, _OPTIONS) for c in mine):
            other.append(f)
    return QuantityReading(tuple(same), tuple(other))
