"""From articles to an :class:`~khabar.model.EventBrief`: the whole flow in one function."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from khabar.config import BriefOptions
from khabar.extract.dates import build_timeline
from khabar.model import Article, ArticleDigest, EventBrief
from khabar.pipeline import Document, analyze
from khabar.relate.conflicts import find_conflicts
from khabar.relate.corroborate import SentencePool
from khabar.relate.passages import find_shared_passages
from khabar.relate.statements import find_facts
from khabar.summarize import summarize


def unique_articles(articles: Iterable[Article]) -> list[Article]:
    """Articles in input order, each id once (the same report given twice counts once)."""
    seen: set[str] = set()
    out = []
    for a in articles:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def digest(doc: Document) -> ArticleDigest:
    a = doc.article
    return ArticleDigest(
        id=a.id,
        title=a.title,
        outlet=a.outlet,
        url=a.url,
        published=a.published,
        language=a.language,
        sentence_count=len(doc.sentences),
        word_count=doc.word_count,
        numbers=doc.numbers,
    )


def build_brief_from_documents(docs: Sequence[Document], *, options: BriefOptions) -> EventBrief:
    pool = SentencePool.build(docs)
    articles = [d.article for d in docs]
    sentences = {d.article.id: d.sentences for d in docs}
    quotes = tuple(q for d in docs for q in d.quotes)
    claims = tuple(c for d in docs for c in d.claims)
    return EventBrief(
        articles=tuple(digest(d) for d in docs),
        summary=summarize(pool, options=options),
        quotes=quotes,
        claims=claims,
        conflicts=tuple(find_conflicts(claims)),
        timeline=tuple(build_timeline(articles, sentences)),
        shared_passages=tuple(
            find_shared_passages(
                articles, sentences, threshold=options.passage_threshold, min_words=options.passage_min_words
            )
        ),
        facts=tuple(find_facts(pool, quotes, threshold=options.support_threshold)),
        options=dataclasses.asdict(options),
    )


def build_brief(articles: Iterable[Article], *, options: BriefOptions | None = None) -> EventBrief:
    """Analyze ``articles`` and brief them as one event."""
    options = options or BriefOptions()
    docs = [analyze(a) for a in unique_articles(articles)]
    return build_brief_from_documents(docs, options=options)
