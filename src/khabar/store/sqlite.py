"""The article store: one SQLite file, the only module of khabar that knows SQL.

Why these settings:

* WAL journal: readers never block the writer nor the writer the readers, so a search can
  run while an ingest is writing;
* ``synchronous=NORMAL``: with WAL a power loss can lose the last commits but never
  corrupts the file; a news store can re-ingest, and FULL would halve write speed;
* a 30 s busy timeout and ``BEGIN IMMEDIATE`` for every write: two processes ingesting at
  once queue for the write lock instead of failing (and no transaction has to upgrade from
  read to write, which in WAL fails at once instead of waiting);
* the input is read and normalized before the write lock is taken, so a slow reader (a
  feed, a large directory) never holds the lock that other writers are waiting for.

Search matches the normalized text (:func:`khabar.text.ar.normalize.normalize` on the way in
and on the query), so "مسئول" finds "مسؤول"; snippets are cut from the original text.  Each
word is also indexed without its proclitics (:func:`khabar.text.ar.clitics.bare_word`), so "حلب" finds "بحلب" and
"وحلب", "المعارضة" finds "معارضة"; articles with the words as written rank first.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from khabar.errors import OptionsError, StoreError
from khabar.model import Article
from khabar.store.migrations import APPLICATION_ID, SCHEMA_VERSION, pending
from khabar.text.ar.normalize import normalize, normalize_with_offsets
from khabar.text.ar.clitics import bare_text, bare_word, leading_forms, word_forms

#: How long a process waits for another one's write to finish before giving up.  Big ingest
#: batches (500 articles) commit in well under a second; 30 s leaves a wide margin.
BUSY_TIMEOUT_S = 30.0

#: Title matches weigh twice body matches in the ranking: a headline names the event.  A
#: word met with other proclitics (in the bare columns) weighs half a word as written;
#: articles where the whole query occurs as written come first anyway (see ``search``).
_TITLE_WEIGHT, _BODY_WEIGHT, _BARE_FACTOR = 2.0, 1.0, 0.5
_WEIGHTS = ", ".join(str(w) for w in (_TITLE_WEIGHT, _BODY_WEIGHT, _TITLE_WEIGHT * _BARE_FACTOR, _BODY_WEIGHT * _BARE_FACTOR))

#: Ids looked up per ``IN (...)`` query: below SQLite's oldest limit of 999 parameters.
_ID_CHUNK = 500

#: Characters of original text shown around the first match.
SNIPPET_CHARS = 200
_SNIPPET_BEFORE = 60

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


@dataclass(frozen=True, slots=True)
class SignatureRow:
    """A signed article as the story clusterer reads it: no body, the signature as bytes."""

    article_id: str
    published: dt.date | None
    title: str
    outlet: str | None
    signature: bytes


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A stored story: its title, first and last day, number of articles and of outlets."""

    id: str
    title: str
    first_day: dt.date | None
    last_day: dt.date | None
    size: int
    outlets: int = 0


@dataclass(frozen=True, slots=True)
class _Row:
    """An article ready to be written: its column values and its index columns."""

    values: tuple[object, ...]
    title_norm: str
    body_norm: str
    title_bare: str
    body_bare: str

    @property
    def id(self) -> str:
        return self.values[0]


def open_store(path: str | Path) -> Store:
    """Open the store at ``path``, creating it (and its directory) if needed.

    The store is told its path: where the default one lives (``$KHABAR_DB``, else the
    per-user data directory) is the caller's option (:func:`khabar.open_store` resolves
    it).  Raises :class:`StoreError` naming the path when the file cannot be opened, is not
    a khabar store, or was written by a newer khabar.
    """
    if path is None:
        raise StoreError("open_store needs the store's path (khabar.open_store() finds the default one)")
    return Store(Path(path).expanduser())


class Store:
    """Articles in one SQLite file, with full-text search.  Use as a context manager.

    One ``Store`` may be shared by threads (calls are serialized); processes each open
    their own and may write at the same time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = _connect(path)

    # --- lifecycle ----------------------------------------------------------------------

    def close(self) -> None:
        """Close the file; closing twice is harmless."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else "open"
        return f"<Store {str(self.path)!r} {state}>"

    @property
    def schema_version(self) -> int:
        with self._reading() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    # --- writing ------------------------------------------------------------------------

    def add(self, articles: Iterable[Article]) -> AddResult:
        """Store ``articles`` in one transaction; articles already stored are skipped.

        All or nothing: if reading the iterable or writing fails, nothing of this call is
        stored and the exception propagates (SQLite failures as :class:`StoreError`).
        """
        values = [_values(a) for a in articles]
        ids = tuple(v[0] for v in values)
        # Normalizing is most of the cost of a write: skip the articles already stored, and
        # do it before taking the write lock.  The insert checks again under the lock.
        with self._reading() as conn:
            stored = _stored_ids(conn, set(ids))
        rows = []
        for v in values:
            if v[0] not in stored:
                stored.add(v[0])  # a second copy in the same call is not written twice
                title, body = normalize(v[1]), normalize(v[2])
                rows.append(_Row(v, title, body, bare_text(title), bare_text(body)))
        added = 0
        if rows:
            with self._writing() as conn:
                added = _insert(conn, rows)
        return AddResult(added=added, existing=len(ids) - added, ids=ids)

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
        sql = f"SELECT {_COLUMNS} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY published IS NULL, published, id LIMIT ? OFFSET ?"
        with self._reading() as conn:
            rows = conn.execute(sql, (*params, limit, offset)).fetchall()
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

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Articles matching ``query``, best first.

        The query is words (all must occur), ``"a phrase"``, ``word*`` (prefix) and ``OR``
        between two of those.  Spelling variants match (see the normalization rules), and so
        do the words with other proclitics: "حلب" finds "بحلب", "بحلب" finds "حلب",
        "المعارضة" finds "والمعارضة".  Articles where every part of the query occurs as
        written (:attr:`SearchHit.exact`) come before the others, each kind by score.  Any
        input is accepted: characters that make no word are ignored, and a query with no
        word returns no hits.
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
        with self._reading() as conn:
            rows = conn.execute(sql, (parsed.exact_expression, parsed.match_expression, limit, offset)).fetchall()
        hits = []
        for row in rows:
            article = _article(row[:-2])
            hits.append(
                SearchHit(article=article, score=-row[-2], snippet=snippet(article.text, parsed), exact=bool(row[-1]))
            )
        return hits

    # --- stories (see khabar.relate.stories) ------------------------------------------------
    # The store keeps signatures as opaque bytes and the clusterer's state as one blob: what
    # they mean is the clusterer's business, where they live and how they are read is ours.

    def unsigned_articles(self, *, limit: int = 500, after: DateCursor | None = None) -> list[Article]:
        """Up to ``limit`` stored articles that have no signature row yet, by date (undated
        last) then id: the order the clusterer assigns them in.

        ``after`` is the ``(published, id)`` of the last article of the previous page: the
        scan then starts there, so paging through N articles costs O(N), not O(N) a page.
        """
        _check_page(limit, 0)
        columns = ", ".join("a." + c.strip() for c in _COLUMNS.split(","))
        missing = "NOT EXISTS (SELECT 1 FROM article_signatures AS s WHERE s.article_id = a.id)"
        with self._reading() as conn:
            rows = _keyset_page(conn, f"SELECT {columns} FROM articles AS a", [missing], [], after, limit)
        return [_article(r) for r in rows]

    def save_signatures(self, rows: Iterable[tuple[str, bytes | None, str | None]]) -> int:
        """Store ``(article_id, signature, problem)`` rows in one transaction; how many.

        Exactly one of ``signature`` and ``problem`` is given: an article that could not be
        signed keeps its reason and is not tried again.  A row for an article already signed
        replaces it.
        """
        rows = [(aid, None if sig is None else bytes(sig), problem) for aid, sig, problem in rows]
        for aid, sig, problem in rows:
            if (sig is None) == (problem is None):
                raise StoreError(f"article {aid}: give either a signature or the problem that prevented one")
        if rows:
            with self._writing() as conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO article_signatures (article_id, signature, problem) VALUES (?, ?, ?)", rows
                )
        return len(rows)

    def load_signatures(
        self,
        *,
        since: dt.date | None = None,
        unassigned: bool = False,
        limit: int | None = None,
        after: DateCursor | None = None,
    ) -> list[SignatureRow]:
        """Signed articles by date (undated last) then id, with what the clusterer needs.

        ``since`` (inclusive) leaves out older and undated articles; ``unassigned`` keeps
        only the articles that are in no story yet; ``after`` continues from the
        ``(published, id)`` of the previous page's last row (see :meth:`unsigned_articles`).
        Articles that could not be signed are never returned (see :meth:`signature_problems`).
        """
        where = ["s.signature IS NOT NULL"]
        params: list[object] = []
        if since is not None:
            where.append("a.published IS NOT NULL AND a.published >= ?")
            params.append(_iso_date(since, "since"))
        if unassigned:
            where.append("NOT EXISTS (SELECT 1 FROM story_articles AS x WHERE x.article_id = a.id)")
        if limit is not None:
            _check_page(limit, 0)
        select = (
            "SELECT a.id, a.published, a.title, a.outlet, s.signature "
            "FROM article_signatures AS s JOIN articles AS a ON a.id = s.article_id"
        )
        with self._reading() as conn:
            rows = _keyset_page(conn, select, where, params, after, limit)
        return [
            SignatureRow(aid, dt.date.fromisoformat(day) if day else None, title, outlet, sig)
            for aid, day, title, outlet, sig in rows
        ]

    def signature_problems(self) -> list[tuple[str, str]]:
        """``(article_id, problem)`` of every article that could not be signed."""
        with self._reading() as conn:
            return conn.execute(
                "SELECT article_id, problem FROM article_signatures WHERE problem IS NOT NULL ORDER BY article_id"
            ).fetchall()

    def assign(self, article_id: str, story_id: str) -> None:
        """Put one article in a story (the story row is written by :meth:`commit_stories`)."""
        with self._writing() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?, ?)", (article_id, story_id)
            )

    def commit_stories(
        self,
        *,
        assignments: Iterable[tuple[str, str]],
        stories: Iterable[StoryRow],
        state: bytes | None = None,
    ) -> None:
        """One clustering batch, atomically: ``(article_id, story_id)`` assignments, the new
        or changed story rows, and the clusterer's state after the batch (when given)."""
        assignments = list(assignments)
        story_rows = [
            (s.id, s.title, _day_or_none(s.first_day), _day_or_none(s.last_day), s.size) for s in stories
        ]
        with self._writing() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?, ?)", assignments
            )
            conn.executemany(
                "INSERT OR REPLACE INTO stories (id, title, first_day, last_day, size) VALUES (?, ?, ?, ?, ?)",
                story_rows,
            )
            if state is not None:
                conn.execute(
                    "INSERT OR REPLACE INTO story_state (key, value) VALUES ('index', ?)", (bytes(state),)
                )

    def load_story_index_state(self) -> bytes | None:
        """The clusterer's state as last committed, or ``None`` before the first run."""
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM story_state WHERE key = 'index'").fetchone()
        return bytes(row[0]) if row else None

    def save_story_index_state(self, state: bytes) -> None:
        with self._writing() as conn:
            conn.execute("INSERT OR REPLACE INTO story_state (key, value) VALUES ('index', ?)", (bytes(state),))

    def reset_stories(self, *, signatures: bool = False) -> None:
        """Forget every story, assignment and the clusterer's state (and the signatures too
        when asked, e.g. after the signature options changed).  Articles stay."""
        with self._writing() as conn:
            conn.execute("DELETE FROM story_articles")
            conn.execute("DELETE FROM stories")
            conn.execute("DELETE FROM story_state")
            if signatures:
                conn.execute("DELETE FROM article_signatures")

    def stories(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        min_size: int = 1,
        min_outlets: int = 1,
    ) -> list[StoryRow]:
        """Stories, newest last day first (undated last), then largest, then id.

        ``min_outlets`` keeps the stories told by at least that many distinct outlets.
        """
        _check_page(limit, offset)
        sql = f"""
            SELECT id, title, first_day, last_day, size, outlets FROM (
                SELECT s.*, ({_OUTLETS_OF_STORY}) AS outlets FROM stories AS s WHERE s.size >= ?
            ) WHERE outlets >= ?
            ORDER BY last_day IS NULL, last_day DESC, size DESC, id LIMIT ? OFFSET ?
        """
        with self._reading() as conn:
            rows = conn.execute(sql, (min_size, min_outlets, limit, offset)).fetchall()
        return [_story_row(r) for r in rows]

    def count_stories(self, *, min_size: int = 1, min_outlets: int = 1) -> int:
        sql = f"SELECT count(*) FROM stories AS s WHERE s.size >= ? AND ({_OUTLETS_OF_STORY}) >= ?"
        with self._reading() as conn:
            return conn.execute(sql, (min_size, min_outlets)).fetchone()[0]

    def story(self, story_id: str) -> StoryRow | None:
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT s.id, s.title, s.first_day, s.last_day, s.size, ({_OUTLETS_OF_STORY}) FROM stories AS s "
                "WHERE s.id = ?",
                (story_id,),
            ).fetchone()
        return _story_row(row) if row else None

    def story_articles(self, story_id: str) -> list[Article]:
        """The articles of a story, by date (undated last) then id."""
        sql = f"""
            SELECT {", ".join("a." + c.strip() for c in _COLUMNS.split(","))}
            FROM story_articles AS x JOIN articles AS a ON a.id = x.article_id
            WHERE x.story_id = ? ORDER BY a.published IS NULL, a.published, a.id
        """
        with self._reading() as conn:
            return [_article(r) for r in conn.execute(sql, (story_id,)).fetchall()]

    def story_of(self, article_id: str) -> str | None:
        with self._reading() as conn:
            row = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def assignments(self) -> dict[str, str]:
        """Every ``article_id -> story_id``."""
        with self._reading() as conn:
            return dict(conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())

    # --- plumbing -----------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._open_conn()
            try:
                yield conn
            except sqlite3.Error as e:
                raise StoreError(f"{self.path}: cannot read the store: {e}") from e

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        with self._lock:
            conn = self._open_conn()
            try:
                _begin_immediate(conn, self.path)
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as e:
                raise StoreError(f"{self.path}: cannot write to the store: {e}") from e

    def _open_conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._conn


# --- opening and migrating ---------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; give a file path for the store, e.g. {path / 'khabar.sqlite3'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{path}: cannot create the store's directory {path.parent}: {e.strerror or e}") from e
    # SQLite would open a read-only file read-only and fail only at the first write; say it now.
    # The directory must be writable too: WAL keeps two files beside the store.
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"{path}: the store file is not writable (permission denied)")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(f"{path}: the directory {path.parent} is not writable (permission denied)")
    # Setting WAL on a new file while another process does the same can fail with "database
    # is locked" without SQLite's busy handler being asked to wait; so the whole opening is
    # retried, with a little jitter, until the busy timeout has passed.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return _connect_once(path)
        except sqlite3.OperationalError as e:
            if not _is_busy(e) or time.monotonic() > deadline:
                raise StoreError(f"{path}: cannot open the store: {e}") from e
            time.sleep(random.uniform(0.005, 0.05))


def _connect_once(path: Path) -> sqlite3.Connection:
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (BEGIN IMMEDIATE for writes).
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except sqlite3.OperationalError:
        raise
    except sqlite3.Error as e:
        raise StoreError(f"{path}: cannot open the store: {e}") from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.create_function("khabar_normalize", 1, _sql_normalize, deterministic=True)
        conn.create_function("khabar_bare", 1, _sql_bare, deterministic=True)
        version = _check_is_khabar_store(conn, path)  # reads only: a foreign file stays untouched
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"{path}: cannot use write-ahead logging (journal mode stays {mode!r})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            _migrate(conn, path)
    except sqlite3.OperationalError:
        conn.close()
        raise
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(f"{path}: cannot open the store: {e}") from e
    except BaseException:
        conn.close()
        raise
    return conn


def _is_busy(error: sqlite3.OperationalError) -> bool:
    message = str(error)
    return "locked" in message or "busy" in message


def _check_is_khabar_store(conn: sqlite3.Connection, path: Path) -> int:
    """The store's schema version; refuse other SQLite files, non-SQLite files, newer stores."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e) or "malformed" in str(e):
            raise StoreError(f"{path}: not a khabar store (not an SQLite database); the file was left untouched") from e
        raise
    if app_id != APPLICATION_ID and (tables or version or app_id):
        raise StoreError(
            f"{path}: not a khabar store (an SQLite database of another program); the file was left untouched"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer khabar (store schema version {version}, this khabar reads up to "
            f"{SCHEMA_VERSION}); upgrade khabar to open it"
        )
    return version


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply every pending step in one transaction (another process may have just done it)."""
    _begin_immediate(conn, path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:  # a newer khabar got there between our check and the lock
            raise StoreError(f"{path}: written by a newer khabar (store schema version {version}); upgrade khabar")
        for migration in pending(version):
            for statement in migration.statements:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _begin_immediate(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        if _is_busy(e):
            raise StoreError(
                f"{path}: another process kept the store locked for more than {BUSY_TIMEOUT_S:.0f} s; try again"
            ) from e
        raise


def _sql_normalize(text: str | None) -> str | None:
    return None if text is None else normalize(text)


def _sql_bare(text: str | None) -> str | None:
    return None if text is None else bare_text(text)


# --- rows ----------------------------------------------------------------------------------


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


def _insert(conn: sqlite3.Connection, rows: list[_Row]) -> int:
    """Write the rows not stored yet; how many were written.

    Runs under the write lock, so no one can add the same article between check and insert.
    """
    stored = _stored_ids(conn, {r.id for r in rows})
    new = [r for r in rows if r.id not in stored]
    if new:
        first = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0]
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        conn.executemany(
            f"INSERT INTO articles (seq, {_COLUMNS}, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((first + i, *row.values, now) for i, row in enumerate(new)),
        )
        conn.executemany(
            "INSERT INTO articles_fts (rowid, title, body, title_bare, body_bare) VALUES (?, ?, ?, ?, ?)",
            ((first + i, row.title_norm, row.body_norm, row.title_bare, row.body_bare) for i, row in enumerate(new)),
        )
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


#: Number of distinct outlets of story ``s`` (a correlated subquery over the assignments).
_OUTLETS_OF_STORY = (
    "SELECT count(DISTINCT a.outlet) FROM story_articles AS x JOIN articles AS a ON a.id = x.article_id "
    "WHERE x.story_id = s.id"
)


def _day_or_none(value: dt.date | None) -> str | None:
    return None if value is None else _iso_date(value, "story day")


def _story_row(row: tuple) -> StoryRow:
    sid, title, first, last, size, outlets = row
    return StoryRow(
        id=sid,
        title=title,
        first_day=dt.date.fromisoformat(first) if first else None,
        last_day=dt.date.fromisoformat(last) if last else None,
        size=size,
        outlets=outlets,
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


# --- queries ---------------------------------------------------------------------------------

#: A word of the index: what unicode61 keeps as a token (letters and digits; "_" separates).
_WORD = re.compile(r"[^\W_]+")
#: A query item: a quoted phrase (the closing quote may be missing) or a bare word.
_ITEM = re.compile(r'"([^"]*)"?|([^\s"]+)')

#: FTS5 column filter of the words as written (normalized), as opposed to the bare columns.
_AS_WRITTEN = "{title body}"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase of a query, normalized; ``prefix`` for ``word*``."""

    text: str
    prefix: bool = False

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.text.split())

    def fts(self) -> str:
        """The term as an FTS5 string: the words as written (normalized)."""
        # Always a quoted FTS5 string: nothing the user typed is read as FTS5 syntax.
        quoted = _quote(self.text)
        return quoted + " *" if self.prefix else quoted

    def fts_any_clitics(self) -> str:
        """The term matching its words with any proclitics, as an FTS5 expression.

        A word (or prefix): any of its :func:`word_forms`, in any column: as written in
        title or body, or as the bare form of a word with proclitics.  A phrase: word for
        word as written, its first word in any of its :func:`leading_forms`.
        """
        words = self.words
        if len(words) == 1:
            star = " *" if self.prefix else ""
            return "(" + " OR ".join(_quote(f) + star for f in word_forms(self.text)) + ")"
        rest = " ".join(words[1:])
        phrases = " OR ".join(_quote(f"{first} {rest}") for first in leading_forms(words[0]))
        return f"{_AS_WRITTEN} : ({phrases})"


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query as groups of alternatives: every group must match, any term of a group may."""

    groups: tuple[tuple[Term, ...], ...]

    @property
    def expression(self) -> str:
        """The terms as an FTS5 expression (as written, without a column filter)."""
        return " AND ".join("(" + " OR ".join(t.fts() for t in group) + ")" for group in self.groups)

    @property
    def exact_expression(self) -> str:
        """The FTS5 MATCH expression for articles holding every group as written."""
        return f"{_AS_WRITTEN} : ({self.expression})"

    @property
    def match_expression(self) -> str:
        """The FTS5 MATCH expression for every hit: words with any proclitics."""
        return " AND ".join("(" + " OR ".join(t.fts_any_clitics() for t in group) + ")" for group in self.groups)

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for group in self.groups for t in group)


def parse_query(query: str) -> ParsedQuery | None:
    """Read a user's query; ``None`` when it holds no word to look for.

    The query is normalized first (so « » and “ ” quote a phrase too); ``OR`` must be
    written in capitals, as in most search boxes, so that the word "or" is still a word.
    """
    norm = normalize_with_offsets(query)
    groups: list[list[Term]] = []
    join_next = False
    for m in _ITEM.finditer(norm.text):
        phrase, bare = m.group(1), m.group(2)
        if bare is not None:
            start, end = norm.original_span(m.start(2), m.end(2))
            if query[start:end] == "OR":
                join_next = bool(groups)
                continue
            prefix = bare.endswith("*")
            text = bare.rstrip("*")
        else:
            prefix, text = False, phrase
        words = _WORD.findall(text)
        if not words:  # punctuation, operators, a lone quote: nothing to match
            continue
        # Keep only the words: a bare term like "(حلب" or "حلب:" means the word حلب.
        term = Term(text=" ".join(words), prefix=prefix and bare is not None)
        if join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        return None
    return ParsedQuery(groups=tuple(tuple(g) for g in groups))


def snippet(text: str, query: ParsedQuery, *, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` as written, around the first match of ``query``.

    The match is found in the normalized text and mapped back through the offset map, so a
    query "مسئول" shows the passage where the article wrote "مسؤول".  A match as written
    is preferred; failing one, the first word (or run of words) that matched with other
    proclitics, so "حلب" shows the passage with "بحلب".
    """
    norm = normalize_with_offsets(text)
    span = _first_exact(norm.text, query) or _first_bare(norm.text, query)
    start, end = norm.original_span(*span) if span else (0, 0)
    lo = max(0, start - _SNIPPET_BEFORE)
    hi = min(len(text), max(end, lo + width))
    if lo > 0:  # begin and end on whole words
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    piece = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + piece + ("…" if hi < len(text) else "")


def _first_exact(norm: str, query: ParsedQuery) -> tuple[int, int] | None:
    """Span in ``norm`` of the first term as written."""
    alternatives = []
    for term in query.terms:
        words = r"\W+".join(re.escape(w) for w in term.words)
        alternatives.append(r"(?<![^\W_])" + words + ("" if term.prefix else r"(?![^\W_])"))
    found = re.search("|".join(alternatives), norm) if alternatives else None
    return found.span() if found else None


def _first_bare(norm: str, query: ParsedQuery) -> tuple[int, int] | None:
    """Span in ``norm`` of the first term matched with other proclitics, as the index does."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]
    best: tuple[int, int] | None = None
    for term in query.terms:
        words = term.words
        if len(words) == 1:
            forms = word_forms(term.text)
            if term.prefix:
                hit = next(((s, e) for s, e, w in tokens if w.startswith(forms) or bare_word(w).startswith(forms)), None)
            else:
                hit = next(((s, e) for s, e, w in tokens if w in forms or bare_word(w) in forms), None)
        else:
            first, rest, n = leading_forms(words[0]), list(words[1:]), len(words)
            hit = next(
                (
                    (tokens[i][0], tokens[i + n - 1][1])
                    for i in range(len(tokens) - n + 1)
                    if tokens[i][2] in first and [w for _, _, w in tokens[i + 1 : i + n]] == rest
                ),
                None,
            )
        if hit is not None and (best is None or hit[0] < best[0]):
            best = hit
    return best
