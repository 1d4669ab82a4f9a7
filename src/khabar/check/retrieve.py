"""Finding the articles and the sentences that speak to a claim.

Two steps, both lexical (no model, milliseconds):

1. *candidate articles*: from a :class:`~khabar.store.Store`, one full-text query that ORs
   the claim's content words (the store ranks with BM25 and matches spelling variants and
   proclitics); from an in-memory list, Okapi BM25 over light stems of each article.
2. *evidence sentences* inside the candidates: see :mod:`khabar.check.features`, which ranks
   sentences by TF-IDF cosine to the claim, the share of the claim's words they hold and
   matching figures.

Articles are handled as :class:`Doc`: the article and its sentences.  Sentences normally
come from :func:`khabar.text.ar.segment.split_sentences`; corpora that ship their own
sentence split (baly2018: one sentence per line, rationale given as line numbers) keep it,
through :func:`doc_from_lines`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from khabar.config import CheckOptions
from khabar.model import Article, Sentence
from khabar.relate.similarity import content_terms
from khabar.text.ar.segment import split_sentences
from khabar.text.ar.tokenize import words

_DEFAULTS = CheckOptions()
#: The articles evidence may come from: ids of an event's or a storyline's articles.  A
#: check without a scope searches the whole corpus.
Scope = Collection[str]
#: Up to this many articles a scope is read and ranked in memory (an event has tens of
#: articles); above it, the store's index is paged and filtered to the scope.
SCOPE_READ_LIMIT = 2_000
#: Okapi BM25 constants (the usual ones).
_BM25_K1, _BM25_B = 1.2, 0.75


@dataclass(frozen=True, slots=True)
class Doc:
    """An article with its sentences (offsets into :attr:`Article.text`)."""

    article: Article
    sentences: tuple[Sentence, ...]


def doc_from_article(article: Article) -> Doc:
    return Doc(article, tuple(split_sentences(article)))


def doc_from_lines(article: Article, lines: Sequence[str]) -> Doc:
    """A doc whose sentences are given (one per line), kept in order so indices stay the
    corpus's own; ``article.text`` must hold the lines in that order."""
    text = article.text
    out: list[Sentence] = []
    pos = 0
    for i, line in enumerate(lines):
        line = line.strip()
        start = text.find(line, pos) if line else -1
        if start < 0:  # an empty line keeps its index with an empty span
            start = pos
            line = ""
        end = start + len(line)
        out.append(Sentence(article.id, i, start, end, line, paragraph=0))
        pos = end
    return Doc(article, tuple(out))


def claim_terms(claim: str) -> list[str]:
    """Stems of the claim's content words (what similarity compares)."""
    return content_terms(words(claim))


def query_words(claim: str, *, limit: int = _DEFAULTS.query_words) -> list[str]:
    """The claim's content words for a store query, longest first (long words are rarer,
    so they discriminate better), without repeats."""
    from khabar.text.ar.stopwords import STOPWORDS

    seen: dict[str, None] = {}
    for w in words(claim):
        if len(w) > 2 and w not in STOPWORDS and not w.isdigit():
            seen.setdefault(w, None)
    return sorted(seen, key=lambda w: -len(w))[:limit]


def store_query(claim: str, *, limit: int = _DEFAULTS.query_words) -> str:
    """A store query matching articles with any of the claim's content words."""
    return " OR ".join(query_words(claim, limit=limit))


def from_store(store: object, claim: str, *, options: CheckOptions, scope: Scope | None = None) -> list[Article]:
    """Candidate articles for ``claim`` from a :class:`khabar.store.Store`, best first;
    only articles of ``scope`` when one is given."""
    if scope is not None:
        ids = set(scope)
        if len(ids) <= SCOPE_READ_LIMIT:
            found = (store.get(i) for i in sorted(ids))  # type: ignore[attr-defined]
            return from_articles([a for a in found if a is not None], claim, options=options)
    query = store_query(claim, limit=options.query_words)
    if not query:
        return []
    if scope is None:
        hits = store.search(query, limit=options.max_articles)  # type: ignore[attr-defined]
        return [h.article for h in hits]
    out: list[Article] = []
    offset, page = 0, max(100, 4 * options.max_articles)
    while len(out) < options.max_articles:
        hits = store.search(query, limit=page, offset=offset)  # type: ignore[attr-defined]
        out.extend(h.article for h in hits if h.article.id in ids)
        if len(hits) < page:
            break
        offset += page
    return out[: options.max_articles]


def bm25_scores(claim: str, articles: Sequence[Article]) -> list[float]:
    """Okapi BM25 of each article (title and body, light stems) against the claim."""
    q = set(claim_terms(claim))
    if not articles or not q:
        return [0.0] * len(articles)
    bags = [Counter(content_terms(words(a.text))) for a in articles]
    n = len(bags)
    avg = sum(sum(b.values()) for b in bags) / n or 1.0
    df = Counter(t for b in bags for t in q if t in b)
    scores = []
    for bag in bags:
        length = sum(bag.values())
        s = 0.0
        for t in q:
            tf = bag.get(t, 0)
            if tf:
                idf = math.log(1.0 + (n - df[t] + 0.5) / (df[t] + 0.5))
                s += idf * tf * (_BM25_K1 + 1) / (tf + _BM25_K1 * (1 - _BM25_B + _BM25_B * length / avg))
        scores.append(s)
    return scores


def from_articles(
    articles: Iterable[Article], claim: str, *, options: CheckOptions, scope: Scope | None = None
) -> list[Article]:
    """The ``max_articles`` articles that best match ``claim`` by BM25, best first (only
    those of ``scope`` when one is given).

    Articles with no word of the claim at all are kept after the others (when there is room)
    so that a small list is judged in full: they come out ``unrelated``.
    """
    ids = set(scope) if scope is not None else None
    pool = [a for a in articles if ids is None or a.id in ids]
    scores = bm25_scores(claim, pool)
    order = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
    return [pool[i] for i in order[: options.max_articles]]
