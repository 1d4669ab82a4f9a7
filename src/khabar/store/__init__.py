"""Where articles are kept: an embedded SQLite file with full-text search.

    from khabar.store import open_store

    with open_store("news.sqlite3") as store:
        store.add(articles)
        for hit in store.search("الأمم المتحدة"):
            print(hit.article.title, hit.snippet)
"""

from khabar.store.migrations import SCHEMA_VERSION
from khabar.store.sqlite import AddResult, Coverage, SearchHit, SignatureRow, Store, StorylineRow, StoryRow, open_store

__all__ = [
    "SCHEMA_VERSION", "AddResult", "Coverage", "SearchHit", "SignatureRow", "Store", "StorylineRow", "StoryRow", "open_store",
]
