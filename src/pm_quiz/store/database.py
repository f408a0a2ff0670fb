"""Where answers and results are kept: one SQLite file in the user's data directory.

* One file, ``pm-quiz.sqlite3``, under ``--data-dir``, ``$PM_QUIZ_DATA_DIR`` or the
  platform's user data directory (platformdirs).
* The schema is versioned with ``PRAGMA user_version`` and moved forward by
  :data:`MIGRATIONS`; the journal is WAL, and every answer is its own committed
  transaction with ``synchronous=FULL``, so a crash or power cut loses nothing answered.
* Only answers and results are stored: no names.
* A file that is not a usable database is moved aside (never deleted) and a fresh one
  started: :attr:`Store.notices` says so.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from pm_quiz.quiz.scoring import Answer

ENV_VAR = "PM_QUIZ_DATA_DIR"
FILE_NAME = "pm-quiz.sqlite3"
BUSY_TIMEOUT_MS = 10_000


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR])
    from platformdirs import user_data_dir

    return Path(user_data_dir("pm-quiz", appauthor=False))


#: Each entry moves the schema from version i to i + 1. Never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    # 1: attempts and their answers
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        bank_path TEXT NOT NULL,
        language TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
    );
    CREATE TABLE answers (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        value TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (attempt_id, question_id)
    );
    CREATE INDEX attempts_by_bank ON attempts (bank_path, finished_at);
    """,
    # 2: finished attempts keep their result, for history and comparison
    """
    ALTER TABLE attempts ADD COLUMN bank_title TEXT NOT NULL DEFAULT '';
    ALTER TABLE attempts ADD COLUMN result TEXT;
    """,
    # 3: attempts tagged with a group (a workshop, a class), for group reports
    """
    ALTER TABLE attempts ADD COLUMN group_name TEXT;
    CREATE INDEX attempts_by_group ON attempts (group_name, finished_at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be used (read-only, full disk, locked...): say why, quiz on."""


def now() -> str:
    # microseconds: attempts updated within one second still sort in the order they were
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Attempt(NamedTuple):
    id: int
    fingerprint: str
    bank_path: str
    bank_title: str
    language: str
    started_at: str
    updated_at: str
    finished_at: str | None
    answers: dict[str, Answer]
    result: dict[str, Any] | None
    group: str | None = None


def _encode(value: Answer) -> str:
    return json.dumps(value)


def _decode(text: str) -> Answer:
    value = json.loads(text)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"not an answer: {text}")
    return value


class Store:
    def __init__(self, path: Path, connection: sqlite3.Connection,
                 notices: list[str] | None = None) -> None:
        self.path = path
        self._db = connection
        self.notices = notices or []

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, directory: Path) -> Store:
        """Open (or create) the store in ``directory``; raise :class:`StoreError` if the
        directory or file cannot be written. A damaged file is moved aside first."""
        path = directory / FILE_NAME
        notices: list[str] = []
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {directory}: {exc.strerror or exc}") from None
        try:
            return cls(path, cls._connect(path), notices)
        except sqlite3.DatabaseError as exc:
            if not _is_corrupt(exc) or not path.exists():
                raise StoreError(f"cannot use {path}: {exc}") from None
            moved = _move_aside(path)
            notices.append(f"{path} was damaged ({exc}); it was moved to {moved} and a "
                           "new store was started")
        try:
            return cls(path, cls._connect(path), notices)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot use {path}: {exc}") from None

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _refuse_newer(db)  # before anything that could change the file
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            _migrate(db)
            db.execute("SELECT count(*) FROM attempts").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- writing ------------------------------------------------------------------------
    def _write(self, sql: str, params: tuple[Any, ...]) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None

    def begin(self, fingerprint: str, bank_path: str, bank_title: str, language: str,
              group: str | None = None) -> int:
        stamp = now()
        cursor = self._write(
            "INSERT INTO attempts (fingerprint, bank_path, bank_title, language, started_at,"
            " updated_at, group_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (fingerprint, bank_path, bank_title, language, stamp, stamp, group),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def save_answer(self, attempt_id: int, question_id: str, value: Answer | None) -> None:
        """Commit one answer (``None`` removes it) before the caller goes on."""
        stamp = now()
        try:
            with self._transaction():
                if value is None:
                    self._db.execute("DELETE FROM answers WHERE attempt_id = ? AND "
                                     "question_id = ?", (attempt_id, question_id))
                else:
                    self._db.execute(
                        "INSERT INTO answers (attempt_id, question_id, value, answered_at) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (attempt_id, question_id) DO UPDATE "
                        "SET value = excluded.value, answered_at = excluded.answered_at",
                        (attempt_id, question_id, _encode(value), stamp))
                self._db.execute("UPDATE attempts SET updated_at = ? WHERE id = ?",
                                 (stamp, attempt_id))
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None

    def update(self, attempt_id: int, *, fingerprint: str | None = None,
               language: str | None = None) -> None:
        if fingerprint is not None:
            self._write("UPDATE attempts SET fingerprint = ? WHERE id = ?",
                        (fingerprint, attempt_id))
        if language is not None:
            self._write("UPDATE attempts SET language = ? WHERE id = ?", (language, attempt_id))

    def finish(self, attempt_id: int, result: Mapping[str, Any]) -> None:
        self._write("UPDATE attempts SET finished_at = ?, result = ? WHERE id = ?",
                    (now(), json.dumps(result, ensure_ascii=False), attempt_id))

    def reopen(self, attempt_id: int) -> None:
        """The person went back from the result to revise: the attempt is open again."""
        self._write("UPDATE attempts SET finished_at = NULL, result = NULL WHERE id = ?",
                    (attempt_id,))

    def clear_history(self) -> int:
        """Remove every finished attempt; returns how many."""
        try:
            with self._transaction():
                cursor = self._db.execute("DELETE FROM attempts WHERE finished_at IS NOT NULL")
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None
        return cursor.rowcount

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- reading ------------------------------------------------------------------------
    def _attempts(self, where: str, params: tuple[Any, ...]) -> list[Attempt]:
        """The attempts that ``where`` selects, with their answers (two queries in all)."""
        try:
            rows = self._db.execute(
                "SELECT id, fingerprint, bank_path, bank_title, language, started_at, "
                f"updated_at, finished_at, result, group_name FROM attempts WHERE {where}",
                params).fetchall()
            answers: dict[int, dict[str, Answer]] = {row[0]: {} for row in rows}
            if answers:
                marks = ",".join("?" * len(answers))
                for attempt_id, qid, value in self._db.execute(
                        "SELECT attempt_id, question_id, value FROM answers WHERE attempt_id "
                        f"IN ({marks}) ORDER BY rowid", tuple(answers)):
                    try:
                        answers[attempt_id][qid] = _decode(value)
                    except ValueError:
                        continue
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None
        return [
            Attempt(id=row[0], fingerprint=row[1], bank_path=row[2], bank_title=row[3],
                    language=row[4], started_at=row[5], updated_at=row[6], finished_at=row[7],
                    answers=answers[row[0]], result=json.loads(row[8]) if row[8] else None,
                    group=row[9])
            for row in rows
        ]

    def attempt(self, attempt_id: int) -> Attempt | None:
        found = self._attempts("id = ?", (attempt_id,))
        return found[0] if found else None

    def unfinished(self, bank_path: str) -> Attempt | None:
        """The latest unfinished attempt with at least one answer for this bank."""
        found = self._attempts(
            "bank_path = ? AND finished_at IS NULL AND EXISTS (SELECT 1 FROM answers "
            "WHERE attempt_id = attempts.id) ORDER BY updated_at DESC, id DESC LIMIT 1",
            (bank_path,))
        return found[0] if found else None

    def finished(self, bank_path: str | None = None) -> list[Attempt]:
        """Finished attempts, newest first; of one bank when ``bank_path`` is given."""
        if bank_path is None:
            return self._attempts("finished_at IS NOT NULL ORDER BY finished_at DESC, "
                                  "id DESC", ())
        return self._attempts("bank_path = ? AND finished_at IS NOT NULL ORDER BY "
                              "finished_at DESC, id DESC", (bank_path,))

    def in_group(self, group: str) -> list[Attempt]:
        """Every attempt of a group, finished or not, oldest first."""
        return self._attempts("group_name = ? ORDER BY id", (group,))

    def count_finished(self, group: str, since: str = "") -> int:
        """How many attempts of the group were finished at or after ``since`` (a stamp)."""
        try:
            row = self._db.execute(
                "SELECT count(*) FROM attempts WHERE group_name = ? AND finished_at >= ?",
                (group, since)).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None
        return int(row[0])

    def previous_result(self, bank_path: str, before: int | None = None) -> dict[str, Any] | None:
        """The result of the latest finished attempt with this bank (other than ``before``)."""
        try:
            row = self._db.execute(
                "SELECT result FROM attempts WHERE bank_path = ? AND finished_at IS NOT NULL "
                "AND result IS NOT NULL AND id IS NOT ? ORDER BY finished_at DESC, id DESC "
                "LIMIT 1", (bank_path, before)).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None
        return json.loads(row[0]) if row else None


    # -- groups ---------------------------------------------------------------------------
    def set_group(self, attempt_id: int, group: str | None) -> None:
        """Tag an attempt with a group (``None``: no group)."""
        self._write("UPDATE attempts SET group_name = ? WHERE id = ?", (group, attempt_id))

    def group_of(self, attempt_id: int) -> str | None:
        try:
            row = self._db.execute("SELECT group_name FROM attempts WHERE id = ?",
                                   (attempt_id,)).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None
        return None if row is None else row[0]

    def finished_in_group(self, group: str) -> list[Attempt]:
        """Finished attempts of one group, newest first."""
        return self._attempts("group_name = ? AND finished_at IS NOT NULL ORDER BY "
                              "finished_at DESC, id DESC", (group,))

    def group_answers(self, bank_path: str, group: str | None = None) -> Iterator[
            tuple[int, dict[str, Answer]]]:
        """``(attempt id, answers)`` of the finished attempts with this bank (of one group
        when ``group`` is given), oldest first, read as a stream: one attempt in memory at
        a time."""
        where = "a.bank_path = ? AND a.finished_at IS NOT NULL"
        params: tuple[Any, ...] = (bank_path,)
        if group is not None:
            where += " AND a.group_name = ?"
            params += (group,)
        try:
            cursor = self._db.execute(
                "SELECT a.id, w.question_id, w.value FROM attempts a LEFT JOIN answers w ON "
                f"w.attempt_id = a.id WHERE {where} ORDER BY a.finished_at, a.id, w.rowid",
                params)
            current: int | None = None
            answers: dict[str, Answer] = {}
            for attempt_id, qid, value in cursor:
                if attempt_id != current:
                    if current is not None:
                        yield current, answers
                    current, answers = attempt_id, {}
                if qid is not None:
                    try:
                        answers[qid] = _decode(value)
                    except ValueError:
                        continue
            if current is not None:
                yield current, answers
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None

    def count_finished_elsewhere(self, bank_path: str, group: str | None = None) -> int:
        """Finished attempts (of the group) taken with another bank."""
        sql = "SELECT count(*) FROM attempts WHERE bank_path != ? AND finished_at IS NOT NULL"
        params: tuple[Any, ...] = (bank_path,)
        if group is not None:
            sql += " AND group_name = ?"
            params += (group,)
        try:
            return int(self._db.execute(sql, params).fetchone()[0])
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from None


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is None:
            try:
                self.db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        else:
            self._rollback()  # the original error goes on

    def _rollback(self) -> None:
        # SQLite may have rolled back already (e.g. on a full disk): then there is nothing
        # to do, and a ROLLBACK would hide the real error behind "no transaction is active"
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")


def _refuse_newer(db: sqlite3.Connection) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"the store was written by a newer pm-quiz (schema {version}, this one knows "
            f"up to {SCHEMA_VERSION})")


def _migrate(db: sqlite3.Connection) -> None:
    _refuse_newer(db)
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    while version < SCHEMA_VERSION:
        db.execute("BEGIN IMMEDIATE")
        try:
            # re-read under the lock: another process may have migrated meanwhile
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        db.execute(statement)
                version += 1
                db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("not a database", "malformed", "corrupt",
                                         "no such table", "no such column"))


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target
