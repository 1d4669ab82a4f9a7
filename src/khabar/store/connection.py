"""The store's file: opening, migrating, and one connection shared by the threads of a process.

Why these settings:

* WAL journal: readers never block the writer nor the writer the readers, so a search can
  run while an ingest is writing;
* ``synchronous=NORMAL``: with WAL a power loss can lose the last commits but never
  corrupts the file; a news store can re-ingest, and FULL would halve write speed;
* a 30 s busy timeout and ``BEGIN IMMEDIATE`` for every write: two processes ingesting at
  once queue for the write lock instead of failing (and no transaction has to upgrade from
  read to write, which in WAL fails at once instead of waiting).
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

from khabar.errors import StoreError
from khabar.store.migrations import APPLICATION_ID, SCHEMA_VERSION, pending
from khabar.text.ar.clitics import bare_text
from khabar.text.ar.normalize import normalize

#: How long a process waits for another one's write to finish before giving up.  Big ingest
#: batches (500 articles) commit in well under a second; 30 s leaves a wide margin.
BUSY_TIMEOUT_S = 30.0


class Connection:
    """One open store file: its lock, its connection, read and write transactions.  Use
    as a context manager.  The article and story parts of :class:`~khabar.store.Store`
    build on it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = _connect(path)

    # --- lifecycle ----------------------------------------------------------------------

    def close(self) -> None:
        """Close the file; closing twice is harmless."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else "open"
        return f"<{type(self).__name__} {str(self.path)!r} {state}>"

    @property
    def schema_version(self) -> int:
        with self._reading() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    # --- plumbing -----------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._open_conn()
            try:
                yield conn
            except sqlite3.Error as e:
                raise StoreError(f"{self.path}: cannot read the store: {e}") from e

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        with self._lock:
            conn = self._open_conn()
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

    def _open_conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._conn


# --- opening and migrating ---------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; give a file path for the store, e.g. {path / 'khabar.sqlite3'}")
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


def _connect_once(path: Path) -> sqlite3.Connection:
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (BEGIN IMMEDIATE for writes).
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except sqlite3.OperationalError:
        raise
    except sqlite3.Error as e:
        raise StoreError(f"{path}: cannot open the store: {e}") from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.create_function("khabar_normalize", 1, _sql_normalize, deterministic=True)
        conn.create_function("khabar_bare", 1, _sql_bare, deterministic=True)
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
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
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

