"""Schema versions: old stores are upgraded keeping their rows; newer ones are refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

import pytest

import khabar.store.connection as store_sqlite
from khabar.errors import StoreError
from khabar.model import Article
from khabar.store import SCHEMA_VERSION, open_store
from khabar.store.migrations import APPLICATION_ID, MIGRATIONS, Migration
from khabar.text.ar.normalize import normalize

# The version 1 schema exactly as it shipped.  Stores in the wild were made by it, so it is
# written out here rather than taken from MIGRATIONS: editing the shipped step fails below.
V1_SQL = """
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
);
CREATE INDEX articles_by_date ON articles (published, id);
CREATE INDEX articles_by_outlet ON articles (outlet, published, id);
"""

# The version 2 step exactly as it shipped: the full-text index over normalized title and body.
V2_SQL = (
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
)

OLD = Article.create(
    title="مسؤول أممي: الوضع في حلب كارثي",
    body="قال مسؤول في الأمم المتحدة إن آلاف المدنيين محاصرون في الأحياء الشرقية.",
    outlet="وكالة الشرق",
    url="https://example.org/1",
    published=dt.date(2016, 12, 13),
    source="a.txt",
)
UNDATED = Article.create(title="خبر قديم بلا تاريخ", body="نص قصير كتبته نسخة قديمة من خبر.")


def make_v1_store(path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL)
    for seq, a in enumerate([OLD, UNDATED], start=1):
        conn.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, a.id, a.title, a.body, a.outlet, a.url,
             a.published.isoformat() if a.published else None, a.language, a.source, "2017-01-01T00:00:00+00:00"),
        )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


# Written by hand with proclitics on every name, for the searches across them after upgrading.
CLITICS = Article.create(
    title="قصف عنيف بحلب",
    body="وقالت مصادر للمعارضة إن الغارات استهدفت أحياء وبلدات في ريف حلب الشرقي.",
    outlet="وكالة الشرق",
    published=dt.date(2016, 12, 14),
)


def make_v2_store(path) -> None:
    """A store as version 2 of khabar left it: three articles, indexed without bare columns."""
    conn = sqlite3.connect(path)
    conn.create_function("khabar_normalize", 1, normalize)
    conn.executescript(V1_SQL)
    for seq, a in enumerate([OLD, UNDATED, CLITICS], start=1):
        conn.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, a.id, a.title, a.body, a.outlet, a.url,
             a.published.isoformat() if a.published else None, a.language, a.source, "2017-01-01T00:00:00+00:00"),
        )
    for statement in V2_SQL:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def fts_columns(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[1] for row in conn.execute("PRAGMA table_info(articles_fts)")]
    finally:
        conn.close()


def schema_of(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").fetchall()
    return [(name, " ".join(sql.split())) for name, sql in rows]


def test_the_first_step_is_the_shipped_v1_schema():
    shipped, current = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    shipped.executescript(V1_SQL)
    for statement in MIGRATIONS[0].statements:
        current.execute(statement)
    assert schema_of(current) == schema_of(shipped)


def test_the_second_step_is_the_shipped_v2_search_index():
    shipped, current = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    for conn in (shipped, current):
        conn.create_function("khabar_normalize", 1, normalize)
        conn.executescript(V1_SQL)
    for statement in V2_SQL:
        shipped.execute(statement)
    for statement in MIGRATIONS[1].statements:
        current.execute(statement)
    assert schema_of(current) == schema_of(shipped)
    assert [" ".join(s.split()) for s in MIGRATIONS[1].statements] == [" ".join(s.split()) for s in V2_SQL]


def test_a_v1_store_is_upgraded_keeping_its_rows(tmp_path):
    path = tmp_path / "v1.sqlite3"
    make_v1_store(path)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.count() == 2
        assert store.get(OLD.id) == OLD and store.get(UNDATED.id) == UNDATED


def test_an_upgraded_v1_store_is_searchable_across_spellings(tmp_path):
    path = tmp_path / "v1.sqlite3"
    make_v1_store(path)
    with open_store(path) as store:
        assert [h.article.id for h in store.search("مسئول الامم")] == [OLD.id]


def test_an_upgraded_store_takes_new_articles_after_the_old_ones(tmp_path):
    path = tmp_path / "v1.sqlite3"
    make_v1_store(path)
    new = Article.create(title="خبر جديد عن حلب", body="نص جديد بعد الترقية.")
    with open_store(path) as store:
        assert store.add([OLD, new]).added == 1
        assert list(store.ids()) == [OLD.id, UNDATED.id, new.id]


def test_a_store_from_a_newer_khabar_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    make_v1_store(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="newer khabar") as info:
        open_store(path)
    assert str(path) in str(info.value) and "upgrade khabar" in str(info.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_failing_step_leaves_the_store_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "v1.sqlite3"
    make_v1_store(path)
    broken = Migration(version=SCHEMA_VERSION + 1, note="broken", statements=("CREATE TABLE oops (",))
    steps = (*MIGRATIONS, broken)
    monkeypatch.setattr(store_sqlite, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(store_sqlite, "pending", lambda v: steps[v:])
    with pytest.raises(StoreError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'articles_fts%'")] == []
    conn.close()


def test_a_later_table_is_one_more_step(tmp_path, monkeypatch):
    path = tmp_path / "s.sqlite3"
    with open_store(path) as store:
        store.add([OLD])
    later = Migration(
        version=SCHEMA_VERSION + 1,
        note="later things",
        statements=("CREATE TABLE later_things (id TEXT PRIMARY KEY, article_seq INTEGER REFERENCES articles (seq))",),
    )
    steps = (*MIGRATIONS, later)
    monkeypatch.setattr(store_sqlite, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(store_sqlite, "pending", lambda v: steps[v:])
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION + 1 and store.get(OLD.id) == OLD
        assert store._conn.execute("SELECT count(*) FROM later_things").fetchone()[0] == 0


def test_a_new_store_is_marked_as_khabars(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_a_v2_store_is_upgraded_in_place_keeping_its_rows(tmp_path):
    path = tmp_path / "v2.sqlite3"
    make_v2_store(path)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.count() == 3 and store.get(CLITICS.id) == CLITICS
    assert fts_columns(path) == ["title", "body", "title_bare", "body_bare"]


def test_an_upgraded_v2_store_finds_its_old_rows_across_proclitics(tmp_path):
    path = tmp_path / "v2.sqlite3"
    make_v2_store(path)
    with open_store(path) as store:
        # "حلب" as written is only in CLITICS's body; "بحلب" in its title.  "معارضة" only as "للمعارضة".
        hits = store.search("بحلب معارضة")
        assert [h.article.id for h in hits] == [CLITICS.id] and not hits[0].exact


def test_an_upgraded_v2_store_still_finds_its_old_rows_as_written(tmp_path):
    path = tmp_path / "v2.sqlite3"
    make_v2_store(path)
    with open_store(path) as store:
        assert [h.article.id for h in store.search("مسئول الامم")] == [OLD.id]


def test_an_upgraded_v2_store_indexes_new_articles_with_their_bare_words(tmp_path):
    path = tmp_path / "v2.sqlite3"
    make_v2_store(path)
    new = Article.create(title="خبر جديد", body="وصلت قافلة المساعدات وحلب تنتظر المزيد.")
    with open_store(path) as store:
        store.add([new])
        assert {h.article.id for h in store.search("لحلب")} == {OLD.id, CLITICS.id, new.id}


def test_a_failing_step_after_the_rebuild_leaves_the_v2_index_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "v2.sqlite3"
    make_v2_store(path)
    broken = Migration(version=SCHEMA_VERSION + 1, note="broken", statements=("CREATE TABLE oops (",))
    steps = (*MIGRATIONS, broken)
    monkeypatch.setattr(store_sqlite, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(store_sqlite, "pending", lambda v: steps[v:])
    with pytest.raises(StoreError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'حلب'").fetchall() == [(1,), (3,)]
    conn.close()
    assert fts_columns(path) == ["title", "body"]


def make_v4_store(path, monkeypatch) -> None:
    """A store as version 4 left it: two events grouped (no storylines yet)."""
    with monkeypatch.context() as m:
        m.setattr(store_sqlite, "SCHEMA_VERSION", 4)
        m.setattr(store_sqlite, "pending", lambda v: MIGRATIONS[v:4])
        with open_store(path) as store:
            store.add([OLD, UNDATED])
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO stories (id, title, first_day, last_day, size) VALUES (?, ?, ?, ?, ?)",
        [("s" + OLD.id, OLD.title, "2016-12-13", "2016-12-13", 1), ("s" + UNDATED.id, UNDATED.title, None, None, 1)],
    )
    conn.executemany(
        "INSERT INTO story_articles (article_id, story_id) VALUES (?, ?)",
        [(OLD.id, "s" + OLD.id), (UNDATED.id, "s" + UNDATED.id)],
    )
    conn.execute("INSERT INTO story_state (key, value) VALUES ('index', x'00')")
    conn.commit()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()


def test_a_v4_store_is_upgraded_with_each_event_a_storyline_of_its_own(tmp_path, monkeypatch):
    path = tmp_path / "v4.sqlite3"
    make_v4_store(path, monkeypatch)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [(e.id, e.storyline) for e in store.stories()] == [
            ("s" + OLD.id, "l" + OLD.id), ("s" + UNDATED.id, "l" + UNDATED.id)
        ]
        lines = store.storylines()
        assert [(ln.id, ln.title, ln.size, ln.events, ln.outlets) for ln in lines] == [
            ("l" + OLD.id, OLD.title, 1, 1, 1), ("l" + UNDATED.id, UNDATED.title, 1, 1, 1)
        ]
        assert store.load_story_index_state() == b"\x00" and store.story_of(OLD.id) == "s" + OLD.id


def test_a_failing_step_after_the_storylines_leaves_a_v4_store_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "v4.sqlite3"
    make_v4_store(path, monkeypatch)
    broken = Migration(version=SCHEMA_VERSION + 1, note="broken", statements=("CREATE TABLE oops (",))
    steps = (*MIGRATIONS, broken)
    monkeypatch.setattr(store_sqlite, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(store_sqlite, "pending", lambda v: steps[v:])
    with pytest.raises(StoreError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert [r[1] for r in conn.execute("PRAGMA table_info(stories)")] == ["id", "title", "first_day", "last_day", "size"]
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'storylines'").fetchall() == []
    conn.close()


def test_the_search_index_of_a_store_flushes_its_words_at_8_mb(tmp_path):
    """FTS5 keeps the setting in its own table: every later connection writes with it."""
    path = tmp_path / "s.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT v FROM articles_fts_config WHERE k = 'hashsize'").fetchone() == (8 << 20,)
    conn.close()
