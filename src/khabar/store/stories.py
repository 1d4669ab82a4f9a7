"""Stories in the store: signatures, assignments, stories and the clusterer's state.

The store keeps signatures as opaque bytes and the clusterer's state as one blob: what
they mean is the clusterer's business (:mod:`khabar.relate.stories`,
:mod:`khabar.scale.cluster`), where they live and how they are read is the store's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from khabar.errors import StoreError
from khabar.model import Article
from khabar.store.articles import _COLUMNS, DateCursor, _article, _check_page, _iso_date, _keyset_page
from khabar.store.connection import Connection

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



class StoryStore(Connection):
    """The stories part of :class:`~khabar.store.Store`."""

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

