"""Bounded searches: a query over the bounds is refused with the reason, a search over its
time budget stops, and one thread's long read never holds up another's."""

from __future__ import annotations

import threading

import pytest

from khabar.errors import QueryError, StoreError
from khabar.model import Article
from khabar.store import connection, open_store
from khabar.store.query import MAX_PREFIX_TERMS, MAX_QUERY_CHARS, MAX_QUERY_WORDS, parse_query

# a statement that runs for as long as it is let: counting to a billion
_ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM (SELECT x FROM c LIMIT 1000000000)"


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store.sqlite3") as s:
        s.add(
            Article.create(title=f"خبر رقم {i} عن حلب", body=f"قال مسؤول في الأمم المتحدة إن {i} مدنيا خرجوا من حلب.")
            for i in range(40)
        )
        yield s


# --- what a query may ask --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("ا* " * 20, "prefix terms"),  # 60 characters that took 42.7 s on ANT
        ("ا*", "too short"),
        ("ال*", "too short"),
        ("حلب " * (MAX_QUERY_WORDS + 1), "words"),
        ("ح" * (MAX_QUERY_CHARS + 1), "characters"),
        (" ".join(f"كلمة{i}*" for i in range(MAX_PREFIX_TERMS + 1)), "prefix terms"),
    ],
)
def test_a_query_over_the_bounds_is_refused_with_its_reason(store, query, reason):
    with pytest.raises(QueryError, match=reason):
        store.search(query)


def test_a_query_at_the_bounds_is_searched(store):
    parse_query(" ".join(f"حلب{'ب' * i}*" for i in range(MAX_PREFIX_TERMS)))
    assert len(store.search("حلب* الأمم* مدني*", limit=100)) == 40


# --- a time budget ---------------------------------------------------------------------------


def test_a_read_over_its_budget_stops_with_a_query_error(store):
    with pytest.raises(QueryError, match="more than 0.05 s"):
        with store._reading(0.05) as conn:
            conn.execute(_ENDLESS).fetchone()
    # the connection is usable again, without the budget
    assert store.count() == 40


def test_a_search_over_its_budget_stops(store, monkeypatch):
    monkeypatch.setattr(connection, "PROGRESS_STEPS", 1)  # a small store's search is quick: look at once
    with pytest.raises(QueryError, match="took more than"):
        store.search("حلب", budget_s=0.0)
    assert len(store.search("حلب", budget_s=5.0)) == 20


def test_a_read_without_a_budget_failing_is_a_store_error(store):
    with pytest.raises(StoreError):
        with store._reading() as conn:
            conn.execute("SELECT * FROM no_such_table")


# --- readers do not wait for one another -------------------------------------------------------


def test_a_read_in_one_thread_does_not_wait_for_a_long_read_in_another(store):
    inside, release = threading.Event(), threading.Event()

    def long_read() -> None:
        with store._reading() as conn:
            conn.execute("SELECT count(*) FROM articles").fetchone()
            inside.set()
            release.wait(10)  # holds its read open until told

    holder = threading.Thread(target=long_read)
    holder.start()
    try:
        assert inside.wait(10)
        counted: list[int] = []
        reader = threading.Thread(target=lambda: counted.append(store.count()))
        reader.start()
        reader.join(5)
        # one connection behind one lock made this wait for the long read (41.7 s on ANT)
        assert counted == [40]
    finally:
        release.set()
        holder.join()


def test_threads_that_end_give_their_connection_back(store):
    for _ in range(5):
        t = threading.Thread(target=store.count)
        t.start()
        t.join()
    store.count()  # a new thread's first read closes the connections of threads gone
    t = threading.Thread(target=store.count)
    t.start()
    t.join()
    assert len(store._conns) <= 2  # this thread's and the last one's


def test_a_closed_store_refuses_reads_from_any_thread(store):
    store.close()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            store.count()
        except StoreError as e:
            errors.append(e)

    t = threading.Thread(target=read)
    t.start()
    t.join()
    with pytest.raises(StoreError, match="closed"):
        store.count()
    assert len(errors) == 1 and "closed" in str(errors[0])
