"""Where answers and results are kept: one SQLite file in the user's data directory.

* One file, ``pm-quiz.sqlite3``, under ``--data-dir``, ``$PM_QUIZ_DATA_DIR`` or the
  platform's user data directory (platformdirs).
* The schema is versioned with ``PRAGMA user_version`` and moved forward by
  :data:`MIGRATIONS`; the journal is WAL, and every answer is its own committed
  transaction with ``synchronous=FULL``, so a crash or power cut loses nothing answered.
* Only answers and results are stored: no names. Each answer keeps the text its question
  had when answered, so that an answer an edited bank no longer has can still be named.
* A file that is not a usable database (unreadable, damaged pages or index, a table
  missing: ``PRAGMA quick_check`` and the schema are checked on every open) is moved aside
  (never deleted) and a fresh one started: :attr:`Store.notices` says so.
* The file is marked as pm-quiz's with ``PRAGMA application_id``; another application's
  SQLite file at the same path is refused, never given pm-quiz's tables.
* A stored result that cannot be read (not JSON, not the shape of a result, a bad date)
  is reported as damaged on its :class:`Attempt`, never raised.
* Waiting for another process's lock is short (:data:`BUSY_TIMEOUT_MS`); a write that
  still finds the store busy raises :class:`StoreBusy`, which the keeper retries later.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import Phrase, say
from pm_quiz.i18n.external import explain
from pm_quiz.quiz.scoring import Answer

ENV_VAR = "PM_QUIZ_DATA_DIR"
FILE_NAME = "pm-quiz.sqlite3"
#: How long one write waits for another process's lock before :class:`StoreBusy`: short,
#: as the quiz waits with it (the keeper retries with the next answer).
BUSY_TIMEOUT_MS = 1_000
#: How long opening (which may create or migrate the file) waits for a lock.
OPEN_TIMEOUT_MS = 5_000
#: ``PRAGMA application_id`` of a pm-quiz store ("PMQZ").
APPLICATION_ID = 0x504D515A
#: The tables and columns the code relies on (the schema at :data:`SCHEMA_VERSION`).
COLUMNS = {
    "attempts": {"id", "fingerprint", "bank_path", "language", "started_at", "updated_at",
                 "finished_at", "bank_title", "result", "group_name"},
    "answers": {"attempt_id", "question_id", "value", "answered_at", "question_text"},
}


def bank_key(bank: Bank) -> str:
    """Attempts belong to a bank by its file's full path."""
    return str(Path(bank.path).resolve())


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
    # 4: each answer keeps the text its question had, so that an answer the bank no longer
    # has can be named by it (NULL for answers saved before)
    """
    ALTER TABLE answers ADD COLUMN question_text TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be used (read-only, full disk, locked...): say why, quiz on. Its
    argument is the reason, a :class:`Phrase` (said in the message language by ``str()``;
    SQLite's and the system's words are put in it by :func:`explain`)."""

    def said(self, lang: str) -> str:
        """The reason in ``lang``."""
        reason = self.args[0] if self.args else ""
        return reason.said(lang) if isinstance(reason, Phrase) else str(reason)


class StoreBusy(StoreError):
    """Another process held the store's lock for longer than :data:`BUSY_TIMEOUT_MS`:
    nothing was written, and trying again later may well succeed."""


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether another connection's lock stood in the way (SQLITE_BUSY, SQLITE_LOCKED)."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (5, 6) or "locked" in str(exc).lower()


def _error(exc: sqlite3.Error) -> StoreError:
    """The :class:`StoreError` for an SQLite error: :class:`StoreBusy` for a lock."""
    if _is_busy(exc):
        return StoreBusy(say("msg_store_busy", why=explain(exc)))
    if _is_corrupt(exc):
        return StoreError(say("msg_store_damaged", why=explain(exc)))
    return StoreError(explain(exc))


def now() -> str:
    # microseconds: attempts updated within one second still sort in the order they were
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class Attempt:
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
    #: Why the stored result cannot be used (then result is None).
    damaged: str | Phrase | None = None
    #: The text each answered question had when it was answered (in the quiz's language
    #: then), by question id; answers saved by an older pm-quiz have none.
    texts: dict[str, str] = field(default_factory=dict)


def _encode(value: Answer) -> str:
    return json.dumps(value)


class Store:
    def __init__(self, path: Path, connection: sqlite3.Connection,
                 notices: list[str | Phrase] | None = None) -> None:
        self.path = path
        self._db = connection
        self.notices = notices or []

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, directory: Path) -> Store:
        """Open (or create) the store in ``directory``; raise :class:`StoreError` if the
        directory or file cannot be used. A damaged file is moved aside first."""
        path = directory / FILE_NAME
        notices: list[str | Phrase] = []
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise StoreError(say("msg_dir_is_file", path=directory)) from None
        except OSError as exc:
            raise StoreError(say("msg_cannot_create", path=directory,
                                 why=explain(exc))) from None
        try:
            return cls(path, cls._connect(path), notices)
        except sqlite3.DatabaseError as exc:
            if not _is_corrupt(exc) or not path.exists():
                raise StoreError(say("msg_cannot_use", path=path, why=explain(exc))) from None
            moved = _move_aside(path)
            notices.append(say("msg_store_moved_aside", path=path, why=explain(exc),
                               moved=moved))
        try:
            return cls(path, cls._connect(path), notices)
        except sqlite3.Error as exc:
            raise StoreError(say("msg_cannot_use", path=path, why=explain(exc))) from None

    @classmethod
    def open_existing(cls, directory: Path) -> Store | None:
        """The store in ``directory``, or ``None`` when none was started yet; raise
        :class:`StoreError` when ``directory`` could not hold one (a file, a path that
        cannot be created), so that reading commands say so instead of "nothing yet"."""
        usable_directory(directory)
        try:
            exists = os.path.lexists(directory / FILE_NAME)
        except OSError as exc:
            raise StoreError(say("msg_cannot_use", path=directory,
                                 why=explain(exc))) from None
        return cls.open(directory) if exists else None

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=OPEN_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {OPEN_TIMEOUT_MS}")
            _refuse_foreign(db, path)  # before anything that could change the file
            _refuse_newer(db)
            _use_wal(db)
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            _check_integrity(db)
            _migrate(db)
            _check_schema(db)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
            raise _error(exc) from None

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

    def save_answer(self, attempt_id: int, question_id: str, value: Answer,
                    text: str | None = None) -> None:
        """Commit one answer (a new one replaces the one before) before the caller goes on;
        ``text`` is the question as the person read it, kept to name the answer should the
        bank lose the question. No answer is ever removed."""
        stamp = now()
        try:
            with self._transaction():
                self._db.execute(
                    "INSERT INTO answers (attempt_id, question_id, value, answered_at, "
                    "question_text) VALUES (?, ?, ?, ?, ?) ON CONFLICT (attempt_id, "
                    "question_id) DO UPDATE SET value = excluded.value, answered_at = "
                    "excluded.answered_at, question_text = coalesce(excluded."
                    "question_text, question_text)",
                    (attempt_id, question_id, _encode(value), stamp, text))
                self._db.execute("UPDATE attempts SET updated_at = ? WHERE id = ?",
                                 (stamp, attempt_id))
        except sqlite3.Error as exc:
            raise _error(exc) from None

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
            raise _error(exc) from None
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
            texts: dict[int, dict[str, str]] = {row[0]: {} for row in rows}
            if answers:
                marks = ",".join("?" * len(answers))
                for attempt_id, qid, value, text in self._db.execute(
                        "SELECT attempt_id, question_id, value, question_text FROM answers "
                        f"WHERE attempt_id IN ({marks}) ORDER BY rowid", tuple(answers)):
                    answer = _decoded(value)
                    if answer is None:
                        continue
                    answers[attempt_id][qid] = answer
                    if isinstance(text, str) and text.strip():
                        texts[attempt_id][qid] = text
        except sqlite3.Error as exc:
            raise _error(exc) from None
        return [_attempt(row, answers[row[0]], texts[row[0]]) for row in rows]

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

    def finished(self, bank_path: str | None = None,
                 group: str | None = None) -> list[Attempt]:
        """Finished attempts, newest first; of one bank and of one group when given."""
        where, params = _finished_where(bank_path=bank_path, group=group)
        return self._attempts(f"{where} ORDER BY finished_at DESC, id DESC", params)

    def count_finished(self, group: str, since: str = "") -> int:
        """How many attempts of the group were finished at or after ``since`` (a stamp)."""
        try:
            row = self._db.execute(
                "SELECT count(*) FROM attempts WHERE group_name = ? AND finished_at >= ?",
                (group, since)).fetchone()
        except sqlite3.Error as exc:
            raise _error(exc) from None
        return int(row[0])

    def previous_result(self, bank_path: str, before: int | None = None) -> dict[str, Any] | None:
        """The result of the latest finished attempt with this bank (other than ``before``);
        damaged results are passed over."""
        try:
            rows = self._db.execute(
                "SELECT result FROM attempts WHERE bank_path = ? AND finished_at IS NOT NULL "
                "AND result IS NOT NULL AND id IS NOT ? ORDER BY finished_at DESC, id DESC",
                (bank_path, before))
            for (text,) in rows:
                result, damaged = _result(text)
                if damaged is None:
                    return result
        except sqlite3.Error as exc:
            raise _error(exc) from None
        return None

    def set_patience(self, milliseconds: int) -> None:
        """How long the next writes wait for another process's lock."""
        self._db.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    # -- groups ---------------------------------------------------------------------------
    def group_answers(self, bank_path: str, group: str | None = None) -> Iterator[
            tuple[int, dict[str, Answer]]]:
        """``(attempt id, answers)`` of the finished attempts with this bank (of one group
        when ``group`` is given), oldest first, read as a stream: one attempt in memory at
        a time."""
        where, params = _finished_where("a.", bank_path=bank_path, group=group)
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
                if qid is not None and (answer := _decoded(value)) is not None:
                    answers[qid] = answer
            if current is not None:
                yield current, answers
        except sqlite3.Error as exc:
            raise _error(exc) from None

    def count_finished_elsewhere(self, bank_path: str, group: str | None = None) -> int:
        """Finished attempts (of the group) taken with another bank."""
        where, params = _finished_where(group=group)
        try:
            return int(self._db.execute(
                f"SELECT count(*) FROM attempts WHERE {where} AND bank_path != ?",
                (*params, bank_path)).fetchone()[0])
        except sqlite3.Error as exc:
            raise _error(exc) from None


def _finished_where(prefix: str = "", *, bank_path: str | None = None,
                    group: str | None = None) -> tuple[str, tuple[Any, ...]]:
    """The SQL condition (and its parameters) for the finished attempts, of one bank and of
    one group when given; ``prefix`` names the table (``"a."``) in a join."""
    where, params = [f"{prefix}finished_at IS NOT NULL"], []
    for column, value in (("bank_path", bank_path), ("group_name", group)):
        if value is not None:
            where.append(f"{prefix}{column} = ?")
            params.append(value)
    return " AND ".join(where), tuple(params)


def _decoded(value: Any) -> Answer | None:
    """A stored answer, or ``None`` for one that cannot be read (damage: left out)."""
    try:
        answer = json.loads(value)
    except ValueError:
        return None
    return None if isinstance(answer, bool) or not isinstance(answer, (int, str)) else answer


def _result(text: object) -> tuple[dict[str, Any] | None, str | Phrase | None]:
    """A stored result and ``None``, or ``None`` and why it cannot be used."""
    from pm_quiz.report.shape import result_problem

    if not isinstance(text, (str, bytes)):
        return None, say("msg_stored_result_not_text")
    try:
        data = json.loads(text)
    except ValueError:
        return None, say("msg_stored_result_not_json")
    problem = result_problem(data)
    if problem is None:
        return data, None
    return None, say("msg_stored_result_shape", detail=problem)


def _attempt(row: tuple[Any, ...], answers: dict[str, Answer],
             question_texts: dict[str, str] | None = None) -> Attempt:
    """One row of ``attempts`` as an :class:`Attempt`; what cannot be read is named in
    ``damaged`` instead of raised."""
    texts = [value if isinstance(value, str) else "" for value in row[1:7]]
    damaged: str | Phrase | None = None if all(isinstance(value, str) for value in row[1:7]) \
        else say("msg_stored_field_not_text")
    finished = row[7]
    if finished is not None:
        try:
            datetime.fromisoformat(finished)
        except (TypeError, ValueError):
            damaged, finished = say("msg_stored_date_not_date"), str(finished)
    result = None
    if row[8]:
        result, problem = _result(row[8])
        damaged = damaged or problem
    fingerprint, bank_path, bank_title, language, started_at, updated_at = texts
    return Attempt(id=row[0], fingerprint=fingerprint, bank_path=bank_path,
                   bank_title=bank_title, language=language, started_at=started_at,
                   updated_at=updated_at, finished_at=finished, answers=answers,
                   result=None if damaged else result,
                   group=row[9] if isinstance(row[9], str) else None,
                   damaged=damaged, texts=question_texts or {})


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
        raise sqlite3.DatabaseError(say("err_sql_newer", version=version,
                                        known=SCHEMA_VERSION))


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the store to write-ahead logging (once per file; later a no-op).

    Two processes creating the store at once (two quizzes started together, a group served
    in browsers) can each hold a read lock and want the write lock to switch: SQLite then
    refuses one of them at once rather than wait, as waiting would deadlock. So a refused
    switch is tried again until :data:`OPEN_TIMEOUT_MS` has passed."""
    deadline = time.monotonic() + OPEN_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


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


def _tables(db: sqlite3.Connection) -> set[str]:
    return {name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}


def _refuse_foreign(db: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`StoreError` when the file is another application's database: it is
    left exactly as it is (not moved, not given pm-quiz's tables)."""
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    if app_id == APPLICATION_ID:
        return
    tables = _tables(db)
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    # application id 0: a new empty file, or one from a pm-quiz before application ids
    if app_id == 0 and not tables - set(COLUMNS) and (version > 0 or not tables):
        return
    raise StoreError(say("msg_foreign_database", path=path, app_id=app_id,
                         tables=", ".join(sorted(tables)) or say("msg_none")))


def _check_integrity(db: sqlite3.Connection) -> None:
    """Raise a corruption error when SQLite finds damaged pages or indexes."""
    rows = db.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise sqlite3.DatabaseError(f"database disk image is malformed: {rows[0][0]}")


def _check_schema(db: sqlite3.Connection) -> None:
    """Raise a corruption error when a table or column the code needs is missing; put back
    a missing index; mark the file as pm-quiz's."""
    for table, columns in COLUMNS.items():
        found = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if not found:
            raise sqlite3.DatabaseError(f"no such table: {table}")
        if columns - found:
            raise sqlite3.DatabaseError(f"no such column: {table}.{min(columns - found)}")
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = "
                  "'attempts_by_bank'").fetchone() is None:
        db.execute("CREATE INDEX attempts_by_bank ON attempts (bank_path, finished_at)")
    if int(db.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def usable_directory(directory: Path) -> None:
    """Raise :class:`StoreError` unless ``directory`` is a directory or could be created
    (a missing path is created and removed again to find out)."""
    try:
        if directory.is_dir():
            return
        if os.path.lexists(directory):
            raise StoreError(say("msg_dir_is_file", path=directory))
    except OSError as exc:
        raise StoreError(say("msg_cannot_use", path=directory,
                             why=explain(exc))) from None
    created: list[Path] = []
    try:
        for part in reversed([directory, *directory.parents]):
            if not os.path.lexists(part):
                part.mkdir()
                created.append(part)
    except OSError as exc:
        why = say("msg_path_part_is_file") if exc.errno == errno.ENOTDIR else explain(exc)
        raise StoreError(say("msg_cannot_create", path=directory, why=why)) from None
    finally:
        for part in reversed(created):
            os.rmdir(part)


def _is_corrupt(exc: sqlite3.Error) -> bool:
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
