"""The store's schema, as an ordered list of steps.

``MIGRATIONS[i]`` takes a store from schema version ``i`` to ``i + 1``; the version is kept
in SQLite's ``PRAGMA user_version`` (a header field, so it is read without knowing any
table) and the file is marked as khabar's with ``PRAGMA application_id``.  A store is
brought up to date on open, all pending steps in one transaction, so a failure leaves it at
the version it had.

Adding a table later is one new :class:`Migration` appended here.  Never edit a step that
has shipped: stores in the wild already ran it.

Steps may call ``khabar_normalize(text)``, an SQL function the store registers on every
connection (it is :func:`khabar.text.ar.normalize.normalize`), so a step can (re)build the
search index from the stored originals, e.g. after the normalization rules change.
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

#: Every step, in order.  The store's current version is ``len(MIGRATIONS)``.
MIGRATIONS: tuple[Migration, ...] = (_V1_ARTICLES, _V2_SEARCH)

SCHEMA_VERSION = len(MIGRATIONS)


def pending(from_version: int) -> tuple[Migration, ...]:
    """The steps that take a store at ``from_version`` to :data:`SCHEMA_VERSION`."""
    return MIGRATIONS[from_version:]


def _check() -> None:
    for i, m in enumerate(MIGRATIONS, start=1):
        if m.version != i:
            raise AssertionError(f"migration {m.note!r} is number {i} but says version {m.version}")


_check()
