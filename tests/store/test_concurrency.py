"""Several processes on one store: nothing lost, readers never blocked, batches seen whole."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time

from khabar.model import Article
from khabar.store import open_store
from khabar.store.migrations import APPLICATION_ID

# A worker process: waits for the start signal (a file), then ingests its own articles plus
# the shared ones in small transactions.  Run with: path worker_name go_file batch_size.
WORKER = r"""
import sys, time
from pathlib import Path
from khabar.model import Article
from khabar.store import open_store

path, name, go, batch = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
own = [Article.create(title=f"خبر خاص {name} رقم {i}", body=f"نص عن حلب من {name} رقم {i}.") for i in range(200)]
shared = [Article.create(title=f"خبر مشترك رقم {j}", body=f"نص مشترك عن حلب رقم {j}.") for j in range(50)]
if name == "b":
    shared.reverse()  # the two workers meet on the shared articles from both ends
mixed = [a for pair in zip(own[:50], shared) for a in pair] + own[50:]
deadline = time.time() + 30
while not go.exists() and time.time() < deadline:
    time.sleep(0.005)
with open_store(path) as store:
    for i in range(0, len(mixed), batch):
        store.add(mixed[i:i + batch])
print("done")
"""


def _spawn(path, name, go, batch):
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), name, str(go), str(batch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _expected_ids() -> set[str]:
    ids = set()
    for name in ("a", "b"):
        ids |= {Article.create(title=f"خبر خاص {name} رقم {i}", body=f"نص عن حلب من {name} رقم {i}.").id for i in range(200)}
    ids |= {Article.create(title=f"خبر مشترك رقم {j}", body=f"نص مشترك عن حلب رقم {j}.").id for j in range(50)}
    return ids


def test_two_processes_ingesting_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"  # both workers also create and migrate it at once
    go = tmp_path / "go"
    workers = [_spawn(path, name, go, batch=5) for name in ("a", "b")]
    go.touch()
    for w in workers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    with open_store(path) as store:
        assert store.count() == 450
        assert set(store.ids()) == _expected_ids()
        assert len(store.search("حلب", limit=1000)) == 450  # the index kept up too


def test_a_reader_reads_while_another_process_writes_and_sees_whole_batches(tmp_path):
    path = tmp_path / "wal.sqlite3"
    with open_store(path) as reader:
        reader._conn.execute("PRAGMA busy_timeout = 0")  # a blocked read would fail at once
        go = tmp_path / "go"
        writer = _spawn(path, "a", go, batch=25)  # 250 articles: 10 transactions of 25
        go.touch()
        counts = []
        while writer.poll() is None:
            counts.append(reader.count())
            reader.search("حلب", limit=5)
            time.sleep(0.001)
        assert writer.returncode == 0, writer.stderr.read()
        counts.append(reader.count())
    assert counts[-1] == 250
    assert all(c % 25 == 0 for c in counts)  # never half a transaction
    assert counts == sorted(counts)


def test_threads_may_share_one_store(tmp_path):
    errors: list[BaseException] = []
    with open_store(tmp_path / "threads.sqlite3") as store:

        def work(k: int) -> None:
            try:
                for i in range(20):
                    store.add([Article.create(title=f"خيط {k} خبر {i}", body="نص قصير عن حلب.")])
                    store.search("حلب", limit=3)
            except BaseException as e:  # surfaced below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [] and store.count() == 80


def test_a_store_created_by_another_process_while_it_is_checked_is_not_called_foreign(tmp_path):
    # What two processes creating the store at once can do: one checks the new file while
    # the other commits its schema.  Read in several statements, the check saw no
    # application id, then tables: "not a khabar store" (flaky under load).  Here the other
    # process commits as soon as the check starts a second statement.
    from khabar.store.connection import _check_is_khabar_store

    path = tmp_path / "new.sqlite3"
    creator = sqlite3.connect(path, isolation_level=None)
    creator.execute("PRAGMA journal_mode = WAL")
    creator.execute("BEGIN IMMEDIATE")
    creator.execute("CREATE TABLE articles (id TEXT)")
    creator.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    creator.execute("PRAGMA user_version = 1")
    checker = sqlite3.connect(path, isolation_level=None)
    statements: list[str] = []

    def on_statement(sql: str) -> None:
        statements.append(sql)
        if len(statements) == 2:
            creator.execute("COMMIT")

    checker.set_trace_callback(on_statement)
    try:
        assert _check_is_khabar_store(checker, path) in (0, 1)  # before or after, never between
    finally:
        checker.close()
        if creator.in_transaction:
            creator.execute("COMMIT")
        creator.close()
