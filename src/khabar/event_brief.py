"""From articles to an :class:`~khabar.model.EventBrief`: the whole flow in one function.

:func:`build_event_brief` runs the per-article pipeline (:mod:`khabar.pipeline`) over the
articles, then :func:`brief_documents` relates the documents (entities linked, speakers
resolved, conflicts, shared passages, facts, who said what), summarizes them and lays out the
timeline, reading every per-article fact from the documents.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from khabar.config import BriefOptions, plausible_published
from khabar.extract.dates import build_timeline, stated_day
from khabar.ingest.metadata import file_name
from khabar.extract.entities import link_entities
from khabar.extract.heap import brief_heap
from khabar.extract.speaker_entity import names_the_speaker
from khabar.model import Article, ArticleDigest, Document, Entity, EventBrief, Mention, Quantity, Quote, SummarySentence, unique_articles
from khabar.text.ar.tokenize import hashtag_words
from khabar.errors import KhabarError, OptionsError
from khabar.pipeline import analysis_version, analyze, analyze_many, document_bytes, document_from_bytes
from khabar.relate.corroborate import SentencePool
from khabar.relate.passages import find_shared_passages
from khabar.relate.quantities import find_quantities
from khabar.relate.statements import find_facts
from khabar.extract.quotes import as_said
from khabar.summarize import summarize, summarize_events

log = logging.getLogger(__name__)


def digest(doc: Document, inferred: Mapping[str, str] | None = None) -> ArticleDigest:
    """The article as the brief presents it; ``inferred``: the metadata the brief supplied
    (:func:`supply_metadata`), by field, with how.  An unknown outlet is stood in for by the
    name of the file the article was read from."""
    a = doc.article
    inferred = dict(inferred or {})
    outlet = a.outlet
    if outlet is None and (name := file_name(a.source)):
        outlet, inferred["outlet"] = name, "file name"
    return ArticleDigest(
        id=a.id,
        title=a.title,
        outlet=outlet,
        url=a.url,
        published=a.published,
        language=a.language,
        sentence_count=len(doc.sentences),
        word_count=doc.word_count,
        numbers=doc.numbers,
        inferred=dict(sorted(inferred.items())),
    )


#: Where an article states its own day: the title and the opening of the body (a dateline,
#: the lead sentence); a date further down is an event's.
LEAD_CHARACTERS = 300


def supply_metadata(articles: Sequence[Article]) -> tuple[list[Article], dict[str, dict[str, str]]]:
    """``articles`` with the publication day of each undated one that states its day in its
    title or lead (:func:`khabar.extract.dates.stated_day`, anchored on the dated
    articles), and what was supplied, by article id.  The supplied day is then the reference
    of the article's relative dates, as a day from metadata would be."""
    anchors = sorted({a.published for a in articles if a.published is not None})
    out: list[Article] = []
    inferred: dict[str, dict[str, str]] = {}
    for a in articles:
        if a.published is None:
            day = stated_day(f"{a.title}\n{a.body[:LEAD_CHARACTERS]}", anchors=anchors)
            if day is not None and plausible_published(day.date):
                a = dataclasses.replace(a, published=day.date)
                inferred[a.id] = {"published": f"stated in the text ({day.how}): {day.text}"}
        out.append(a)
    return out, inferred


def link_speakers(quotes: Sequence[Quote], entities: Sequence[Entity]) -> list[Quote]:
    """Give each quote the entity its speaker was named as, so one person quoted under two
    spellings (سيرجي / سيرغي لافروف) is one speaker across outlets: the entity of a mention
    that names the speaker itself (:func:`khabar.extract.speaker_entity.names_the_speaker`),
    not of one the speaker only overlaps ("المدرب للاعبي ريال مدريد" is not the club)."""
    spans: dict[str, list[tuple[Mention, Entity]]] = {}
    for e in entities:
        for m in e.mentions:
            spans.setdefault(m.article_id, []).append((m, e))
    out = []
    for q in quotes:
        entity = None
        if q.speaker_start is not None and q.speaker_end is not None:
            for m, e in spans.get(q.article_id, ()):
                if m.start < q.speaker_end and q.speaker_start < m.end and names_the_speaker(q.speaker, q.speaker_start, m, e.kind):
                    entity = e.id
                    break
        # linked on the speaker as written (its offsets), shown as the words a hashtag joins
        shown = hashtag_words(q.speaker), q.role and hashtag_words(q.role)
        if shown != (q.speaker, q.role):
            q = dataclasses.replace(q, speaker=shown[0], role=shown[1])
        out.append(dataclasses.replace(q, speaker_entity=entity) if entity else q)
    return out


@brief_heap()
def brief_documents(
    docs: Sequence[Document],
    *,
    options: BriefOptions,
    inferred: Mapping[str, Mapping[str, str]] | None = None,
    events: Sequence[Sequence[str]] | None = None,
    workers: int = 1,
) -> EventBrief:
    """Brief analyzed documents as one event (``inferred``: metadata supplied, by article
    id).  ``events``: the article ids of each event of a storyline, in time order: the
    summary then tells the events in that order (:func:`khabar.summarize.summarize_events`).
    ``workers`` above 1: the stages that do not wait for one another run side by side in
    forked processes (:func:`khabar.scale.engines.run_forked`): the shared passages, and the
    entities, speakers and figures, while this process builds the sentence pool; then the
    facts while it summarizes (at 2,000 ANT articles, under load: this process's share
    after the analysis 17.4 -> ~9 s of CPU).  The brief is the same.  The collector's policy
    while it runs: :func:`~khabar.extract.heap.brief_heap`."""
    from khabar.relate.embeddings import get_encoder

    side: Callable[..., Callable[[], Any]] = _run_here
    if workers > 1:
        from khabar.scale.engines import run_forked

        side = run_forked
    passages = side(
        find_shared_passages,
        [d.article for d in docs],
        {d.article.id: d.sentences for d in docs},
        threshold=options.passage_threshold,
        min_words=options.passage_min_words,
        sentence_words={d.article.id: d.sentence_words for d in docs},
    )
    linked = side(_linked, docs, options)
    pool = SentencePool.build(docs, encoder=get_encoder(options.encoder), threshold=options.support_threshold)
    entities, quotes, claims, quantities = linked()
    facts_and_speakers = side(find_facts, pool, quotes, threshold=options.support_threshold, said=as_said, entities=entities)
    summary = _summary(pool, docs, options=options, quantities=quantities, events=events)  # while the facts are found
    facts, speakers = facts_and_speakers()
    return EventBrief(
        articles=tuple(digest(d, (inferred or {}).get(d.article.id)) for d in docs),
        summary=summary,
        quotes=quotes,
        entities=tuple(entities),
        claims=tuple(claims),
        quantities=tuple(quantities),
        timeline=tuple(build_timeline(docs)),
        shared_passages=tuple(passages()),
        facts=tuple(facts),
        speakers=tuple(speakers),
        options=dataclasses.asdict(options),
    )


def _run_here(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Callable[[], Any]:
    """``fn(*args, **kwargs)`` when asked for, in this process (what :func:`brief_documents`
    runs beside itself with one worker)."""
    return functools.partial(fn, *args, **kwargs)


def _linked(docs: Sequence[Document], options: BriefOptions) -> tuple[list[Entity], tuple[Quote, ...], list, list]:
    """The brief's entities (mentions linked across articles), its quotes with their
    speakers linked to them, and its claims and quantities (conflicts found)."""
    entities = link_entities([m for d in docs for m in d.mentions], {d.article.id: d.article.text for d in docs})
    quotes = tuple(link_speakers([q for d in docs for q in d.quotes], entities))
    claims, quantities = find_quantities([c for d in docs for c in d.claims], options=options.conflicts)
    return entities, quotes, claims, quantities


def _summary(
    pool: SentencePool,
    docs: Sequence[Document],
    *,
    options: BriefOptions,
    quantities: Sequence[Quantity],
    events: Sequence[Sequence[str]] | None,
) -> tuple[SummarySentence, ...]:
    """The brief's summary: of one event, or of a storyline's events in time order."""
    if events:
        index = {d.article.id: k for k, d in enumerate(docs)}
        groups = [frozenset(index[i] for i in ids if i in index) for ids in events]
        groups = [g for g in groups if g]
        if len(groups) >= 2:
            return summarize_events(pool, groups, options=options, quantities=quantities)
    return summarize(pool, options=options, quantities=quantities)


class AnalysisKeeper(Protocol):
    """Where analyses are kept between runs (:class:`khabar.store.Store` is one)."""

    def load_analyses(self, ids: Iterable[str], *, version: str) -> dict[str, bytes]: ...

    def save_analyses(self, rows: Iterable[tuple[str, bytes]], *, version: str) -> int: ...


#: Articles from which :func:`analyze_articles` analyses on worker processes when asked to
#: choose (``workers=None``): a fork and the documents' trip back cost ~0.1 s, the analysis
#: of an ANT article ~10 ms, so a pool pays from about a hundred articles.
PARALLEL_FROM = 100
#: Articles per task of the pool: small enough that the workers finish together (the last
#: task is the only one a worker waits for alone), large enough that a task's overhead is
#: nothing beside it.
ARTICLES_PER_TASK = 25


def analysis_workers(workers: int | None, articles: int) -> int:
    """How many processes analyse ``articles`` articles: ``workers`` as given (1: this
    process), or for None, the processors this process may use
    (:func:`khabar.scale.engines.available_workers`) from :data:`PARALLEL_FROM` articles
    on, else 1."""
    if workers is not None:
        if workers < 1:
            raise OptionsError(f"workers must be at least 1, got {workers}")
        return workers
    if articles < PARALLEL_FROM:
        return 1
    from khabar.scale.engines import available_workers

    return available_workers()


def _analyze_all(
    articles: Sequence[Article], workers: int, *, to_keep: bool = False
) -> list[tuple[Document, bytes | None]]:
    """:func:`~khabar.pipeline.analyze` of each article, in order, on ``workers`` processes,
    each document with its bytes to keep (:func:`~khabar.pipeline.document_bytes`) when
    ``to_keep`` and the workers made them (None: make them when needed).

    The documents are those of one process, whatever the number of workers: each article's
    analysis depends on that article alone.  This process analyses the first article
    before the workers are started, so the pipeline's word lists and tagger are loaded
    once and shared by the forked workers instead of loaded by each.  Documents to keep
    come back as their bytes, made on the workers (compressing 2,000 was ~1 s of this
    process's CPU), and are read from them."""
    if workers <= 1 or len(articles) < 2:
        return [(doc, None) for doc in analyze_many(articles)]
    from khabar.scale.engines import ProcessEngine

    first = analyze(articles[0])
    rest = articles[1:]
    parts = [rest[i : i + ARTICLES_PER_TASK] for i in range(0, len(rest), ARTICLES_PER_TASK)]
    done: list[list[Document] | list[bytes]] = [[] for _ in parts]
    for i, made in ProcessEngine(workers).run(analyze_part, parts, as_bytes=to_keep):
        done[i] = made
    out: list[tuple[Document, bytes | None]] = [(first, None)]
    for part in done:
        for made in part:
            doc = document_from_bytes(made) if isinstance(made, bytes) else made
            if doc is None:  # cannot happen: bytes just made by document_bytes
                raise KhabarError("a worker's analysis could not be read back")
            out.append((doc, made if isinstance(made, bytes) else None))
    return out


def analyze_part(articles: Sequence[Article], *, as_bytes: bool = False) -> list[Document] | list[bytes]:
    """The documents of ``articles``, or their bytes to keep (the task of one worker of
    :func:`_analyze_all`)."""
    if as_bytes:
        return [document_bytes(doc) for doc in analyze_many(articles)]
    return analyze_many(articles)


def analyze_articles(
    articles: Sequence[Article], *, kept: AnalysisKeeper | None = None, workers: int | None = 1
) -> list[Document]:
    """The document of each article: :func:`~khabar.pipeline.analyze`, or, with ``kept``,
    the document kept there when it was made by the same code from the same article (an
    undated article a brief gave a day is another article), the others analysed and kept.
    Reading a kept document costs ~0.6 ms, analysing an ANT article ~13 ms.  A store that
    cannot keep them (read-only, locked) costs the next brief the analysis, never this one.
    The articles to analyse are analysed on ``workers`` processes (None: chosen by
    :func:`analysis_workers`); the documents do not depend on it."""
    if kept is None:
        return [doc for doc, _ in _analyze_all(articles, analysis_workers(workers, len(articles)))]
    version = analysis_version()
    found = kept.load_analyses([a.id for a in articles], version=version)
    docs: list[Document | None] = []
    todo: list[Article] = []
    for a in articles:
        blob = found.get(a.id)
        doc = document_from_bytes(blob) if blob is not None else None
        if doc is None or doc.article != a:
            doc = None
            todo.append(a)
        docs.append(doc)
    made = iter(_analyze_all(todo, analysis_workers(workers, len(todo)), to_keep=True))
    fresh: dict[str, tuple[Document, bytes | None]] = {}
    for k, a in enumerate(articles):
        if docs[k] is None:
            fresh[a.id] = next(made)
            docs[k] = fresh[a.id][0]
    if fresh:
        try:
            kept.save_analyses(
                ((i, blob if blob is not None else document_bytes(d)) for i, (d, blob) in fresh.items()), version=version
            )
        except KhabarError as e:
            log.warning("the analyses of %d articles were not kept: %s", len(fresh), e)
    return docs


def build_event_brief(
    articles: Iterable[Article],
    *,
    options: BriefOptions | None = None,
    events: Sequence[Sequence[str]] | None = None,
    kept: AnalysisKeeper | None = None,
    workers: int | None = 1,
) -> EventBrief:
    """Analyze ``articles`` and brief them as one event (``events``: a storyline's events
    as article ids, in time order; see :func:`brief_documents`; ``kept``: where analyses
    are kept between runs, and ``workers``: the processes that analyse, see
    :func:`analyze_articles`; the brief does not depend on ``workers``).  The default is
    this process only: a library caller (a threaded server) is not forked unasked."""
    options = options or BriefOptions()
    dated, inferred = supply_metadata(unique_articles(articles))
    docs = analyze_articles(dated, kept=kept, workers=workers)
    return brief_documents(
        docs, options=options, inferred=inferred, events=events, workers=analysis_workers(workers, len(docs))
    )
