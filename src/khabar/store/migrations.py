"""The store's schema, as an ordered list of steps.

``MIGRATIONS[i]`` takes a store from schema version ``i`` to ``i + 1``; the version is kept
in SQLite's ``PRAGMA user_version`` (a header field, so it is read without knowing any
table) and the file is marked as khabar's with ``PRAGMA application_id``.  A store is
brought up to date on open, all pending steps in one transaction, so a failure leaves it at
the version it had.

Adding a table later is one new :class:`Migration` appended here.  Never edit a step that
has shipped: stores in the wild already ran it.

Steps may call ``khabar_normalize(text)``, ``khabar_index(text)`` and
``khabar_bare(normalized_text)``, SQL functions the store registers on every connection
(:func:`khabar.text.ar.normalize.normalize`; that and
:func:`khabar.store.query.index_text`; :func:`khabar.text.ar.clitics.bare_text`), so a step can (re)build the search index from
the stored originals, e.g. after the normalization or clitic rules change: such a change is
one more step that rebuilds the index, never an edit of the step below.
"""

from __future__ import annotations

from dataclasses import dataclass

#: ``PRAGMA application_id`` of a khabar store: the bytes "khbr".  Lets us refuse to write
#: into some other program's SQLite file that happens to be named on the command line.
APPLICATION_ID = int.from_bytes(b"khbr", "big")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: the SQL statements that take version ``version - 1`` to ``version``."""

    version: int
    note: str
    statements: tuple[str, ...]


# Why ``seq INTEGER PRIMARY KEY`` beside ``id TEXT UNIQUE``: the full-text index refers to
# rows by integer rowid, and VACUUM may renumber an implicit rowid; an explicit INTEGER
# PRIMARY KEY never changes.  ``seq`` also gives a cheap insertion order.
_V1_ARTICLES = Migration(
    version=1,
    note="articles",
    statements=(
        """
        CREATE TABLE articles (
            seq         INTEGER PRIMARY KEY,
            id          TEXT NOT NULL UNIQUE,
            title       TEXT NOT NULL,
            body        TEXT NOT NULL,
            outlet      TEXT,
            url         TEXT,
            published   TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            language    TEXT NOT NULL DEFAULT 'ar',
            source      TEXT,
            ingested_at TEXT NOT NULL
        )
        """,
        # Listing is by date then id, optionally for one outlet.
        "CREATE INDEX articles_by_date ON articles (published, id)",
        "CREATE INDEX articles_by_outlet ON articles (outlet, published, id)",
    ),
)

# The index holds the NORMALIZED title and body (hamza, alef, ya, ta marbuta, digits folded)
# so that a query normalized the same way matches every spelling.  It is contentless
# (content=''): the originals are in ``articles``, snippets are cut from them, and the
# normalized copy would only double the file.  unicode61 then splits words and removes any
# remaining (Latin) diacritics.
_V2_SEARCH = Migration(
    version=2,
    note="full-text search over normalized title and body",
    statements=(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body,
            content = '',
            tokenize = 'unicode61 remove_diacritics 2'
        )
        """,
        """
        INSERT INTO articles_fts (rowid, title, body)
        SELECT seq, khabar_normalize(title), khabar_normalize(body) FROM articles
        """,
    ),
)

def _rebuilt_search_index(tokenize: str, words: str, settings: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The statements that replace the search index by one with the ``tokenize`` option,
    set its ``settings`` and fill it from the stored originals, whose title and body the SQL
    function ``words`` makes into the text indexed (steps 3 and 9; the SQL is that step 3
    shipped with)."""
    return (
        "DROP TABLE articles_fts",
        f"""
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, title_bare, body_bare,
            content = '',
            tokenize = '{tokenize}'
        )
        """,
        *settings,
        f"""
        INSERT INTO articles_fts (rowid, title, body, title_bare, body_bare)
        SELECT seq, t, b, khabar_bare(t), khabar_bare(b)
        FROM (SELECT seq, {words}(title) AS t, {words}(body) AS b FROM articles)
        """,
    )


# Arabic writes proclitics (و ف ب ل ك and the article ال, and their combinations) as part of
# the word, so "بحلب" and "والمعارضة" are one token each and a search for "حلب" or
# "معارضة" missed them.  The index gets two more columns: for each word of the title and
# body that has proclitics, the word without them (``khabar_bare``: "وبالمدينة" -> "مدينه";
# "حلب" has none and is only in ``body``).  A query word then matches its readings in all
# four columns.  Only the words that change are repeated, about two in five: FTS5's share
# of ingest grows by a third, where repeating every word (to keep phrase positions in the
# bare columns too) doubled it; phrases instead try each proclitic run on their first word
# (see ``khabar.text.ar.clitics.leading_forms``).  A contentless table cannot add columns, so
# it is dropped and rebuilt from the stored originals (about 4 s for 10,000 articles).
_V3_CLITICS = Migration(
    version=3,
    note="full-text search also over words without their proclitics",
    statements=_rebuilt_search_index("unicode61 remove_diacritics 2", "khabar_normalize"),
)

# Stories (issue 5, :mod:`khabar.relate.stories`).  Each article gets a MinHash signature
# once (``signature`` is NULL and ``problem`` says why when it could not be signed, so a bad
# article is skipped rather than retried on every run); assignments say which story it
# joined.  ``story_state`` holds the clusterer's index of active stories as one blob,
# written in the same transaction as the assignments of a batch: an interrupted run resumes
# from the last committed batch with exactly the index it had then.
_V4_STORIES = Migration(
    version=4,
    note="stories: article signatures, stories, assignments, clusterer state",
    statements=(
        """
        CREATE TABLE article_signatures (
            article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            signature   BLOB,
            problem     TEXT,
            CHECK ((signature IS NULL) != (problem IS NULL))
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE stories (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL,
            first_day   TEXT,
            last_day    TEXT,
            size        INTEGER NOT NULL CHECK (size >= 1)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX stories_by_last_day ON stories (last_day, id)",
        """
        CREATE TABLE story_articles (
            article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            story_id    TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        "CREATE INDEX story_articles_by_story ON story_articles (story_id, article_id)",
        """
        CREATE TABLE story_state (
            key         TEXT PRIMARY KEY,
            value       BLOB NOT NULL
        ) WITHOUT ROWID
        """,
    ),
)

# Events and storylines (issue 14): the ``stories`` rows are events; each names the
# storyline (a chain of events about one situation) it belongs to, and ``storylines`` keeps
# each storyline's title, days, articles and events, rewritten from its events' rows in the
# same transaction as they are (so the two never disagree).  A version-4 store grouped
# events without storylines: each of its events becomes a storyline of its own, named as
# the clusterer names a storyline an event starts ("l" + the first article's id, where the
# event is "s" + that id); ``khabar stories --restart`` regroups them into real storylines.
_V5_STORYLINES = Migration(
    version=5,
    note="storylines: each event's storyline, and the storylines",
    statements=(
        "ALTER TABLE stories ADD COLUMN storyline TEXT NOT NULL DEFAULT ''",
        "UPDATE stories SET storyline = 'l' || substr(id, 2)",
        "CREATE INDEX stories_by_storyline ON stories (storyline, first_day, id)",
        """
        CREATE TABLE storylines (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL,
            first_day   TEXT,
            last_day    TEXT,
            size        INTEGER NOT NULL CHECK (size >= 1),
            events      INTEGER NOT NULL CHECK (events >= 1)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX storylines_by_last_day ON storylines (last_day, id)",
        """
        INSERT INTO storylines (id, title, first_day, last_day, size, events)
        SELECT storyline, title, first_day, last_day, size, 1 FROM stories
        """,
    ),
)

# The home page lists storylines newest first (or biggest first), 25 at a time: with an
# index in that order SQLite reads the first 25 rows instead of sorting every storyline
# (11 ms of a 47 ms page for 5,600 storylines).  Events are listed the same ways.
_V6_LISTING_ORDER = Migration(
    version=6,
    note="storylines and events in the orders they are listed",
    statements=(
        "CREATE INDEX storylines_by_recency ON storylines (last_day DESC, size DESC, id)",
        "CREATE INDEX storylines_by_size ON storylines (size DESC, last_day DESC, id)",
        "CREATE INDEX stories_by_recency ON stories (last_day DESC, size DESC, id)",
        "CREATE INDEX stories_by_size ON stories (size DESC, last_day DESC, id)",
    ),
)

# Each stored article's per-article analysis (issue 19): the document the pipeline made of
# it, kept so that a brief of stored articles reads it instead of analysing again (the
# analysis was over half of a brief of 2,000 ANT articles).  ``version`` names the code and
# data that made it (``khabar.pipeline.analysis_version``): a row of another version is
# made again and replaced, so one row per article at most.  The bytes are opaque here.
_V7_ANALYSES = Migration(
    version=7,
    note="each article's per-article analysis, kept for briefs",
    statements=(
        """
        CREATE TABLE article_analyses (
            article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            version     TEXT NOT NULL,
            document    BLOB NOT NULL
        )
        """,
    ),
)

# The search index keeps the words of a write in memory up to its ``hashsize`` (FTS5's
# default 1 MB) and flushes them as a new segment each time it fills; the segments are
# then merged.  A batch of 500 ANT articles fills 1 MB several times; with 8 MB it is one
# segment a batch and the index's share of ingest falls by a tenth (2,000 ANT files in
# batches of 500: 0.46 -> 0.40 s of CPU, the best of three under load), for at most 8 MB
# more memory while a batch is written.  Kept in the index's own settings, so every
# process writing the store uses it.
_V8_INDEX_HASH = Migration(
    version=8,
    note="search index: words of a write kept in memory up to 8 MB before a segment is written",
    statements=("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608)",),
)

# The search index's tokenizer: FTS5's "ascii" instead of "unicode61 remove_diacritics 2".
# unicode61 looks up the Unicode class and case folding of every character it reads, and
# Arabic text is all characters above ASCII: it was nearly half of the index's share of
# ingest (on 2,000 ANT files in one transaction, 0.29 s of CPU for the four columns, against
# 0.16 s with "ascii").  "ascii" takes every non-ASCII character for part of a word, so the
# text it gets is made for it: normalized (``khabar_normalize``), then
# ``khabar_index`` (:func:`khabar.store.query.index_text`) turns every non-ASCII character
# that is not a letter or a digit into a space (a combining mark is dropped) and folds the
# case and accents of other scripts; normalized news text is nearly always plain Arabic and
# ASCII, which it returns as it is.  A query's words are made the same way, so a word is
# still a run of letters and digits (the snippets' definition too) and the ranking is the
# same.  The contentless index is rebuilt from the stored originals, its 8 MB flush size
# (step 8) set again.
_V9_ASCII_TOKENS = Migration(
    version=9,
    note="search index: words split in Python, so FTS5's ascii tokenizer reads them",
    statements=_rebuilt_search_index("ascii", "khabar_index", _V8_INDEX_HASH.statements),
)

# The sentence encoder's vectors of the stored articles' sentences (issue 19, session 25):
# the check's meaning model encodes each candidate article's best sentences, 0.16-0.23 s of
# CPU of a fresh 10k check's ~0.45 s (load ~4); kept ahead (``khabar ingest --encode``), a
# check reads them instead.  One row per distinct sentence, found by ``digest``: a 64-bit
# hash of the encoder's version and the text it read (:func:`khabar.relate.embeddings.vector_digest`),
# so wire copies share a row and a vector of another encoder is never found.  The float32
# bytes are opaque here.  ``encoded_articles`` says which articles have every sentence's
# vector, and by which encoder; an article's vectors and its row are written together.
_V10_SENTENCE_VECTORS = Migration(
    version=10,
    note="sentence encoder vectors of the stored articles' sentences, kept for checks",
    statements=(
        "CREATE TABLE sentence_vectors (digest INTEGER PRIMARY KEY, vector BLOB NOT NULL)",
        """
        CREATE TABLE encoded_articles (
            article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            encoder     TEXT NOT NULL
        )
        """,
    ),
)

#: Every step, in order.  The store's current version is ``len(MIGRATIONS)``.
MIGRATIONS: tuple[Migration, ...] = (
    _V1_ARTICLES, _V2_SEARCH, _V3_CLITICS, _V4_STORIES, _V5_STORYLINES, _V6_LISTING_ORDER, _V7_ANALYSES,
    _V8_INDEX_HASH, _V9_ASCII_TOKENS, _V10_SENTENCE_VECTORS,
)

SCHEMA_VERSION = len(MIGRATIONS)


def pending(from_version: int) -> tuple[Migration, ...]:
    """The steps that take a store at ``from_version`` to :data:`SCHEMA_VERSION`."""
    return MIGRATIONS[from_version:]


def _check() -> None:
    for i, m in enumerate(MIGRATIONS, start=1):
        if m.version != i:
            raise AssertionError(f"migration {m.note!r} is number {i} but says version {m.version}")


_check()
