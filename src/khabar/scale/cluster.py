"""Story clustering over a store: sign the stored articles, group them, persist the groups.

The job at the edge around the pure story index (:mod:`khabar.relate.stories`): it reads
unsigned articles from the :class:`~khabar.store.Store`, signs them (on an engine's workers
when one is given), feeds the signatures to a :class:`~khabar.relate.stories.StoryIndex` in
``(published, id)`` order and commits assignments, changed stories and the index state
batch by batch, so an interrupted run continues where it stopped.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from khabar.config import StoryOptions
from khabar.errors import InputError, OptionsError
from khabar.model import Article, EntityMention
from khabar.text.ar.related import cut_related_block
from khabar.relate.stories import (
    SignedArticle,
    EVENT_DAY_REACH,
    anchor_set,
    Story,
    StoryIndex,
    StoryIndexState,
    read_signature_blob,
    term_vector,
)

if TYPE_CHECKING:
    from khabar.relate.embeddings import KeepVectors, StoredVectors
    from khabar.relate.stories.index import E5Lookup, SentenceLookup
    from khabar.scale.engines import Engine
    from khabar.store import SignatureRow, Store, StoryRow


def sign_article(article: Article, *, options: StoryOptions, meaning: np.ndarray | None = None) -> SignedArticle:
    """``article`` signed for story grouping, with the names of its lead when
    ``options.names`` (found by :func:`khabar.extract.entities.lead_names`) and its meaning
    when ``options.semantic`` (``meaning``: already encoded, else encoded here)."""
    article = report_only(article)
    if meaning is None and options.semantic:
        meaning = _meanings([article], options)[0]
    mentions = _lead_mentions(article, options)
    return SignedArticle.of(
        article,
        options=options,
        names=[m.name_key for m in mentions],
        meaning=meaning,
        event_day=event_day(article, lead_words=options.lead_words),
        kinds=_headline_kinds(article, options, mentions),
        anchors=_anchors(article, options, mentions),
    )


def report_only(article: Article) -> Article:
    """``article`` without the page's trailing block of the outlet's other stories
    (:func:`~khabar.text.ar.related.cut_related_block`), its id kept: the words, quotes and
    names story grouping compares are the report's.  Left in, CNN's teasers joined reports of
    unrelated happenings through their quotes (docs/stories.md, session 18).  The stored
    article keeps its body: the gold sets' offsets and a brief's sources read it as crawled."""
    body = cut_related_block(article.title, article.body)
    return article if body is article.body else replace(article, body=body)


def lead_figures(article: Article, *, lead_words: int = 40) -> list[float]:
    """The figures of the title and the first ``lead_words`` body words, the numbers of its
    dates ("13 تشرين الثاني") and years (1900-2100) left out: every report of the day names
    them, a toll or a score tells one happening."""
    from khabar.extract.dates import find_dates  # the date rules load on first use
    from khabar.relate.meaning import meaning_text
    from khabar.text.ar.numbers.find import find_numbers  # the number reader loads on first use

    text = meaning_text(article, lead_words=lead_words)
    numbers = find_numbers(text)
    if not numbers:
        return []
    dates = [(d.start, d.end) for d in find_dates(text, reference=article.published)]
    out = []
    for m in numbers:
        if m.value is None or (m.value.is_integer() and 1900 <= m.value <= 2100):
            continue
        if any(start < m.end and m.start < end for start, end in dates):
            continue
        out.append(m.value)
    return out


def _anchors(article: Article, options: StoryOptions, mentions: list[EntityMention]) -> frozenset[str] | None:
    """The names, figures, quotes and headline runs the event scorer compares
    (:func:`anchor_set`), when grouping by meaning (the lexical grouping does not read them)."""
    if not options.semantic:
        return None
    from khabar.text.ar.segment import quoted_spans

    from khabar.extract.happenings import opens_as_reaction

    return anchor_set(
        [m.name_key for m in mentions], lead_figures(article, lead_words=options.lead_words), quoted_spans(article.body),
        article.title, opens_as_reaction(article.title, article.body),
    )


def event_day(article: Article, *, lead_words: int = 40) -> dt.date | None:
    """The day of the happening the article reports: the first day named in its title or
    its first ``lead_words`` body words, when that day is within :data:`EVENT_DAY_REACH`
    days before publication; else the publication day (None when undated).

    A report of the next morning says "yesterday" or "on Saturday": measured on the dev
    pairs, the gap in event days separates same-event pairs from different events of the
    same story better than the gap in publication days (AUC 0.867 vs 0.859; same-event pairs
    a day apart 12 instead of 20)."""
    published = article.published
    if published is None:
        return None
    from khabar.extract.dates import find_dates  # the date rules load on first use

    lead = " ".join(article.body.split()[:lead_words])
    for mention in find_dates(f"{article.title} . {lead}", reference=published):
        if mention.date is not None and mention.precision == "day":
            back = (published - mention.date).days
            if 0 <= back < EVENT_DAY_REACH:
                return mention.date
    return published


#: The most USE pieces a meaning text (:func:`use_text`) hands the encoder.  Real meaning texts
#: never reach it (session 34, as encoded: the 17,681 ANT window articles at most 149 pieces, 99th
#: percentile 132; the 3,153 articles of the spent event splits at most 146), so no real text, vector
#: or answer moves.  The generator's tagged words run its meaning texts to 246 pieces on average
#: (399 at most), and USE's cost grows with its pieces: the cap keeps a generated stream's signing
#: near a real one's cost, as :data:`E5_TOKENS` does for e5.
USE_TOKENS = 160


def _capped(text: str, tokens: Callable[[str], int], cap: int) -> str:
    """``text`` cut at the last whole word within ``cap`` tokens (counted by ``tokens``); a first
    word past the cap alone is kept whole."""
    if tokens(text) <= cap:
        return text
    words = text.split()
    fits, over = 0, len(words)  # the most words within the cap lie in [fits, over)
    while over - fits > 1:
        mid = (fits + over) // 2
        if tokens(" ".join(words[:mid])) <= cap:
            fits = mid
        else:
            over = mid
    return " ".join(words[: max(fits, 1)])


def use_text(article: Article, *, lead_words: int) -> str:
    """What an article's USE meaning reads: :func:`khabar.relate.meaning.meaning_text`, cut at
    the last whole word within :data:`USE_TOKENS`."""
    from khabar.relate.embeddings import use_tokens
    from khabar.relate.meaning import meaning_text

    return _capped(meaning_text(article, lead_words=lead_words), use_tokens, USE_TOKENS)


def _meanings(articles: list[Article], options: StoryOptions) -> np.ndarray:
    """Meaning vectors of ``articles`` encoded as one batch, rounded to what a store keeps
    (float16), so that an article signed here and one read back from a store group alike.
    USE reads each article's :func:`use_text`; another encoder its whole meaning text."""
    from khabar.relate.meaning import MEANING_ENCODER, article_meanings, sentence_meanings

    reports = [report_only(a) for a in articles]
    if options.meaning_encoder == MEANING_ENCODER:
        texts = [use_text(a, lead_words=options.lead_words) for a in reports]
        meanings = sentence_meanings(texts, encoder=options.meaning_encoder)
    else:
        meanings = article_meanings(reports, lead_words=options.lead_words, encoder=options.meaning_encoder)
    return meanings.astype(np.float16).astype(np.float32)


def sign_batch(articles: list[Article], *, options: StoryOptions) -> list[SignedArticle | InputError]:
    """Sign ``articles``, their meanings encoded in one batch (most of the cost of a
    meaning is per call); an article that cannot be signed gives its :class:`InputError`."""
    meanings = _meanings(articles, options) if options.semantic and articles else None
    out: list[SignedArticle | InputError] = []
    for i, article in enumerate(articles):
        try:
            out.append(sign_article(article, options=options, meaning=None if meanings is None else meanings[i]))
        except InputError as e:
            out.append(e)
    return out


def _lead_mentions(article: Article, options: StoryOptions) -> list[EntityMention]:
    """The names of the article's lead, when story grouping reads names (``options.names``)."""
    if not options.names:
        return []
    from khabar.extract.entities import lead_mentions  # entity lists load on first use only

    return lead_mentions(article, body_terms=options.body_terms)


def _headline_kinds(article: Article, options: StoryOptions, mentions: list[EntityMention]) -> frozenset[str] | None:
    """The kinds of happening the title names (names' words skipped), when ``options.event_kinds``."""
    if not (options.event_kinds and options.semantic):
        return None
    from khabar.extract.happenings import headline_kinds

    return headline_kinds(article, mentions)


@dataclass(frozen=True)
class ClusterReport:
    """What :func:`cluster_store` did (cumulative when passed to ``progress``)."""

    stage: str  # "signing", "assigning" or "done"
    signed: int = 0
    skipped: tuple[InputError, ...] = ()
    assigned: int = 0
    new_stories: int = 0
    #: Storylines started (an event grouped by words alone is a storyline of its own).
    new_storylines: int = 0
    retired: int = 0
    active_stories: int = 0
    seconds: float = 0.0
    #: The options the stories were grouped with (the store's own when none were given).
    options: StoryOptions | None = None


def band_texts(article: Article) -> list[str]:
    """The sentences of ``article`` the story band model reads
    (:data:`~khabar.relate.stories.band.BAND_SENTENCES` of the report's first of
    :data:`~khabar.relate.stories.band.BAND_SENTENCE_WORDS` words or more, the title one of
    them when it reads as a headline), each cut as the check's encoder reads it
    (:func:`khabar.check.meaning.encoded_text`), so the vectors a store keeps for the check
    (``khabar ingest --encode``) are these; an article with none such, its title (or first
    200 characters)."""
    from khabar.check.meaning import encoded_text
    from khabar.relate.stories.band import BAND_SENTENCE_WORDS, BAND_SENTENCES
    from khabar.text.ar.segment import iter_sentences

    texts = []
    for sentence in iter_sentences(report_only(article)):
        if len(sentence.text.split()) >= BAND_SENTENCE_WORDS:
            texts.append(encoded_text(sentence.text))
            if len(texts) == BAND_SENTENCES:
                break
    return texts or [encoded_text(article.title or article.body[:200])]


def band_sentences_lookup(
    read: Callable[[str], Article | None],
    *,
    options: StoryOptions,
    stored: StoredVectors | None = None,
    keep: KeepVectors | None = None,
) -> SentenceLookup | None:
    """What :attr:`StoryOptions.event_band` reads sentences through (None when it is off):
    the articles ``read`` finds by id (``store.get``, or a dict's ``get``), the USE vectors of
    their :func:`band_texts`, read first from ``stored`` (a store's
    :meth:`~khabar.store.Store.load_sentence_vectors`: an encoded store's are the check's
    vectors of the same texts), the rest encoded in one batch and handed to ``keep`` (so a
    store keeps them: a regroup reads them back instead of encoding).  An id ``read``
    cannot find is left out."""
    if not options.reads_band:
        return None
    from khabar.relate.embeddings import get_encoder

    def lookup(ids: Iterable[str]) -> dict[str, np.ndarray]:
        found = [a for a in map(read, ids) if a is not None]
        texts = [band_texts(a) for a in found]
        encoder = get_encoder("use")
        assert encoder is not None  # event_band needs meaning_encoder="use" (validated)
        rows = np.asarray(encoder.encode([t for ts in texts for t in ts], stored=stored, keep=keep), dtype=np.float32)
        out, start = {}, 0
        for a, ts in zip(found, texts, strict=True):
            out[a.id] = rows[start : start + len(ts)]
            start += len(ts)
        return out

    return lookup


#: The most e5 tokens an :func:`e5_text` hands the encoder.  Real leads never reach it (session
#: 33, normalized as encoded: 17,681 ANT window articles at most 136 tokens, 99th percentile 122;
#: the 3,153 articles of the spent event splits at most 135), so no real answer moves; the
#: generator's words carry a three-letter event tag (4.2 tokens a word against 2.1 on ANT,
#: titles 75 tokens against 19), so its texts ran to 242 tokens on average, 386 at most, and e5
#: costs ~1.2-1.5 ms of CPU a token: the cap is what keeps a generated stream's reading near a
#: real one's cost.
E5_TOKENS = 144


def e5_text(article: Article) -> str:
    """What the band's e5 reading reads of ``article``: its title and the first 40 words of
    the report (:func:`khabar.relate.meaning.meaning_text`), as session 30 measured e5, cut at
    the last whole word within :data:`E5_TOKENS`."""
    from khabar.relate.embeddings import e5_tokens
    from khabar.relate.meaning import meaning_text

    return _capped(meaning_text(report_only(article), lead_words=40), e5_tokens, E5_TOKENS)


def band_e5_lookup(
    read: Callable[[str], Article | None],
    *,
    options: StoryOptions,
    stored: StoredVectors | None = None,
    keep: KeepVectors | None = None,
) -> E5Lookup | None:
    """What :attr:`StoryOptions.event_e5` reads through (None when it is off): the e5
    vectors of the :func:`e5_text` of the articles ``read`` finds by id, read first from
    ``stored`` (a store's kept vectors, under e5's own digests), the rest encoded in one batch
    and handed to ``keep``."""
    if not options.reads_e5:
        return None
    from khabar.relate.embeddings import get_encoder

    def lookup(ids: Iterable[str]) -> dict[str, np.ndarray]:
        found = [a for a in map(read, ids) if a is not None]
        if not found:
            return {}
        encoder = get_encoder("e5")
        assert encoder is not None
        rows = np.asarray(encoder.encode([e5_text(a) for a in found], stored=stored, keep=keep), dtype=np.float32)
        return {a.id: row for a, row in zip(found, rows, strict=True)}

    return lookup


def _signed_from_row(row: SignatureRow, options: StoryOptions, store: Store) -> SignedArticle:
    try:
        stored = read_signature_blob(row.signature, num_perm=options.num_perm)
    except ValueError as e:
        raise InputError(row.article_id, f"stored signature unreadable: {e}") from e
    signature, ids, weights, kinds = stored.signature, stored.term_ids, stored.term_weights, stored.kinds
    anchors = stored.anchors
    needs_terms = not ids.size and options.cosine_threshold is not None
    needs_kinds = kinds is None and options.event_kinds and options.semantic
    needs_anchors = anchors is None and options.semantic
    if needs_terms or needs_kinds or needs_anchors:
        # Signed before terms or kinds (an older store, or a writer that stored only
        # ``signature.tobytes()``): they come from the stored article, so the grouping is
        # the same as for an article signed here.
        article = store.get(row.article_id)
        if article is not None:
            article = report_only(article)
            mentions = _lead_mentions(article, options)
            if needs_terms:
                ids, weights = term_vector(article, body_terms=options.body_terms, names=[m.name_key for m in mentions])
            if needs_kinds:
                kinds = _headline_kinds(article, options, mentions)
            if needs_anchors:
                anchors = _anchors(article, options, mentions)
    return SignedArticle(
        row.article_id, row.published, row.title, row.outlet, signature, ids, weights, stored.meaning,
        stored.event_day, kinds, anchors,
    )


def signed_from_blob(article: Article, blob: bytes, *, options: StoryOptions) -> SignedArticle:
    """The :class:`SignedArticle` a stored signature blob of ``article`` stands for."""
    stored = read_signature_blob(blob, num_perm=options.num_perm)
    return SignedArticle(
        article.id, article.published, article.title, article.outlet, stored.signature,
        stored.term_ids, stored.term_weights, stored.meaning, stored.event_day, stored.kinds, stored.anchors,
    )


def _load_index(
    store: Store, options: StoryOptions, keep: KeepVectors | None = None, keep_e5: KeepVectors | None = None
) -> StoryIndex:
    sentences = band_sentences_lookup(store.get, options=options, stored=store.load_sentence_vectors, keep=keep)
    e5 = band_e5_lookup(store.get, options=options, stored=store.load_sentence_vectors, keep=keep_e5)
    data = store.load_story_index_state()
    if data is None:
        return StoryIndex(options, sentences=sentences, e5=e5)
    state = StoryIndexState.from_bytes(data)
    if state.options.resolved() != options.resolved():
        raise OptionsError(
            f"{store.path}: stories were grouped with other options ({state.options}); "
            "regroup from scratch with restart=True (khabar stories --restart) or use the same options"
        )
    return StoryIndex.from_state(state, sentences=sentences, e5=e5)


def _keep_band_vectors(store: Store, rows: list[tuple[int, bytes]], encoder_name: str = "use") -> None:
    """Keep the band's newly encoded sentence vectors (or its e5 reading's: ``encoder_name``)
    in ``store`` and empty ``rows``: beside the check's, under the encoder's digests, without
    marking their articles encoded (the band reads nine sentences of an article, the check
    all of them)."""
    from khabar.relate.embeddings import get_encoder

    encoder = get_encoder(encoder_name)
    assert encoder is not None  # event_band needs meaning_encoder="use" (validated)
    store.save_sentence_vectors((), rows, encoder=encoder.version())
    rows.clear()


def stored_options(store: Store) -> StoryOptions | None:
    """The options the store's stories were grouped with; None when it has none (or a
    state this version cannot read: grouping then asks for a restart)."""
    data = store.load_story_index_state()
    if data is None:
        return None
    try:
        return StoryIndexState.from_bytes(data).options
    except (OptionsError, ValueError, TypeError):
        return None


def cluster_store(
    store: Store,
    *,
    options: StoryOptions | None = None,
    progress: Callable[[ClusterReport], None] | None = None,
    batch_size: int = 500,
    limit: int | None = None,
    restart: bool = False,
    engine: Engine | None = None,
) -> ClusterReport:
    """Sign the store's unsigned articles, put every unassigned one in a story, persist.

    Articles are assigned in ``(published, id)`` order, ``batch_size`` at a time (or as many
    as the index holds, when that is more); each batch's
    assignments, changed stories and the index state are committed together, so a run that
    is interrupted (or stopped after ``limit`` assignments) continues where it stopped and
    ends with the same assignments as one uninterrupted run.  An article that cannot be
    signed is recorded with its reason, reported in ``skipped`` and never stops the run.
    ``restart`` forgets the stored stories first (and the signatures when the signature
    options changed).  ``engine`` (:class:`khabar.scale.ProcessEngine` and the like) signs
    a batch per worker at a time; the signatures, so the stories, are the same.
    ``options`` None: those the store was grouped with (``khabar stories --meaning-encoder
    static --restart`` once, then every later run, ``khabar ingest --stories`` and the API
    go on with them), the defaults for a store never grouped or with ``restart``.
    """
    if batch_size < 1:
        raise OptionsError(f"batch_size must be at least 1, got {batch_size}")
    if options is None:
        options = stored_options(store) if not restart else None
        options = options or StoryOptions()
    started = time.perf_counter()
    if restart:
        old = store.load_story_index_state()
        try:
            # No state: any signatures come from a run stopped while signing, with options
            # unknown (USE meanings beside static ones broke the first assignment): sign again.
            stale = old is None or StoryIndexState.from_bytes(old).options.signature_key() != options.signature_key()
        except (OptionsError, ValueError, TypeError):
            stale = True  # a state this version cannot read: sign again too
        store.reset_stories(signatures=stale)
    # The band's sentence vectors encoded while assigning, kept with each batch: the first
    # grouping pays USE once, a regroup (--restart) reads them back (the lead's measure,
    # session 28, 1,007 ANT: band on 17.6 s against 2.45 s off when encoded each time,
    # 3.7 s when the vectors are in the store).
    encoded: list[tuple[int, bytes]] = []
    encoded_e5: list[tuple[int, bytes]] = []  # the e5 reading's, kept the same way
    index = _load_index(store, options, keep=encoded.extend, keep_e5=encoded_e5.extend)
    report = ClusterReport(stage="signing", active_stories=index.active_stories, options=options)

    def tick(**changes: object) -> None:
        nonlocal report
        report = replace(report, seconds=time.perf_counter() - started, **changes)
        if progress is not None:
            progress(report)

    # 1. signatures, committed per batch.  Batches are read from the store as they are
    #    signed (each page starts where the last one ended), on the engine when there is
    #    one, and saved as they come back, in any order: a signature depends on its article
    #    alone.
    def batches() -> Iterator[list[Article]]:
        cursor = None
        while batch := store.unsigned_articles(limit=batch_size, after=cursor):
            cursor = (batch[-1].published, batch[-1].id)
            yield batch

    if engine is None:
        signed = ((i, sign_articles(b, options=options)) for i, b in enumerate(batches()))
    else:
        signed = engine.run(sign_articles, batches(), options=options)
    for _i, (rows, skipped) in signed:
        store.save_signatures(rows)
        tick(signed=report.signed + len(rows) - len(skipped), skipped=report.skipped + tuple(skipped))

    # 2. assignments, committed per batch together with the index state
    tick(stage="assigning")
    remaining = limit
    cursor = None
    while remaining is None or remaining > 0:
        # The index state is rewritten with every batch, and it grows with the articles in
        # the window: a batch at least that large keeps its cost per article constant
        # (measured: at 1,700 articles a day, 500-article batches spent most of the
        # assigning time writing 25 MB states).
        page = max(batch_size, len(index))
        if remaining is not None:
            page = min(page, remaining)
        rows = store.load_signatures(unassigned=True, limit=page, after=cursor)
        if not rows:
            break
        cursor = (rows[-1].published, rows[-1].article_id)
        assignments, skipped, retired, new, new_lines = [], [], 0, 0, 0
        for row in rows:
            try:
                item = _signed_from_row(row, options, store)
            except InputError as e:
                skipped.append(e)
                continue
            retired += index.retire_for(item.published)
            story_id = index.add(item)
            assignments.append((item.article_id, story_id))
            # Counted as they start (an event is "s" + its first article's id), not from the
            # changed stories: one created and joined in the same batch is new too.
            if story_id == "s" + item.article_id:
                new += 1
                line = index.story(story_id).storyline
                new_lines += not line or line == "l" + item.article_id
        changed = index.take_changed()
        index.take_changed_storylines()  # the store rewrites storylines from their events
        if encoded:
            _keep_band_vectors(store, encoded)
        if encoded_e5:
            _keep_band_vectors(store, encoded_e5, "e5")
        store.commit_stories(
            assignments=assignments,
            stories=[_story_row(s) for s in changed],
            state=index.state().to_bytes(),
        )
        if remaining is not None:
            remaining -= len(rows)
        tick(
            assigned=report.assigned + len(assignments),
            new_stories=report.new_stories + new,
            new_storylines=report.new_storylines + new_lines,
            retired=report.retired + retired,
            active_stories=index.active_stories,
            skipped=report.skipped + tuple(skipped),
        )
    tick(stage="done", active_stories=index.active_stories)
    return report


def sign_articles(
    articles: Iterable[Article], *, options: StoryOptions
) -> tuple[list[tuple[str, bytes | None, str | None]], list[InputError]]:
    """``(rows, problems)`` for a store: ``(article id, signature blob, None)`` per signed
    article, ``(article id, None, problem)`` per article that cannot be signed, and the
    :class:`InputError` of the latter.  One odd article never stops a batch."""
    rows: list[tuple[str, bytes | None, str | None]] = []
    problems: list[InputError] = []
    articles = list(articles)
    try:
        meanings = _meanings(articles, options) if options.semantic and articles else None
    except Exception:  # noqa: BLE001 - one odd article must not lose the batch: each alone below
        meanings = None
    for i, article in enumerate(articles):
        try:
            meaning = meanings[i] if meanings is not None else None
            rows.append((article.id, sign_article(article, options=options, meaning=meaning).to_bytes(), None))
        except InputError as e:
            problems.append(e)
            rows.append((article.id, None, e.problem))
        except Exception as e:  # noqa: BLE001 - one odd article must never stop a long batch
            problem = f"cannot sign for story grouping: {e}"
            problems.append(InputError(article.source or article.id, problem))
            rows.append((article.id, None, problem))
    return rows, problems


def _story_row(story: Story) -> StoryRow:
    from khabar.store import StoryRow

    return StoryRow(story.id, story.title, story.first_day, story.last_day, story.size, storyline=story.storyline)
