"""The store's file: opening, migrating, a connection per thread, and the time a read may take.

Why these settings:

* WAL journal: readers never block the writer nor the writer the readers, so a search can
  run while an ingest is writing;
* ``synchronous=NORMAL``: with WAL a power loss can lose the last commits but never
  corrupts the file; a news store can re-ingest, and FULL would halve write speed;
* a 30 s busy timeout and ``BEGIN IMMEDIATE`` for every write: two processes ingesting at
  once queue for the write lock instead of failing (and no transaction has to upgrade from
  read to write, which in WAL fails at once instead of waiting);
* one connection per thread: a thread reads on its own connection, never waiting for
  another thread's read (one shared connection behind one lock made every request of the
  server wait behind the slowest search: 41.7 s for a page of one article); writes of a
  process still take turns on a lock, as SQLite would make them anyway;
* a read may be given a time budget, checked by SQLite's progress handler every
  :data:`PROGRESS_STEPS` virtual-machine steps: a search that runs over it stops with
  :class:`~khabar.errors.QueryError` instead of holding a thread and its memory.
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from khabar.errors import QueryError, StoreError
from khabar.store.migrations import APPLICATION_ID, SCHEMA_VERSION, pending
from khabar.store.query import index_text
from khabar.text.ar.clitics import bare_text
from khabar.text.ar.normalize import normalize

#: How long a process waits for another one's write to finish before giving up.  Big ingest
#: batches (500 articles) commit in well under a second; 30 s leaves a wide margin.
BUSY_TIMEOUT_S = 30.0

#: SQLite virtual-machine steps between two looks at the clock during a read with a budget:
#: about a millisecond of work, so a budget is kept to within a few milliseconds.
PROGRESS_STEPS = 10_000


class Connection:
    """One open store file: a connection per thread, read and write transactions.  Use as
    a context manager.  The article and story parts of :class:`~khabar.store.Store` build
    on it."""

    def __init__(self, path: Path, *, create_folder: bool = False, create_when_used: bool = False) -> None:
        """With ``create_when_used``, a store file that does not exist yet is created by its
        first read or write, in the thread that makes it, not here (its path is checked here
        all the same, so a folder that is missing or not writable is said now).  Making a new
        file switches it to WAL through a rollback journal, four disk syncs: 20-48 ms of wall
        time against 3.4 ms of CPU on this machine (issue 19), which ``khabar ingest`` on
        workers spends in its writing thread while the workers read instead of before it
        starts them."""
        self.path = path
        self._write_lock = threading.RLock()
        self._conns_lock = threading.Lock()
        self._conns: dict[threading.Thread, sqlite3.Connection] = {}
        self._closed = False
        _check_path(path, create_folder=create_folder)
        # True until the file is checked, created or migrated by a first connection.
        self._unopened = create_when_used and not path.exists()
        if not self._unopened:
            self._conns[threading.current_thread()] = _connect(path)  # checks, creates or migrates the file

    # --- lifecycle ----------------------------------------------------------------------

    def close(self) -> None:
        """Close the file (every thread's connection); closing twice is harmless."""
        with self._write_lock, self._conns_lock:
            self._closed = True
            for conn in self._conns.values():
                conn.close()
            self._conns.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return f"<{type(self).__name__} {str(self.path)!r} {state}>"

    @property
    def schema_version(self) -> int:
        with self._reading() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    # --- plumbing -----------------------------------------------------------------------

    @property
    def _conn(self) -> sqlite3.Connection:
        """This thread's connection, opened on its first use."""
        thread = threading.current_thread()
        conn = self._conns.get(thread)
        if conn is not None:
            return conn
        with self._conns_lock:
            if self._closed:
                raise StoreError(f"{self.path}: the store is closed")
            for gone in [t for t in self._conns if not t.is_alive()]:  # threads of a pool come and go
                self._conns.pop(gone).close()
            try:
                conn = _connect(self.path) if self._unopened else _connect_again(self.path)
            except sqlite3.Error as e:
                raise StoreError(f"{self.path}: cannot open the store: {e}") from e
            self._unopened = False
            self._conns[thread] = conn
        return conn

    @contextmanager
    def _reading(self, budget_s: float | None = None) -> Iterator[sqlite3.Connection]:
        """This thread's connection for reading; with ``budget_s``, the statements run in
        the block stop with :class:`QueryError` once that many seconds have passed."""
        conn = self._conn
        stopped: list[bool] = []  # SQLite's message depends on where it stopped: "interrupted", "vtable constructor failed" ...
        if budget_s is not None:
            deadline = time.monotonic() + budget_s

            def over_budget() -> bool:
                if time.monotonic() > deadline:
                    stopped.append(True)
                    return True
                return False

            conn.set_progress_handler(over_budget, PROGRESS_STEPS)
        try:
            yield conn
        except sqlite3.Error as e:
            if stopped:
                raise QueryError(
                    f"the search took more than {budget_s:g} s and was stopped; search fewer or longer prefixes (word*)"
                ) from None
            raise StoreError(f"{self.path}: cannot read the store: {e}") from e
        finally:
            if budget_s is not None:
                conn.set_progress_handler(None, 0)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        with self._write_lock:
            conn = self._conn
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


# --- opening and migrating ---------------------------------------------------------------


def _check_path(path: Path, *, create_folder: bool = False) -> None:
    """What can be said of the store's path before SQLite opens it (StoreError)."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; give a file path for the store, e.g. {path / 'khabar.sqlite3'}")
    # The default store's directory (per user, or $KHABAR_DB) is made on first use; a path
    # the user names must be in a folder that exists: a typo never creates a folder tree.
    if not create_folder and not path.parent.exists():
        raise StoreError(f"{path}: the directory {path.parent} does not exist; create it first")
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


def _connect(path: Path) -> sqlite3.Connection:
    """The first connection to the store at a checked path: it checks the file, creates or
    migrates it."""
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


def _connect_again(path: Path) -> sqlite3.Connection:
    """Another connection to a store already opened (checked and migrated) in this process."""
    conn = _plain_connection(path)
    try:
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _plain_connection(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves (BEGIN IMMEDIATE for writes).
    # check_same_thread=False: a connection is used by its thread only, but closed by
    # whichever thread closes the store.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.create_function("khabar_normalize", 1, _sql_normalize, deterministic=True)
        conn.create_function("khabar_bare", 1, _sql_bare, deterministic=True)
        conn.create_function("khabar_index", 1, _sql_index, deterministic=True)
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_once(path: Path) -> sqlite3.Connection:
    try:
        conn = _plain_connection(path)
    except sqlite3.OperationalError:
        raise
    except sqlite3.Error as e:
        raise StoreError(f"{path}: cannot open the store: {e}") from e
    try:
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
        # One statement, so one snapshot: read apart, the three could straddle another
        # process's creation of the store (no id yet, then its tables) and call it foreign.
        app_id, version, tables = conn.execute(
            "SELECT (SELECT application_id FROM pragma_application_id),"
            " (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)"
        ).fetchone()
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


def _sql_index(text: str | None) -> str | None:
    return None if text is None else index_text(normalize(text))

