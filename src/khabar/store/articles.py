"""Articles in the store: adding them (in batches, skipping those already stored),
reading them back, paging through them, and searching them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from khabar.errors import OptionsError, StoreError
from khabar.article import Article
from khabar.store.connection import Connection
from khabar.store.query import index_columns, parse_query, snippet

#: Title matches weigh twice body matches in the ranking: a headline names the event.  A
#: word met with other proclitics (in the bare columns) weighs half a word as written;
#: articles where the whole query occurs as written come first anyway (see ``search``).
_TITLE_WEIGHT, _BODY_WEIGHT, _BARE_FACTOR = 2.0, 1.0, 0.5
_WEIGHTS = ", ".join(str(w) for w in (_TITLE_WEIGHT, _BODY_WEIGHT, _TITLE_WEIGHT * _BARE_FACTOR, _BODY_WEIGHT * _BARE_FACTOR))

#: Ids looked up per ``IN (...)`` query: below SQLite's oldest limit of 999 parameters.
_ID_CHUNK = 500

_COLUMNS = "id, title, body, outlet, url, published, language, source"


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one :meth:`Store.add` did.

    ``ids`` are the ids of the articles given, in the order given (``len(ids) == added +
    existing``); ``existing`` counts those already stored, or given twice in the call.
    """

    added: int
    existing: int
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A stored article that matches a query; ``score`` is higher for better matches.

    ``exact`` is true when every part of the query occurs in the article as written (up to
    spelling variants), false when some word matched only with other proclitics ("حلب" in
    an article that writes only "بحلب").  Scores compare hits of the same kind.
    """

    article: Article
    score: float
    snippet: str
    exact: bool = True


class ArticleRow(NamedTuple):
    """An article as the store writes it (:func:`article_row`): its column values, then
    the columns its search index gets.  Made where the article is read: on the worker
    processes of an ingest, so the one process that writes the store only writes.

    The long columns are UTF-8 bytes, which the store binds as text: SQLite keeps text as
    UTF-8, and a ``str`` would be encoded to UTF-8 again at every bind, and between
    processes pickled as UTF-8 and decoded in the writing process only to be encoded again
    (2,000 ANT files: the writing process's unpickling and writing 0.27 -> 0.21 s of CPU).
    :meth:`ArticleStore.add` takes it where it takes an :class:`Article`."""

    id: str
    title: bytes
    body: bytes
    outlet: str | None
    url: str | None
    published: str | None  # ISO date
    language: str | None
    source: str | None
    # the search index's columns (see :mod:`khabar.store.migrations`, steps 2, 3 and 9):
    title_index: bytes  # the normalized title, as its tokenizer reads it
    body_index: bytes
    title_bare: bytes  # the words of the title that have proclitics, without them
    body_bare: bytes


def article_row(article: Article) -> ArticleRow:
    """``article`` as the store writes it, refusing what cannot be stored."""
    return _row(article, _values(article))


def _row(article: Article, values: tuple[object, ...]) -> ArticleRow:
    article_id, title, body, *rest = values
    title_index, title_bare = index_columns(article.title)
    body_index, body_bare = index_columns(article.body)
    return ArticleRow(
        article_id,
        title.encode(),
        body.encode(),
        *rest,
        title_index.encode(),
        body_index.encode(),
        title_bare.encode(),
        body_bare.encode(),
    )


class ArticleStore(Connection):
    """The articles part of :class:`~khabar.store.Store`."""

    # --- writing ------------------------------------------------------------------------

    def add(self, articles: Iterable[Article | ArticleRow]) -> AddResult:
        """Store ``articles`` in one transaction; articles already stored are skipped.

        An :class:`ArticleRow` is written as it is (made by :func:`article_row`); an
        :class:`Article` is made one here.  All or nothing: if reading the iterable or
        writing fails, nothing of this call is stored and the exception propagates (SQLite
        failures as :class:`StoreError`).
        """
        given = list(articles)
        values = [None if isinstance(a, ArticleRow) else _values(a) for a in given]  # refuses what is not stored
        ids = tuple(a.id for a in given)
        # Indexing is most of the cost of a write: skip the articles already stored, and
        # do it before taking the write lock.  The insert checks again under the lock.
        with self._reading() as conn:
            stored = _stored_ids(conn, set(ids))
        rows = []
        for a, v in zip(given, values, strict=True):
            if a.id not in stored:
                stored.add(a.id)  # a second copy in the same call is not written twice
                rows.append(a if v is None else _row(a, v))
        added = 0
        if rows:
            with self._writing() as conn:
                added = _insert(conn, rows)
        return AddResult(added=added, existing=len(ids) - added, ids=ids)

    def add_pieces(self, pieces: Iterable[Iterable[Article | ArticleRow]]) -> AddResult:
        """Store the articles of ``pieces`` in one transaction, each piece written as the
        iterable gives it: the write lock is held from the first piece to the end of the
        iterable, so it is for a stream's last pieces, which come close together (an
        ingest's tail: one commit, and one segment of the search index, where a commit a
        piece made several, whose merge fell at the end).  All or nothing, as :meth:`add`."""
        added = existing = 0
        ids: list[str] = []
        with self._writing() as conn:
            for piece in pieces:
                given = list(piece)
                once = {a.id: a for a in reversed(given)}  # a second copy in a piece is not written twice
                rows = [a if isinstance(a, ArticleRow) else _row(a, _values(a)) for a in reversed(once.values())]
                new = _insert(conn, rows)
                added += new
                existing += len(given) - new
                ids.extend(a.id for a in given)
        return AddResult(added=added, existing=existing, ids=tuple(ids))

    def add_batches(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = 500,
        progress: Callable[[AddResult], None] | None = None,
    ) -> AddResult:
        """Store a long stream of articles, committing every ``batch_size`` articles.

        Each batch is atomic; when the stream fails, the batches before the failure stay
        stored and the exception propagates.  ``progress`` is called after each commit with
        that batch's result.  Returns the totals.
        """
        if batch_size < 1:
            raise OptionsError(f"batch_size must be at least 1, got {batch_size}")
        added = existing = 0
        ids: list[str] = []
        iterator = iter(articles)
        while batch := list(islice(iterator, batch_size)):
            result = self.add(batch)
            added += result.added
            existing += result.existing
            ids.extend(result.ids)
            if progress is not None:
                progress(result)
        return AddResult(added=added, existing=existing, ids=tuple(ids))

    # --- reading ------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        with self._reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def __contains__(self, item: object) -> bool:
        article_id = item.id if isinstance(item, Article) else item
        if not isinstance(article_id, str):
            return False
        with self._reading() as conn:
            return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def __len__(self) -> int:
        return self.count()

    def count(self) -> int:
        with self._reading() as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[Article]:
        """Stored articles by publication date (undated last), then id.

        ``since`` and ``until`` are inclusive and leave out undated articles.
        """
        _check_page(limit, offset)
        where, params = [], []
        if outlet is not None:
            where.append("outlet = ?")
            params.append(outlet)
        if since is not None:
            where.append("published >= ?")
            params.append(_iso_date(since, "since"))
        if until is not None:
            where.append("published <= ?")
            params.append(_iso_date(until, "until"))
        # The dated articles, then the undated, each page read along an index: one ORDER BY
        # "published IS NULL, published, id" sorted every row, bodies and all (0.6 s a page on
        # the 30k ANT articles, 3.7 s at the median under 16 clients).
        dated = " AND ".join([*where, "published IS NOT NULL"])
        with self._reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM articles WHERE {dated} ORDER BY published, id LIMIT ? OFFSET ?",
                (*params, limit, offset),
            ).fetchall()
            if len(rows) < limit and since is None and until is None:
                before = conn.execute(f"SELECT count(*) FROM articles WHERE {dated}", params).fetchone()[0]
                undated = " AND ".join([*where, "published IS NULL"])
                rows += conn.execute(
                    f"SELECT {_COLUMNS} FROM articles WHERE {undated} ORDER BY id LIMIT ? OFFSET ?",
                    (*params, limit - len(rows), max(0, offset - before)),
                ).fetchall()
        return [_article(r) for r in rows]

    def outlets(self) -> list[tuple[str, int]]:
        """Each outlet with its number of stored articles, most articles first."""
        with self._reading() as conn:
            return conn.execute(
                "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
                "GROUP BY outlet ORDER BY n DESC, outlet"
            ).fetchall()

    def ids(self) -> Iterator[str]:
        """Every stored id, in insertion order.

        Read in pages, so the store can be written while the iterator is alive.
        """
        last = 0
        while True:
            with self._reading() as conn:
                rows = conn.execute(
                    "SELECT seq, id FROM articles WHERE seq > ? ORDER BY seq LIMIT 1000", (last,)
                ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            for _, article_id in rows:
                yield article_id

    def search(self, query: str, *, limit: int = 20, offset: int = 0, budget_s: float | None = None) -> list[SearchHit]:
        """Articles matching ``query``, best first.

        The query is words (all must occur), ``"a phrase"``, ``word*`` (prefix) and ``OR``
        between two of those.  Spelling variants match (see the normalization rules), and so
        do the words with other proclitics: "حلب" finds "بحلب", "بحلب" finds "حلب",
        "المعارضة" finds "والمعارضة".  Articles where every part of the query occurs as
        written (:attr:`SearchHit.exact`) come before the others, each kind by score.  Any
        input is accepted: characters that make no word are ignored, and a query with no
        word returns no hits.

        Raises :class:`~khabar.errors.QueryError` for a query over the bounds of
        :mod:`khabar.store.query` (length, words, prefixes), or one that runs longer than
        ``budget_s`` seconds (None: no limit).
        """
        _check_page(limit, offset)
        parsed = parse_query(query)
        if parsed is None:
            return []
        # The exact set is a second, cheaper lookup of the same index: FTS5 cannot say which
        # alternative of an OR matched a row.
        sql = f"""
            WITH exact AS (
                SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
            ), hits AS (
                SELECT rowid AS seq, bm25(articles_fts, {_WEIGHTS}) AS rank, rowid IN exact AS exact
                FROM articles_fts WHERE articles_fts MATCH ?
                ORDER BY exact DESC, rank, rowid LIMIT ? OFFSET ?
            )
            SELECT {", ".join("a." + c.strip() for c in _COLUMNS.split(","))}, hits.rank, hits.exact
            FROM hits JOIN articles AS a ON a.seq = hits.seq
            ORDER BY hits.exact DESC, hits.rank, a.seq
        """
        with self._reading(budget_s) as conn:
            rows = conn.execute(sql, (parsed.exact_expression, parsed.match_expression, limit, offset)).fetchall()
        hits = []
        for row in rows:
            article = _article(row[:-2])
            hits.append(
                SearchHit(article=article, score=-row[-2], snippet=snippet(article.text, parsed), exact=bool(row[-1]))
            )
        return hits


def _values(article: Article) -> tuple[object, ...]:
    """The article's column values (in ``_COLUMNS`` order), refusing what cannot be stored."""
    if not isinstance(article, Article):
        raise StoreError(f"only Article objects can be stored, got {type(article).__name__}")
    published = article.published
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is not None and not isinstance(published, dt.date):
        raise StoreError(f"article {article.id}: published must be a datetime.date, got {published!r}")
    return (
        article.id,
        article.title,
        article.body,
        article.outlet,
        article.url,
        published.isoformat() if published else None,
        article.language,
        article.source,
    )


#: The text columns arrive as UTF-8 bytes (:class:`ArticleRow`); CAST makes them text.
_INSERT_ARTICLE = (
    f"INSERT INTO articles (seq, {_COLUMNS}, ingested_at) "
    "VALUES (?, ?, CAST(? AS TEXT), CAST(? AS TEXT), ?, ?, ?, ?, ?, ?)"
)
_INSERT_INDEX = (
    "INSERT INTO articles_fts (rowid, title, body, title_bare, body_bare) "
    "VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))"
)


def _insert(conn: sqlite3.Connection, rows: list[ArticleRow]) -> int:
    """Write the rows not stored yet; how many were written.

    Runs under the write lock, so no one can add the same article between check and insert.
    """
    stored = _stored_ids(conn, {r.id for r in rows})
    new = [r for r in rows if r.id not in stored]
    if new:
        first = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0]
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        conn.executemany(_INSERT_ARTICLE, ((first + i, *row[:8], now) for i, row in enumerate(new)))
        conn.executemany(_INSERT_INDEX, ((first + i, *row[8:]) for i, row in enumerate(new)))
    return len(new)


def _stored_ids(conn: sqlite3.Connection, ids: set[str]) -> set[str]:
    found: set[str] = set()
    todo = list(ids)
    for i in range(0, len(todo), _ID_CHUNK):
        chunk = todo[i : i + _ID_CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
    return found


def _article(row: tuple) -> Article:
    article_id, title, body, outlet, url, published, language, source = row
    return Article(
        id=article_id,
        title=title,
        body=body,
        outlet=outlet,
        url=url,
        published=dt.date.fromisoformat(published) if published else None,
        language=language,
        source=source,
    )


#: Where a page ended in the (undated last, published, id) order: ``(published, id)``.
DateCursor = tuple["dt.date | None", str]


def _keyset_page(
    conn: sqlite3.Connection,
    select: str,
    where: list[str],
    params: list[object],
    after: DateCursor | None,
    limit: int | None,
) -> list[tuple]:
    """Rows of ``select`` (over ``articles AS a``) in (undated last, published, id) order,
    strictly after ``after``, at most ``limit``.

    Two queries, dated then undated, each walking an index in order (``articles_by_date``
    on ``(published, id)``, and the id index) from the cursor and stopping at ``limit``
    rows: no sort of the whole table, so a long run of pages stays linear.
    """
    day = after[0].isoformat() if after is not None and after[0] is not None else None
    rows: list[tuple] = []
    if after is None or day is not None:
        dated = ["a.published IS NOT NULL", *where]
        dated_params = list(params)
        if day is not None:
            dated.append("(a.published, a.id) > (?, ?)")
            dated_params += [day, after[1]]  # type: ignore[index]
        sql = f"{select} WHERE {' AND '.join(dated)} ORDER BY a.published, a.id"
        if limit is not None:
            sql += " LIMIT ?"
            dated_params.append(limit)
        rows = conn.execute(sql, dated_params).fetchall()
    if limit is not None and len(rows) >= limit:
        return rows
    undated = ["a.published IS NULL", *where]
    undated_params = list(params)
    if after is not None and day is None:
        undated.append("a.id > ?")
        undated_params.append(after[1])
    sql = f"{select} WHERE {' AND '.join(undated)} ORDER BY a.id"
    if limit is not None:
        sql += " LIMIT ?"
        undated_params.append(limit - len(rows))
    return rows + conn.execute(sql, undated_params).fetchall()


def _articles_page(
    conn: sqlite3.Connection, missing: str, params: list[object], after: DateCursor | None, limit: int
) -> list[Article]:
    """Up to ``limit`` articles for which the SQL condition ``missing`` (over ``articles AS
    a``, with ``params``) holds, in the order of :func:`_keyset_page` after ``after``: the
    pages of the work done ahead (analyses, sentence vectors)."""
    _check_page(limit, 0)
    columns = ", ".join("a." + c.strip() for c in _COLUMNS.split(","))
    return [_article(r) for r in _keyset_page(conn, f"SELECT {columns} FROM articles AS a", [missing], params, after, limit)]


def _iso_date(value: dt.date, name: str) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise OptionsError(f"{name} must be a datetime.date, got {value!r}")
    return value.isoformat()


def _check_page(limit: int, offset: int) -> None:
    if limit < 0:
        raise OptionsError(f"limit must be 0 or more, got {limit}")
    if offset < 0:
        raise OptionsError(f"offset must be 0 or more, got {offset}")

