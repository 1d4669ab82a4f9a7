"""The article store: one SQLite file; :mod:`khabar.store` is the only package of khabar
that knows SQL.

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

from pathlib import Path

from khabar.errors import StoreError
from khabar.store.analyses import AnalysisStore
from khabar.store.articles import AddResult, ArticleStore, SearchHit
from khabar.store.stories import Coverage, SignatureRow, StorylineRow, StoryRow, StoryStore
from khabar.store.vectors import VectorStore

__all__ = ["AddResult", "Coverage", "SearchHit", "SignatureRow", "Store", "StorylineRow", "StoryRow", "open_store"]


def open_store(path: str | Path, *, create_folder: bool = False, create_when_used: bool = False) -> Store:
    """Open the store at ``path``, creating the file if needed (and its folder with
    ``create_folder``; without it, a folder that does not exist is a :class:`StoreError`);
    with ``create_when_used``, a new file is made by the store's first read or write (see
    :class:`~khabar.store.connection.Connection`).

    The store is told its path: where the default one lives (``$KHABAR_DB``, else the
    per-user data directory) is the caller's option (:func:`khabar.open_store` resolves
    it).  Raises :class:`StoreError` naming the path when the file cannot be opened, is not
    a khabar store, or was written by a newer khabar (a new file made when used: at that use).
    """
    if path is None:
        raise StoreError("open_store needs the store's path (khabar.open_store() finds the default one)")
    return Store(Path(path).expanduser(), create_folder=create_folder, create_when_used=create_when_used)


class Store(ArticleStore, StoryStore, AnalysisStore, VectorStore):
    """Articles in one SQLite file, with full-text search.  Use as a context manager.

    One ``Store`` may be shared by threads (each reads on its own connection, writes take
    turns); processes each open their own and may write at the same time.  Its parts: the file and its transactions (:class:`~khabar.store.connection.Connection`),
    the articles and search (:class:`~khabar.store.articles.ArticleStore`), the stories
    (:class:`~khabar.store.stories.StoryStore`), each article's kept analysis
    (:class:`~khabar.store.analyses.AnalysisStore`), the sentence encoder's vectors of their
    sentences (:class:`~khabar.store.vectors.VectorStore`).
    """
