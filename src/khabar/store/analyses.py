"""Each stored article's per-article analysis, kept as opaque bytes with the version of the
code that made them (:mod:`khabar.pipeline` makes and reads the bytes; the store only keeps
them).  A brief of stored articles reads these instead of analysing the articles again."""

from __future__ import annotations

from collections.abc import Iterable

from khabar.article import Article
from khabar.store.articles import _ID_CHUNK, DateCursor, _articles_page
from khabar.store.connection import Connection


class AnalysisStore(Connection):
    """The analyses part of :class:`~khabar.store.Store`."""

    def load_analyses(self, ids: Iterable[str], *, version: str) -> dict[str, bytes]:
        """The kept analyses of ``ids`` made by ``version``, by article id (ids without one,
        or with one of another version, are left out)."""
        todo = list(dict.fromkeys(ids))
        found: dict[str, bytes] = {}
        with self._reading() as conn:
            for i in range(0, len(todo), _ID_CHUNK):
                chunk = todo[i : i + _ID_CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(
                    conn.execute(
                        f"SELECT article_id, document FROM article_analyses WHERE version = ? AND article_id IN ({marks})",
                        (version, *chunk),
                    )
                )
        return found

    def unanalyzed_articles(self, *, version: str, limit: int = 200, after: DateCursor | None = None) -> list[Article]:
        """Up to ``limit`` stored articles without an analysis made by ``version``, by date
        (undated last) then id; ``after``: the ``(published, id)`` of the last article of
        the previous page, where the scan starts."""
        missing = "NOT EXISTS (SELECT 1 FROM article_analyses AS k WHERE k.article_id = a.id AND k.version = ?)"
        with self._reading() as conn:
            return _articles_page(conn, missing, [version], after, limit)

    def save_analyses(self, rows: Iterable[tuple[str, bytes]], *, version: str) -> int:
        """Keep each ``(article id, bytes)`` as the analysis of that stored article made by
        ``version``, replacing what it had; ids not stored are passed over (an analysis
        belongs to a stored article).  One transaction; how many were kept."""
        rows = list(rows)
        if not rows:
            return 0
        with self._writing() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR REPLACE INTO article_analyses (article_id, version, document) "
                "SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
                ((article_id, version, blob) for article_id, blob in rows),
            )
            return conn.total_changes - before
