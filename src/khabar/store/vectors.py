"""The sentence encoder's vectors of the stored articles' sentences, kept so that a check
reads them instead of encoding (:mod:`khabar.check`); :mod:`khabar.scale.vectors` makes
them.  The store keeps opaque bytes under 64-bit digests and knows no encoder: a digest
names the encoder and the text (:func:`khabar.relate.embeddings.vector_digest`), and each
encoded article records the encoder's version."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from khabar.article import Article
from khabar.store.articles import _ID_CHUNK, DateCursor, _articles_page
from khabar.store.connection import Connection


class VectorStore(Connection):
    """The sentence vectors part of :class:`~khabar.store.Store`."""

    def load_sentence_vectors(self, digests: Sequence[int]) -> dict[int, bytes]:
        """The kept vectors of ``digests``, by digest (digests without one are left out)."""
        todo = list(dict.fromkeys(digests))
        found: dict[int, bytes] = {}
        if not todo:
            return found
        with self._reading() as conn:
            for i in range(0, len(todo), _ID_CHUNK):
                chunk = todo[i : i + _ID_CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(conn.execute(f"SELECT digest, vector FROM sentence_vectors WHERE digest IN ({marks})", chunk))
        return found

    def unencoded_articles(self, *, encoder: str, limit: int = 200, after: DateCursor | None = None) -> list[Article]:
        """Up to ``limit`` stored articles whose sentences ``encoder`` has not encoded, by
        date (undated last) then id; ``after`` as :meth:`~khabar.store.Store.unanalyzed_articles`."""
        missing = "NOT EXISTS (SELECT 1 FROM encoded_articles AS e WHERE e.article_id = a.id AND e.encoder = ?)"
        with self._reading() as conn:
            return _articles_page(conn, missing, [encoder], after, limit)

    def save_sentence_vectors(
        self, article_ids: Iterable[str], vectors: Iterable[tuple[int, bytes]], *, encoder: str
    ) -> int:
        """Keep ``vectors`` (``(digest, bytes)``; a digest already kept is left as it is)
        and mark ``article_ids`` as encoded by ``encoder``, in one transaction, so an
        article is marked only with its vectors.  The vectors and marks of another encoder
        are dropped first (a check reads one encoder's).  Ids not stored are passed over;
        how many articles were marked."""
        ids, rows = list(article_ids), list(vectors)
        with self._writing() as conn:
            if conn.execute("SELECT 1 FROM encoded_articles WHERE encoder != ? LIMIT 1", (encoder,)).fetchone():
                conn.execute("DELETE FROM encoded_articles")
                conn.execute("DELETE FROM sentence_vectors")
            conn.executemany("INSERT OR IGNORE INTO sentence_vectors (digest, vector) VALUES (?, ?)", rows)
            before = conn.total_changes
            conn.executemany(
                "INSERT OR REPLACE INTO encoded_articles (article_id, encoder) "
                "SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
                ((article_id, encoder) for article_id in ids),
            )
            return conn.total_changes - before
