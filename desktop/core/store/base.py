"""The Store's foundation: connections per thread, transactions, opening, migrating, recovering.

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from sqlite_utils import Database

from .. import paths
from ..texts import tr
from .records import (
    BUSY_TIMEOUT_S,
    DB_NAME,
    QUICK_CHECK_MAX_BYTES,
    ImportResult,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreVersionError,
    StoreWriteError,
)
from .schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    _errcode,
    _is_corrupt,
    _is_locked,
    _is_write_error,
    _timestamp_for_file,
    _writer_alive,
)
from .transfer import _read_damaged


class _Base:
    """The conversation database. `Store()` opens (creating, migrating or recovering)
    paths.data_dir()/ember.db; raises StoreLockedError / StoreVersionError / StoreError."""

    import_data: Callable[..., ImportResult]   # transfer.py's, in Store (declared for the type check)

    def __init__(self, path: str | Path | None = None, *, timeout: float = BUSY_TIMEOUT_S,
                 recover: bool = True):
        self.db_path = Path(path) if path is not None else paths.data_dir() / DB_NAME
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        # the KV snapshots of this database's conversations (the engine's KVCache default when
        # the database is the data folder's); deleting a conversation deletes its snapshot
        self.kv_root: Path = self.db_path.parent / "kv"
        self.timeout = timeout
        self.notices: list[str] = []      # things the user must be told (a recovered file, ...)
        self.backup_path: Path | None = None  # where a damaged database was moved
        self._local = threading.local()
        self._conns: list[Database] = []
        self._conns_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._closed = False
        self._open()
        if recover:
            self.mark_interrupted_on_startup()


    # ------------------------------------------------------------------ connections
    def _connect(self) -> Database:
        conn = sqlite3.connect(str(self.db_path), timeout=self.timeout, isolation_level=None,
                               check_same_thread=False)
        try:
            db = Database(conn, execute_plugins=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")     # WAL + FULL: a commit survives power loss
            conn.execute("PRAGMA cache_size = -16000")    # 16 MB: search stays in memory
        except BaseException:
            conn.close()
            raise
        with self._conns_lock:
            self._conns.append(db)
        return db

    def _db(self) -> Database:
        """This thread's connection."""
        if self._closed:
            raise StoreError(tr("The conversation store is closed."))
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    @property
    def db(self) -> Database:
        """The sqlite-utils Database of the calling thread (for tools and benchmarks)."""
        return self._db()

    def close(self) -> None:
        """Close every connection (the last one checkpoints the WAL)."""
        with self._conns_lock:
            conns, self._conns = self._conns, []
        for db in conns:
            try:
                db.conn.close()
            except Exception:
                pass
        self._local = threading.local()
        self._closed = True

    def _drop_connections(self) -> None:
        self.close()
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction (BEGIN IMMEDIATE) on this thread's connection; nests. Waits for
        another thread's or program's write up to the store's timeout (or what
        `waiting_at_most` set for this thread), then raises StoreLockedError. A full disk or a
        failed write rolls back and raises StoreWriteError: what was committed stays intact."""
        db = self._db()
        wait = getattr(self._local, "lock_wait", None)
        if not self._write_lock.acquire(timeout=-1 if wait is None else wait):
            raise StoreLockedError(tr("The conversation database {db_path} is busy with "
                                      "another write in Ember; nothing was changed: try "
                                      "again.").format(db_path=self.db_path))
        try:
            if db.conn.in_transaction:
                yield db
                return
            try:
                db.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                raise self._translate(e) from e
            try:
                yield db
            except sqlite3.DatabaseError as e:
                self._rollback(db)
                if _is_locked(e) or _is_corrupt(e) or _is_write_error(e):
                    raise self._translate(e) from e
                raise
            except BaseException:
                self._rollback(db)
                raise
            try:
                db.conn.execute("COMMIT")
            except sqlite3.Error as e:
                self._rollback(db)
                raise self._translate(e) from e
        finally:
            self._write_lock.release()

    @staticmethod
    def _rollback(db: Database) -> None:
        if db.conn.in_transaction:
            try:
                db.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolled back already (a failed write can end the transaction)

    @contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Writes on this thread wait at most `seconds` for a lock held by another thread or
        program, then raise StoreLockedError: for a thread that must never wait long (the
        window's), and for a streaming save that is simply tried again later."""
        db = self._db()
        prev = getattr(self._local, "lock_wait", None)
        self._local.lock_wait = seconds
        db.conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
        try:
            yield
        finally:
            self._local.lock_wait = prev
            if getattr(self._local, "db", None) is db and not self._closed:
                restore = self.timeout if prev is None else prev
                db.conn.execute(f"PRAGMA busy_timeout = {max(0, int(restore * 1000))}")

    @contextmanager
    def _read(self) -> Iterator[Database]:
        """A read transaction: several SELECTs see one consistent state (WAL: never blocked by
        the writer). A locked or damaged file becomes a StoreError."""
        db = self._db()
        if db.conn.in_transaction:
            yield db
            return
        try:
            db.conn.execute("BEGIN")
            try:
                yield db
            finally:
                if db.conn.in_transaction:
                    db.conn.execute("COMMIT")
        except sqlite3.OperationalError as e:
            if _is_locked(e) or _is_corrupt(e) or _is_write_error(e):
                raise self._translate(e) from e
            raise
        except sqlite3.DatabaseError as e:
            if _is_corrupt(e):
                raise self._translate(e) from e
            raise

    def _translate(self, e: sqlite3.Error) -> Exception:
        if _is_locked(e):
            return StoreLockedError(
                tr("The conversation database {db_path} is locked by another program "
                   "(another Ember still writing?); nothing was changed: close it and try "
                   "again.").format(db_path=self.db_path))
        if _is_corrupt(e):
            try:  # the next start runs quick_check and recovers, whatever the file's size
                self._check_marker.touch()
            except OSError:
                pass
            return StoreCorruptError(
                tr("The conversation database {db_path} is damaged ({e}); restart Ember: it "
                   "keeps a backup and recovers what it can.").format(db_path=self.db_path, e=e))
        if _is_write_error(e):
            what = (tr("the disk holding it is full") if _errcode(e) == sqlite3.SQLITE_FULL
                    or "full" in str(e) else tr("{e}: is the disk full, or the file at a "
                                                "size limit?").format(e=e))
            return StoreWriteError(
                tr("The conversation database {db_path} could not be written ({what}). The "
                   "last change was not saved; everything saved before it is intact. Free "
                   "some space on that disk.").format(db_path=self.db_path, what=what))
        return StoreError(tr("The conversation database {db_path} could not be used: {e}.").format(
                              db_path=self.db_path, e=e))

    # ------------------------------------------------------------------ open / migrate / recover
    def _open(self) -> None:
        # A file that is not SQLite at all is set aside before SQLite opens it: closing a
        # connection to such a file deletes its -wal, which may hold the latest conversations.
        if not self._header_ok():
            reason = tr("the file is not a SQLite database")
            self._recover(reason, sqlite_file=False)
            return
        try:
            db = self._db()
            self._check(db)
            self._migrate(db)
            return
        except sqlite3.Error as e:
            self._drop_connections()
            if not _is_corrupt(e):
                raise self._translate(e) from e
            reason = str(e)
        except StoreError:
            self._drop_connections()
            raise
        self._recover(reason)

    def _header_ok(self) -> bool:
        try:
            with open(self.db_path, "rb") as f:
                head = f.read(16)
        except FileNotFoundError:
            return True
        except OSError as e:
            raise StoreError(tr("The conversation database {db_path} cannot be read: "
                                "{reason}.").format(
                                 db_path=self.db_path, reason=e.strerror or e)) from e
        return head in (b"", b"SQLite format 3\x00")

    def _recover(self, reason: str, *, sqlite_file: bool = True) -> None:
        """Damaged: keep it (never a silent fresh start), start a new one (once), copy over
        what can still be read, and say where the old one is. Never while another program has
        the file open: moving it would pull it from under that program (another Ember would
        go on writing into the moved file, and what it writes would be lost to the new one)."""
        if sqlite_file and self._in_use_elsewhere():
            raise StoreLockedError(
                tr("The conversation database {db_path} looks damaged ({reason}), but "
                   "another program (another Ember?) has it open, so Ember did not move it "
                   "aside: close the other program and start Ember again.").format(
                    db_path=self.db_path, reason=reason))
        backup = self._set_aside()
        try:
            db = self._db()
            self._migrate(db)
        except sqlite3.Error as e:
            self._drop_connections()
            raise StoreError(tr("The damaged conversation database was kept as {backup}, "
                                "but a new one could not be created at {db_path}: {e}.").format(
                                 backup=backup, db_path=self.db_path, e=e)) from e
        salvaged = self._salvage(backup)
        msg = (tr("The conversation database was damaged ({reason}); it was kept as "
                  "{backup} and a new one was started at {db_path}.").format(
                   reason=reason, backup=backup, db_path=self.db_path))
        if salvaged[0]:
            msg += " " + (tr("{n} conversation ({messages} messages) could still be read and was "
                             "copied into it.") if salvaged[0] == 1 else
                          tr("{n} conversations ({messages} messages) could still be read and "
                             "were copied into it.")).format(n=salvaged[0], messages=salvaged[1])
        self.notices.append(msg)

    def _in_use_elsewhere(self) -> bool:
        """Whether another connection holds the file: a probe asks SQLite for an exclusive lock
        at once (no wait). Every connection in WAL mode, as each of Ember's, holds a shared lock
        for as long as it is open, and a writer holds more, so either makes the probe busy.
        A damaged file cannot always be probed (the error is not about locks): then it is not
        known to be in use, and recovery goes on as before."""
        try:
            conn = sqlite3.connect(f"file:{self.db_path.as_posix()}?mode=rw", uri=True,
                                   timeout=0, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            return False
        try:
            try:  # closing must not checkpoint the WAL into the damaged file
                conn.setconfig(sqlite3.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, True)
            except (AttributeError, sqlite3.Error):
                pass
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.Error as e:
            return _is_locked(e)
        finally:
            conn.close()

    @property
    def _check_marker(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".check-needed")

    def _check(self, db: Database) -> None:
        """Reads the header, then PRAGMA quick_check when the file is at most
        QUICK_CHECK_MAX_BYTES (~1.2 ms a MB) or damage was seen at run time (the marker file).
        A damaged file raises sqlite3.DatabaseError."""
        db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:
            size = self.db_path.stat().st_size
        except OSError:
            size = 0
        if size <= QUICK_CHECK_MAX_BYTES or self._check_marker.exists():
            self._quick_check(db)

    def _quick_check(self, db: Database) -> None:
        rows = db.conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise sqlite3.DatabaseError("database disk image is malformed: "
                                        + "; ".join(str(r[0]) for r in rows[:3]))
        self._check_marker.unlink(missing_ok=True)

    def verify(self) -> None:
        """PRAGMA quick_check now (the GUI may run it on a worker for a big file); raises
        StoreCorruptError, and the next start keeps a backup and recovers."""
        try:
            with self._read() as db:
                self._quick_check(db)
        except sqlite3.DatabaseError as e:
            raise self._translate(e) from e

    def _user_version(self, db: Database) -> int:
        return db.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self, db: Database) -> None:
        version = self._user_version(db)
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                tr("The conversation database {db_path} was written by a newer Ember "
                   "(schema {version}; this one knows up to {SCHEMA_VERSION}); update "
                   "Ember. Nothing was changed.").format(
                    db_path=self.db_path, version=version, SCHEMA_VERSION=SCHEMA_VERSION))
        if version == SCHEMA_VERSION:
            if db.journal_mode != "wal":
                db.enable_wal()
            return
        if version == 0:
            tables = [t for t in db.table_names() if not t.startswith("sqlite_")]
            if tables:
                raise StoreError(tr("{db_path} is a SQLite database but not Ember's (it "
                                    "holds {text}); move it or choose another --data-dir.").format(
                                     db_path=self.db_path, text=', '.join(tables[:3])))
        else:
            self._backup_before_upgrade(db, version)
        db.enable_wal()
        for n in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                if self._user_version(db) >= n:  # another process migrated meanwhile
                    continue
                step = MIGRATIONS[n - 1]
                if isinstance(step, str):
                    db.executescript(step)
                else:
                    step(db)
                db.conn.execute(f"PRAGMA user_version = {n}")

    def _backup_before_upgrade(self, db: Database, version: int) -> Path:
        """A full copy before the schema changes (sqlite's online backup: consistent, with WAL)."""
        target = self.db_path.with_name(
            f"{self.db_path.name}.v{version}-backup-{_timestamp_for_file()}")
        dest = sqlite3.connect(str(target))
        try:
            db.conn.backup(dest)
        finally:
            dest.close()
        self.notices.append(tr("The conversation database was upgraded from schema "
                               "{version} to {SCHEMA_VERSION}; the old one was kept as "
                               "{target}.").format(
                                version=version, SCHEMA_VERSION=SCHEMA_VERSION, target=target))
        return target

    def _set_aside(self) -> Path:
        """Move the damaged file (and its -wal/-shm) to ember.db.corrupt-<time>."""
        stamp = _timestamp_for_file()
        backup = self.db_path.with_name(f"{self.db_path.name}.corrupt-{stamp}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.db_path.with_name(f"{self.db_path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.db_path, backup)
            for suffix in ("-wal", "-shm"):
                side = Path(str(self.db_path) + suffix)
                if side.exists():
                    os.replace(side, Path(str(backup) + suffix))
        except OSError as e:
            raise StoreCorruptError(
                tr("The conversation database {db_path} is damaged and could not be moved "
                   "aside ({e}); Ember did not replace it. Move it elsewhere yourself and "
                   "start Ember again.").format(db_path=self.db_path, e=e)) from e
        self.backup_path = backup
        return backup

    def _salvage(self, backup: Path) -> tuple[int, int]:
        """Copy what can still be read from a damaged file: (conversations, messages)."""
        try:
            data = _read_damaged(backup)
            if not data["conversations"]:
                return 0, 0
            result = self.import_data(data, strict=False)
        except Exception:
            return 0, 0
        n_msgs = sum(len(c["messages"]) for c in data["conversations"])
        return len(result.imported), n_msgs

    def mark_interrupted_on_startup(self) -> list[int]:
        """Replies left 'streaming' by a process that is gone become 'interrupted'. Returns
        their ids. Replies still streamed by a live process (another window) are left alone."""
        with self._read() as db:
            rows = db.conn.execute(
                "SELECT id, writer FROM messages WHERE status = 'streaming'").fetchall()
        dead = [mid for mid, writer in rows if not _writer_alive(writer)]
        if dead:
            with self.transaction() as db:
                db.conn.executemany(
                    "UPDATE messages SET status = 'interrupted', "
                    "finish_reason = ifnull(finish_reason, 'interrupted') "
                    "WHERE id = ? AND status = 'streaming'", [(i,) for i in dead])
                # their tool steps that were still running ended with them
                db.conn.executemany(
                    "UPDATE steps SET status = 'interrupted' WHERE message_id = ? AND "
                    "status = 'running'", [(i,) for i in dead])
        return dead
