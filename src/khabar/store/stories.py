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
from khabar.article import Article
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
    #: The storyline the event belongs to (every stored event belongs to one).
    storyline: str = ""


@dataclass(frozen=True, slots=True)
class StorylineRow:
    """A stored storyline: a chain of events about one situation.  ``size`` counts its
    articles over all its events; ``outlets`` the distinct outlets of those articles (an
    article without an outlet counts by the file it was read from, or as one unknown)."""

    id: str
    title: str
    first_day: dt.date | None
    last_day: dt.date | None
    size: int
    events: int
    outlets: int = 0


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many articles of a storyline (or event) one outlet gave; ``outlet`` is None for
    articles without one, then ``source`` is where they were read from (when known)."""

    outlet: str | None
    source: str | None
    articles: int


#: How storylines and events can be listed: newest last day first, or largest first.
SORTS = ("recent", "size")


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
        or changed event rows, and the clusterer's state after the batch (when given).

        Each event names its storyline (one without, from a grouping by words alone, is a
        storyline of its own: ``"l" + its id without the "s"``); the storylines the batch
        touched are rewritten from their events' rows in the same transaction."""
        assignments = list(assignments)
        story_rows = [
            (s.id, s.title, _day_or_none(s.first_day), _day_or_none(s.last_day), s.size, s.storyline or own_storyline(s.id))
            for s in stories
        ]
        with self._writing() as conn:
            touched = {row[5] for row in story_rows}
            for row in story_rows:
                old = conn.execute("SELECT storyline FROM stories WHERE id = ?", (row[0],)).fetchone()
                if old is not None:
                    touched.add(old[0])
            conn.executemany(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?, ?)", assignments
            )
            conn.executemany(
                "INSERT OR REPLACE INTO stories (id, title, first_day, last_day, size, storyline) VALUES (?, ?, ?, ?, ?, ?)",
                story_rows,
            )
            for line in sorted(touched):
                conn.execute("DELETE FROM storylines WHERE id = ?", (line,))
                conn.execute(_STORYLINE_FROM_EVENTS, (line,))
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
            conn.execute("DELETE FROM storylines")
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
        sort: str = "recent",
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        storyline: str | None = None,
    ) -> list[StoryRow]:
        """Events (the ``stories`` rows): newest last day first (undated last), then
        largest, then id; ``sort="size"``: largest first, then newest.

        ``min_outlets`` keeps the events told by at least that many distinct outlets;
        ``outlet`` those with an article of that outlet; ``since`` / ``until`` (inclusive)
        those whose days meet that span (undated ones are then left out); ``storyline``
        the events of one storyline.
        """
        where, params = _filters("e", _EVENT_ARTICLES, min_size, min_outlets, outlet, since, until)
        if storyline is not None:
            where.append("e.storyline = ?")
            params.append(storyline)
        return [_story_row(r) for r in self._listed(_EVENTS, where, params, _order(sort, "e"), limit, offset)]

    def count_stories(
        self,
        *,
        min_size: int = 1,
        min_outlets: int = 1,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> int:
        """How many events :meth:`stories` lists with these filters, over every page."""
        return self._counted("stories AS e", *_filters("e", _EVENT_ARTICLES, min_size, min_outlets, outlet, since, until))

    def story(self, story_id: str) -> StoryRow | None:
        """One event, or None."""
        rows = self._listed(_EVENTS, ["e.id = ?"], [story_id], "e.id", 1, 0)
        return _story_row(rows[0]) if rows else None

    def storylines(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        min_size: int = 1,
        min_outlets: int = 1,
        sort: str = "recent",
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[StorylineRow]:
        """Storylines, with the same order and filters as :meth:`stories` (``min_size``
        counts articles over all their events)."""
        where, params = _filters("l", _STORYLINE_ARTICLES, min_size, min_outlets, outlet, since, until)
        return [_storyline_row(r) for r in self._listed(_STORYLINES, where, params, _order(sort, "l"), limit, offset)]

    def count_storylines(
        self,
        *,
        min_size: int = 1,
        min_outlets: int = 1,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> int:
        """How many storylines :meth:`storylines` lists with these filters, over every page."""
        return self._counted("storylines AS l", *_filters("l", _STORYLINE_ARTICLES, min_size, min_outlets, outlet, since, until))

    def storyline(self, storyline_id: str) -> StorylineRow | None:
        """One storyline, or None."""
        rows = self._listed(_STORYLINES, ["l.id = ?"], [storyline_id], "l.id", 1, 0)
        return _storyline_row(rows[0]) if rows else None

    def storyline_events(self, storyline_id: str) -> list[StoryRow]:
        """The events of a storyline in time order (first day, undated last, then id)."""
        order = "e.first_day IS NULL, e.first_day, e.last_day, e.id"
        return [_story_row(r) for r in self._listed(_EVENTS, ["e.storyline = ?"], [storyline_id], order, -1, 0)]

    def storyline_articles(self, storyline_id: str) -> list[Article]:
        """The articles of every event of a storyline, by date (undated last) then id."""
        sql = f"""
            SELECT {", ".join("a." + c.strip() for c in _COLUMNS.split(","))}
            FROM stories AS e JOIN story_articles AS x ON x.story_id = e.id JOIN articles AS a ON a.id = x.article_id
            WHERE e.storyline = ? ORDER BY a.published IS NULL, a.published, a.id
        """
        with self._reading() as conn:
            return [_article(r) for r in conn.execute(sql, (storyline_id,)).fetchall()]

    def coverage(self, ids: Iterable[str], *, of: str = "storyline") -> dict[str, list[Coverage]]:
        """Articles per outlet of each storyline (``of="storyline"``) or event (``"event"``)
        in ``ids``, most articles first, then by outlet; articles without an outlet are
        counted per file they were read from."""
        ids = list(dict.fromkeys(ids))
        if of not in ("storyline", "event"):
            raise StoreError(f"coverage of {of!r}: give 'storyline' or 'event'")
        key = "e.storyline" if of == "storyline" else "e.id"
        out: dict[str, list[Coverage]] = {i: [] for i in ids}
        with self._reading() as conn:
            for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
                marks = ", ".join("?" * len(chunk))
                rows = conn.execute(
                    f"""
                    SELECT {key}, a.outlet, CASE WHEN a.outlet IS NULL THEN a.source END, count(*)
                    FROM stories AS e JOIN story_articles AS x ON x.story_id = e.id
                    JOIN articles AS a ON a.id = x.article_id
                    WHERE {key} IN ({marks}) GROUP BY 1, 2, 3
                    """,
                    chunk,
                ).fetchall()
                for gid, outlet, source, n in rows:
                    out[gid].append(Coverage(outlet, source, n))
        for gid, items in out.items():
            items.sort(key=lambda c: (-c.articles, c.outlet is None, c.outlet or "", c.source or ""))
        return out

    def storyline_of(self, story_id: str) -> str | None:
        """The storyline of an event, or None for an unknown event."""
        with self._reading() as conn:
            row = conn.execute("SELECT storyline FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row[0] if row else None

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

    def _listed(self, select: str, where: list[str], params: list[object], order: str, limit: int, offset: int) -> list[tuple]:
        """Rows of ``select`` (an event or storyline listing) meeting ``where``; ``limit``
        -1 for all of them."""
        if limit != -1:
            _check_page(limit, offset)
        sql = f"{select} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ? OFFSET ?"
        with self._reading() as conn:
            return conn.execute(sql, (*params, limit, offset)).fetchall()

    def _counted(self, table: str, where: list[str], params: list[object]) -> int:
        with self._reading() as conn:
            return conn.execute(f"SELECT count(*) FROM {table} WHERE {' AND '.join(where)}", params).fetchone()[0]


def own_storyline(story_id: str) -> str:
    """The storyline an event stands in alone: named as the clusterer names the storyline an
    event starts ("l" + its first article's id, where the event is "s" + that id)."""
    return "l" + (story_id[1:] if story_id.startswith("s") else story_id)


#: The articles of event ``e`` / of the events of storyline ``l`` (FROM ... WHERE ...).
_EVENT_ARTICLES = "story_articles AS x JOIN articles AS a ON a.id = x.article_id WHERE x.story_id = e.id"
_STORYLINE_ARTICLES = (
    "stories AS le JOIN story_articles AS x ON x.story_id = le.id JOIN articles AS a ON a.id = x.article_id "
    "WHERE le.storyline = l.id"
)


#: Ids of the events (``e``) / storylines (``l``) with an article of outlet ``?``.
_GROUPS_OF_OUTLET = {
    "e": "SELECT x.story_id FROM articles AS a JOIN story_articles AS x ON x.article_id = a.id WHERE a.outlet = ?",
    "l": (
        "SELECT le.storyline FROM articles AS a JOIN story_articles AS x ON x.article_id = a.id "
        "JOIN stories AS le ON le.id = x.story_id WHERE a.outlet = ?"
    ),
}


def _count_outlets(articles: str) -> str:
    """Distinct outlets of a group's articles; one without an outlet counts by its file (or
    as one unknown outlet), so that a group with no outlet at all still counts one."""
    return f"SELECT count(DISTINCT COALESCE(a.outlet, a.source, '')) FROM {articles}"


#: What the event and storyline listings read (then WHERE ... ORDER BY ...).
_EVENTS = (
    f"SELECT e.id, e.title, e.first_day, e.last_day, e.size, ({_count_outlets(_EVENT_ARTICLES)}), e.storyline "
    "FROM stories AS e"
)
_STORYLINES = (
    f"SELECT l.id, l.title, l.first_day, l.last_day, l.size, l.events, ({_count_outlets(_STORYLINE_ARTICLES)}) "
    "FROM storylines AS l"
)


def _filters(
    alias: str,
    articles: str,
    min_size: int,
    min_outlets: int,
    outlet: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> tuple[list[str], list[object]]:
    """WHERE terms and their parameters shared by the event and storyline listings.

    Every group has at least one outlet by :func:`_count_outlets`, so ``min_outlets`` of 1
    costs nothing."""
    where, params = [f"{alias}.size >= ?"], [min_size]
    if min_outlets > 1:
        where.append(f"({_count_outlets(articles)}) >= ?")
        params.append(min_outlets)
    if outlet:
        # The groups with an article of the outlet, found once from the outlet's articles
        # (an index): a subquery per group let SQLite scan the outlet's articles for each
        # group (78 s for 5,600 storylines over 30,000 articles; now milliseconds).
        where.append(f"{alias}.id IN ({_GROUPS_OF_OUTLET[alias]})")
        params.append(outlet)
    if since is not None:
        where.append(f"{alias}.last_day IS NOT NULL AND {alias}.last_day >= ?")
        params.append(_iso_date(since, "since"))
    if until is not None:
        where.append(f"{alias}.first_day IS NOT NULL AND {alias}.first_day <= ?")
        params.append(_iso_date(until, "until"))
    return where, params


def _order(sort: str, alias: str) -> str:
    """ORDER BY of a listing, as the listing-order indexes hold it (schema v6).  A DESC
    order puts the undated (NULL last day) last."""
    if sort not in SORTS:
        raise StoreError(f"sort {sort!r}: give one of {', '.join(SORTS)}")
    if sort == "size":
        return f"{alias}.size DESC, {alias}.last_day DESC, {alias}.id"
    return f"{alias}.last_day DESC, {alias}.size DESC, {alias}.id"


#: A storyline's row from its events' rows: the earliest event's title, the span of their
#: days, their articles and their number.
_STORYLINE_FROM_EVENTS = """
    INSERT INTO storylines (id, title, first_day, last_day, size, events)
    SELECT e.storyline,
           (SELECT t.title FROM stories AS t WHERE t.storyline = e.storyline
            ORDER BY t.first_day IS NULL, t.first_day, t.id LIMIT 1),
           min(e.first_day), max(e.last_day), sum(e.size), count(*)
    FROM stories AS e WHERE e.storyline = ? GROUP BY e.storyline
"""


def _day_or_none(value: dt.date | None) -> str | None:
    return None if value is None else _iso_date(value, "story day")


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _story_row(row: tuple) -> StoryRow:
    sid, title, first, last, size, outlets, storyline = row
    return StoryRow(sid, title, _date_or_none(first), _date_or_none(last), size, outlets, storyline)


def _storyline_row(row: tuple) -> StorylineRow:
    lid, title, first, last, size, events, outlets = row
    return StorylineRow(lid, title, _date_or_none(first), _date_or_none(last), size, events, outlets)

