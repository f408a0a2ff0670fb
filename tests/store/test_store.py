"""Unit tests of :class:`pm_quiz.store.database.Store`: schema, round trips, migration,
failures."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pm_quiz.store.database as store_module
from pm_quiz.store.database import FILE_NAME, MIGRATIONS, SCHEMA_VERSION, Store, StoreError

BANK = "/banks/questions.yaml"


def a_result(score: float, **extra: object) -> dict[str, object]:
    """The smallest stored result of the ``pm-quiz-result/1`` shape, with one score."""
    return {"format": "pm-quiz-result/1", "language": "en",
            "bank": {"title": "T", "path": BANK, "fingerprint": "fp"}, "answered": 1,
            "total": 1, "best": None, "close_call": False, "profiles": [],
            "dimensions": [{"id": "listening", "name": "Listening", "description": "",
                            "score": score, "items": 1, "previous": None}],
            "context": None, "answers": {"l1": 1}, **extra}


OTHER_BANK = "/banks/other.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make ``now()`` return strictly increasing, distinct timestamps (one second apart)."""
    ticks = [0]

    def fake_now() -> str:
        ticks[0] += 1
        hours, rest = divmod(ticks[0], 3600)
        return f"2024-01-01T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}+00:00"

    monkeypatch.setattr(store_module, "now", fake_now)
    return ticks


def begin(store: Store, bank_path: str = BANK, language: str = "en") -> int:
    return store.begin("fp", bank_path, "Title", language)


def raw_rows(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows read with a separate, plain sqlite3 connection."""
    db = sqlite3.connect(path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


# -- a new store --------------------------------------------------------------------------
def test_new_store_has_current_schema(tmp_path: Path) -> None:
    directory = tmp_path / "a" / "b"  # parents are created
    with Store.open(directory) as store:
        assert store.version == SCHEMA_VERSION
        assert store.path == directory / FILE_NAME
        assert store.notices == []
    assert (directory / FILE_NAME).is_file()
    assert raw_rows(directory / FILE_NAME, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_new_store_uses_wal(store: Store) -> None:
    assert raw_rows(store.path, "PRAGMA journal_mode") == [("wal",)]


def test_store_connection_is_synchronous_full(store: Store) -> None:
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_store_connection_enforces_foreign_keys(store: Store) -> None:
    assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_keeps_data_and_version(tmp_path: Path) -> None:
    with Store.open(tmp_path) as first:
        attempt = begin(first)
        first.save_answer(attempt, "q1", 2)
    with Store.open(tmp_path) as second:
        assert second.version == SCHEMA_VERSION
        found = second.attempt(attempt)
        assert found is not None
        assert found.answers == {"q1": 2}


# -- round trips --------------------------------------------------------------------------
def test_begin_creates_an_open_attempt(store: Store) -> None:
    attempt_id = store.begin("fingerprint-1", BANK, "Mini quiz", "de")
    attempt = store.attempt(attempt_id)
    assert attempt is not None
    assert attempt.id == attempt_id
    assert attempt.fingerprint == "fingerprint-1"
    assert attempt.bank_path == BANK
    assert attempt.bank_title == "Mini quiz"
    assert attempt.language == "de"
    assert attempt.finished_at is None
    assert attempt.result is None
    assert attempt.answers == {}
    assert attempt.started_at == attempt.updated_at


def test_attempt_ids_are_distinct(store: Store) -> None:
    ids = {begin(store) for _ in range(5)}
    assert len(ids) == 5


def test_missing_attempt_is_none(store: Store) -> None:
    assert store.attempt(12345) is None


def test_save_answer_round_trip(store: Store) -> None:
    attempt = begin(store)
    store.save_answer(attempt, "l1", 3)
    store.save_answer(attempt, "c1", "b")
    found = store.attempt(attempt)
    assert found is not None
    assert found.answers == {"l1": 3, "c1": "b"}
    assert list(found.answers) == ["l1", "c1"]  # in the order they were given


def test_answer_replacement_keeps_the_last(store: Store) -> None:
    attempt = begin(store)
    store.save_answer(attempt, "l1", 1)
    store.save_answer(attempt, "l1", 3)
    found = store.attempt(attempt)
    assert found is not None
    assert found.answers == {"l1": 3}
    rows = raw_rows(store.path, "SELECT value FROM answers WHERE attempt_id = ?", (attempt,))
    assert rows == [("3",)]


def test_answers_of_attempts_are_separate(store: Store) -> None:
    first, second = begin(store), begin(store)
    store.save_answer(first, "l1", 1)
    store.save_answer(second, "l1", 2)
    a, b = store.attempt(first), store.attempt(second)
    assert a is not None and b is not None
    assert a.answers == {"l1": 1}
    assert b.answers == {"l1": 2}


def test_save_answer_touches_updated_at(store: Store, clock: list[int]) -> None:
    attempt = begin(store)
    before = store.attempt(attempt)
    store.save_answer(attempt, "l1", 1)
    after = store.attempt(attempt)
    assert before is not None and after is not None
    assert after.updated_at > before.updated_at
    assert after.started_at == before.started_at


def test_values_keep_their_types(store: Store) -> None:
    attempt = begin(store)
    store.save_answer(attempt, "likert", 5)
    store.save_answer(attempt, "choice", "5")
    store.save_answer(attempt, "negative", -2)
    store.save_answer(attempt, "text", "a b \"quoted\" ünï ✓")
    found = store.attempt(attempt)
    assert found is not None
    assert found.answers == {"likert": 5, "choice": "5", "negative": -2,
                             "text": "a b \"quoted\" ünï ✓"}
    assert type(found.answers["likert"]) is int
    assert type(found.answers["choice"]) is str


@settings(max_examples=60, deadline=None)
@given(value=st.one_of(st.integers(), st.text()))
def test_any_value_round_trips(tmp_path_factory: pytest.TempPathFactory,
                               value: int | str) -> None:
    with Store.open(tmp_path_factory.mktemp("prop")) as store:
        attempt = begin(store)
        store.save_answer(attempt, "q", value)
        found = store.attempt(attempt)
        assert found is not None
        assert found.answers["q"] == value
        assert type(found.answers["q"]) is type(value)


def test_undecodable_stored_value_is_skipped(store: Store) -> None:
    attempt = begin(store)
    store.save_answer(attempt, "good", 1)
    store._db.execute("INSERT INTO answers (attempt_id, question_id, value, answered_at) "
                      "VALUES (?, 'bad', 'true', 'x')", (attempt,))
    store._db.execute("INSERT INTO answers (attempt_id, question_id, value, answered_at) "
                      "VALUES (?, 'worse', '[1]', 'x')", (attempt,))
    found = store.attempt(attempt)
    assert found is not None
    assert found.answers == {"good": 1}


def test_update_changes_fingerprint_and_language(store: Store) -> None:
    attempt = begin(store)
    store.update(attempt, fingerprint="new-fp")
    found = store.attempt(attempt)
    assert found is not None
    assert (found.fingerprint, found.language) == ("new-fp", "en")
    store.update(attempt, language="de")
    found = store.attempt(attempt)
    assert found is not None
    assert (found.fingerprint, found.language) == ("new-fp", "de")


def test_finish_stores_result(store: Store) -> None:
    attempt = begin(store)
    store.save_answer(attempt, "l1", 2)
    result = a_result(50.0, note="Zuhören ✓", none=None)
    store.finish(attempt, result)
    found = store.attempt(attempt)
    assert found is not None
    assert found.finished_at is not None
    assert found.result == result
    assert found.answers == {"l1": 2}


def test_reopen_makes_attempt_unfinished(store: Store) -> None:
    attempt = begin(store)
    store.save_answer(attempt, "l1", 2)
    store.finish(attempt, {"x": 1})
    assert store.unfinished(BANK) is None
    store.reopen(attempt)
    found = store.attempt(attempt)
    assert found is not None
    assert found.finished_at is None
    assert found.result is None
    assert found.answers == {"l1": 2}
    unfinished = store.unfinished(BANK)
    assert unfinished is not None and unfinished.id == attempt
    assert store.finished(BANK) == []


# -- unfinished -----------------------------------------------------------------------------
def test_unfinished_none_for_empty_store(store: Store) -> None:
    assert store.unfinished(BANK) is None


def test_unfinished_ignores_attempts_without_answers(store: Store) -> None:
    with_answer = begin(store)
    store.save_answer(with_answer, "l1", 1)
    begin(store)  # newer, but nothing answered
    found = store.unfinished(BANK)
    assert found is not None
    assert found.id == with_answer


def test_unfinished_ignores_finished_and_other_banks(store: Store) -> None:
    done = begin(store)
    store.save_answer(done, "l1", 1)
    store.finish(done, {})
    other = begin(store, OTHER_BANK)
    store.save_answer(other, "l1", 1)
    assert store.unfinished(BANK) is None
    found = store.unfinished(OTHER_BANK)
    assert found is not None and found.id == other


def test_unfinished_returns_most_recently_updated(store: Store, clock: list[int]) -> None:
    older, newer = begin(store), begin(store)
    store.save_answer(newer, "l1", 1)
    store.save_answer(older, "l1", 2)  # the older attempt is the one updated last
    found = store.unfinished(BANK)
    assert found is not None
    assert found.id == older
    store.save_answer(newer, "a1", 1)
    found = store.unfinished(BANK)
    assert found is not None
    assert found.id == newer


def test_unfinished_most_recent_within_the_same_second(store: Store) -> None:
    """Two updates in quick succession (well within one second) are still ordered by what
    happened last, not by attempt id: timestamps carry microseconds."""
    older, newer = begin(store), begin(store)
    store.save_answer(newer, "l1", 1)
    store.save_answer(older, "l1", 2)  # updated last
    found = store.unfinished(BANK)
    assert found is not None
    assert found.id == older, "unfinished() returned the attempt updated first"


# -- finished and history -------------------------------------------------------------------
def finish_new(store: Store, bank_path: str, score: float) -> int:
    attempt = begin(store, bank_path)
    store.save_answer(attempt, "l1", 1)
    store.finish(attempt, a_result(score))
    return attempt


def test_finished_newest_first_and_by_bank(store: Store, clock: list[int]) -> None:
    first = finish_new(store, BANK, 10.0)
    other = finish_new(store, OTHER_BANK, 20.0)
    second = finish_new(store, BANK, 30.0)
    open_one = begin(store)
    store.save_answer(open_one, "l1", 1)
    assert [a.id for a in store.finished(BANK)] == [second, first]
    assert [a.id for a in store.finished(OTHER_BANK)] == [other]
    assert [a.id for a in store.finished()] == [second, other, first]
    assert store.finished("/nowhere.yaml") == []


def test_finished_orders_by_finish_time_not_id(store: Store, clock: list[int]) -> None:
    early, late = begin(store), begin(store)
    store.save_answer(early, "l1", 1)
    store.save_answer(late, "l1", 1)
    store.finish(late, {"n": 1})
    store.finish(early, {"n": 2})  # finished last
    assert [a.id for a in store.finished(BANK)] == [early, late]


def test_previous_result(store: Store, clock: list[int]) -> None:
    assert store.previous_result(BANK) is None
    first = finish_new(store, BANK, 10.0)
    assert store.previous_result(BANK) == a_result(10.0)
    assert store.previous_result(BANK, before=first) is None
    second = finish_new(store, BANK, 30.0)
    finish_new(store, OTHER_BANK, 99.0)
    assert store.previous_result(BANK) == a_result(30.0)
    assert store.previous_result(BANK, before=second) == a_result(10.0)
    assert store.previous_result(OTHER_BANK) == a_result(99.0)


def test_clear_history_removes_only_finished(store: Store) -> None:
    done_a = finish_new(store, BANK, 1.0)
    done_b = finish_new(store, OTHER_BANK, 2.0)
    open_one = begin(store)
    store.save_answer(open_one, "l1", 3)
    store.save_answer(open_one, "c1", "a")
    empty = begin(store)
    assert store.clear_history() == 2
    assert store.finished() == []
    assert store.attempt(done_a) is None
    assert store.attempt(done_b) is None
    kept = store.attempt(open_one)
    assert kept is not None and kept.answers == {"l1": 3, "c1": "a"}
    assert store.attempt(empty) is not None
    # the answers of removed attempts went with them (cascade)
    rows = raw_rows(store.path, "SELECT DISTINCT attempt_id FROM answers")
    assert rows == [(open_one,)]
    assert store.clear_history() == 0


# -- migration ----------------------------------------------------------------------------
def write_v1_store(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FILE_NAME
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO attempts (id, fingerprint, bank_path, language, started_at, "
               "updated_at) VALUES (7, 'old-fp', ?, 'de', '2023-05-01T10:00:00+00:00', "
               "'2023-05-01T10:05:00+00:00')", (BANK,))
    db.executemany("INSERT INTO answers VALUES (7, ?, ?, '2023-05-01T10:05:00+00:00')",
                   [("l1", "2"), ("c1", '"b"')])
    db.commit()
    db.close()
    return path


def test_migration_from_version_1(tmp_path: Path) -> None:
    path = write_v1_store(tmp_path)
    assert raw_rows(path, "PRAGMA user_version") == [(1,)]
    with Store.open(tmp_path) as store:
        assert store.version == SCHEMA_VERSION
        found = store.unfinished(BANK)
        assert found is not None
        assert found.id == 7
        assert found.fingerprint == "old-fp"
        assert found.language == "de"
        assert found.bank_title == ""  # the new column's default
        assert found.result is None
        assert found.answers == {"l1": 2, "c1": "b"}
        assert store.attempt(7) == found
        # the new columns work
        store.finish(7, a_result(50.0))
        done = store.attempt(7)
        assert done is not None
        assert done.result == a_result(50.0)
        new = store.begin("fp", BANK, "Mini quiz", "en")
        created = store.attempt(new)
        assert created is not None and created.bank_title == "Mini quiz"
    assert raw_rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    with Store.open(tmp_path) as again:  # a migrated store opens as it is
        assert again.version == SCHEMA_VERSION
        assert [a.id for a in again.finished(BANK)] == [7]


def write_store_at(tmp_path: Path, version: int) -> Path:
    """A store as a pm-quiz of schema ``version`` left it: an unfinished attempt (7) with
    two answers."""
    directory = tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FILE_NAME
    db = sqlite3.connect(path)
    for migration in MIGRATIONS[:version]:
        for statement in migration.split(";"):
            if statement.strip():
                db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    db.execute("INSERT INTO attempts (id, fingerprint, bank_path, language, started_at, "
               "updated_at) VALUES (7, 'old-fp', ?, 'de', '2023-05-01T10:00:00+00:00', "
               "'2023-05-01T10:05:00+00:00')", (BANK,))
    db.executemany("INSERT INTO answers (attempt_id, question_id, value, answered_at) "
                   "VALUES (7, ?, ?, '2023-05-01T10:05:00+00:00')",
                   [("l1", "2"), ("c1", '"b"')])
    db.commit()
    db.close()
    return path


def test_migration_from_version_3_keeps_answers_without_their_texts(tmp_path: Path) -> None:
    write_store_at(tmp_path, 3)
    with Store.open(tmp_path) as store:
        assert store.version == SCHEMA_VERSION and store.notices == []
        found = store.attempt(7)
        assert found is not None
        assert found.answers == {"l1": 2, "c1": "b"} and found.texts == {}
        store.save_answer(7, "a1", 1, "Numbers bore me.")
        store.save_answer(7, "l1", 3, "I listen.")
        store.save_answer(7, "l1", 2)  # no text given: the one kept stays
        found = store.attempt(7)
        assert found is not None
        assert found.answers == {"l1": 2, "c1": "b", "a1": 1}
        assert found.texts == {"l1": "I listen.", "a1": "Numbers bore me."}


@pytest.mark.parametrize(("table", "column", "index"), [
    ("attempts", "group_name", "attempts_by_group"),
    ("answers", "question_text", None),
])
def test_a_store_without_a_column_the_code_reads_is_moved_aside(
        tmp_path: Path, table: str, column: str, index: str | None) -> None:
    path = write_store_at(tmp_path, SCHEMA_VERSION)
    db = sqlite3.connect(path)
    if index:
        db.execute(f"DROP INDEX {index}")
    db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.commit()
    db.close()
    with Store.open(tmp_path) as store:
        assert len(store.notices) == 1
        assert f"{table}.{column}" in str(store.notices[0])
        assert store.attempt(7) is None  # a fresh store
    assert list(tmp_path.glob(f"{FILE_NAME}.damaged-*"))


def test_migrated_store_keeps_cascade(tmp_path: Path) -> None:
    path = write_v1_store(tmp_path)
    with Store.open(tmp_path) as store:
        store.finish(7, {})
        assert store.clear_history() == 1
    assert raw_rows(path, "SELECT count(*) FROM answers") == [(0,)]


# -- files that cannot be used ------------------------------------------------------------
def write_newer_store(directory: Path, wal: bool) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FILE_NAME
    db = sqlite3.connect(path)
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
    for migration in MIGRATIONS:
        for statement in migration.split(";"):
            if statement.strip():
                db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    return path


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_newer_schema_is_refused_and_left_unchanged(tmp_path: Path, wal: bool) -> None:
    path = write_newer_store(tmp_path, wal)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Store.open(tmp_path)
    assert path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]  # nothing moved aside
    assert raw_rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION + 1,)]
    assert path.read_bytes() == before


def test_corrupt_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with Store.open(tmp_path) as store:
        assert len(store.notices) == 1
        moved = [p for p in tmp_path.iterdir() if p.name.startswith(FILE_NAME + ".damaged")]
        assert len(moved) == 1
        assert str(moved[0]) in str(store.notices[0])
        assert moved[0].read_bytes() == garbage
        # the new store works
        assert store.version == SCHEMA_VERSION
        attempt = begin(store)
        store.save_answer(attempt, "l1", 1)
        assert store.unfinished(BANK) is not None
    assert path.read_bytes() != garbage


def test_second_corrupt_file_does_not_overwrite_the_first(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"first garbage " * 200)
    Store.open(tmp_path).close()
    path.write_bytes(b"second garbage " * 200)
    with Store.open(tmp_path) as store:
        assert len(store.notices) == 1
    kept = sorted(p.read_bytes() for p in tmp_path.iterdir()
                  if p.name.startswith(FILE_NAME + ".damaged"))
    assert kept == [b"first garbage " * 200, b"second garbage " * 200]


def test_directory_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("I am a file")
    directory = blocker / "data"
    with pytest.raises(StoreError) as raised:
        Store.open(directory)
    message = str(raised.value)
    assert "cannot create" in message
    assert str(directory) in message
    assert blocker.read_text() == "I am a file"


def test_data_dir_that_is_a_file(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    directory.write_text("not a directory")
    with pytest.raises(StoreError, match="is a file, not a directory"):
        Store.open(directory)
    assert directory.read_text() == "not a directory"


def fill_until_full(store: Store, attempt: int) -> tuple[dict[str, int | str], StoreError]:
    """Cap the file at its current size, then save long answers until the store says no.
    Returns what was saved before the failure and the error."""
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    saved: dict[str, int | str] = {}
    for i in range(10_000):
        value = f"{i:04d}" + "x" * 2000
        try:
            store.save_answer(attempt, f"q{i}", value)
        except StoreError as exc:
            return saved, exc
        saved[f"q{i}"] = value
    pytest.fail("the store never filled up")


def test_full_disk_raises_store_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    attempt = begin(store)
    store.save_answer(attempt, "first", 1)
    saved, error = fill_until_full(store, attempt)
    saved = {"first": 1, **saved}
    assert type(error) is StoreError
    assert not isinstance(error, sqlite3.Error)
    assert not store._db.in_transaction  # the failed answer did not leave a write open
    found = store.attempt(attempt)
    assert found is not None and found.answers == saved
    store.close()
    with Store.open(tmp_path) as reopened:
        found = reopened.attempt(attempt)
        assert found is not None
        assert found.answers == saved
        assert raw_rows(reopened.path, "PRAGMA integrity_check") == [("ok",)]
        reopened.save_answer(attempt, "after", 2)  # room again on a new connection
        found = reopened.attempt(attempt)
        assert found is not None and found.answers["after"] == 2


def test_full_disk_error_says_the_disk_is_full(tmp_path: Path) -> None:
    """The StoreError is shown to the person ("Progress is not being saved: <reason>"):
    the reason must be SQLite's "database or disk is full", not a follow-up error."""
    with Store.open(tmp_path) as store:
        attempt = begin(store)
        _, error = fill_until_full(store, attempt)
        assert "full" in str(error), f"StoreError says {str(error)!r}"


def test_write_on_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    attempt = begin(store)
    store.close()
    with pytest.raises(StoreError):
        store.save_answer(attempt, "l1", 1)
    with pytest.raises(StoreError):
        store.begin("fp", BANK, "t", "en")
    with pytest.raises(StoreError):
        store.finish(attempt, {})
    with pytest.raises(StoreError):
        store.clear_history()


def test_two_connections_interleaved(tmp_path: Path) -> None:
    with Store.open(tmp_path) as one, Store.open(tmp_path) as two:
        first = begin(one)
        second = begin(two)
        for i in range(50):
            one.save_answer(first, f"q{i}", i)
            two.save_answer(second, f"q{i}", f"v{i}")
        a = two.attempt(first)
        b = one.attempt(second)
        assert a is not None and b is not None
        assert a.answers == {f"q{i}": i for i in range(50)}
        assert b.answers == {f"q{i}": f"v{i}" for i in range(50)}
        assert one._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert raw_rows(tmp_path / FILE_NAME, "PRAGMA integrity_check") == [("ok",)]
    assert raw_rows(tmp_path / FILE_NAME, "SELECT count(*) FROM answers") == [(100,)]


OPEN_TOGETHER = """
import sys, time
from pathlib import Path
from pm_quiz.store.database import Store, StoreError
start, rounds, root = float(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
refused = 0
for r in range(rounds):
    at = start + r * 0.05  # both processes open round r's store at this moment
    time.sleep(max(0.0, at - time.time() - 0.003))
    while time.time() < at:
        pass
    try:
        Store.open(root / str(r)).close()
    except StoreError as exc:
        refused += 1
        print(exc, file=sys.stderr)
print(refused)
"""


def test_two_processes_creating_the_store_at_once_both_open_it(tmp_path: Path) -> None:
    """Both hold a read lock and want the write lock to switch to WAL; SQLite refuses one at
    once (waiting would deadlock), and the refused one tries again instead of giving up."""
    rounds = 60
    start = time.time() + 1.0  # after both interpreters have started
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_TOGETHER, str(start), str(rounds),
                               str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outcomes = [p.communicate(timeout=60) for p in procs]
    assert [out.strip() for out, _ in outcomes] == ["0", "0"], [err for _, err in outcomes]
    assert len(list(tmp_path.glob("*/" + FILE_NAME))) == rounds
