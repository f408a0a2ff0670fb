"""A damaged, foreign, edited or locked store never costs a traceback or an answer.

Each case damages a real store file (random pages written over it with ``dd``, a
broken index, a dropped table, stored results that are not JSON, not a result or not
dated, another application's SQLite file, a lock held by another process) and runs the
installed ``pm-quiz`` on it, or the keeper against it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pm_quiz.bank.loader import load_bank
from pm_quiz.store.database import APPLICATION_ID, FILE_NAME, Store
from pm_quiz.store.keeper import Keeper

from helpers import CORPUS, Run

ALL_ONES = "1\n" * 44
PAGE = 4096


def store_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / FILE_NAME


def quiz(run: Run, count: int = 1) -> None:
    for _ in range(count):
        out = run("--plain", "--lang", "en", input=ALL_ONES)
        assert out.returncode == 0, out.stderr
        assert "not being saved" not in out.stderr, out.stderr


def clean_run(out: subprocess.CompletedProcess[str], code: int = 0) -> None:
    assert out.returncode == code, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr


def moved_aside(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data").glob(f"{FILE_NAME}.damaged-*"))


def assert_recovers(run: Run, tmp_path: Path) -> None:
    """``history`` moves the damaged file aside and says so; the quiz saves again."""
    out = run("history")
    clean_run(out)
    assert "was damaged" in out.stderr and "moved to" in out.stderr, out.stderr
    assert out.stdout.startswith("No finished quizzes yet")
    assert len(moved_aside(tmp_path)) == 1
    quiz(run)
    again = run("history")
    clean_run(again)
    assert again.stderr == "" and len(again.stdout.splitlines()) == 2


# -- damage inside the file -----------------------------------------------------------------
def test_random_pages_are_found_on_open_and_the_file_moved_aside(run: Run,
                                                                tmp_path: Path) -> None:
    quiz(run, 3)
    path = store_file(tmp_path)
    assert path.stat().st_size >= 4 * PAGE
    subprocess.run(["dd", "if=/dev/urandom", f"of={path}", f"bs={PAGE}", "seek=1", "count=2",
                    "conv=notrunc"], check=True, capture_output=True)
    damaged = path.read_bytes()
    assert_recovers(run, tmp_path)
    assert moved_aside(tmp_path)[0].read_bytes() == damaged  # kept, never deleted


def test_damage_found_at_the_start_of_a_quiz(run: Run, tmp_path: Path) -> None:
    quiz(run, 2)
    path = store_file(tmp_path)
    subprocess.run(["dd", "if=/dev/urandom", f"of={path}", f"bs={PAGE}", "seek=1", "count=2",
                    "conv=notrunc"], check=True, capture_output=True)
    out = run("--plain", "--lang", "en", input="1\n")
    clean_run(out)
    assert "was damaged" in out.stderr and "not being saved" not in out.stderr
    assert len(moved_aside(tmp_path)) == 1


def test_a_broken_index_is_damage(run: Run, tmp_path: Path) -> None:
    quiz(run, 2)
    path = store_file(tmp_path)
    db = sqlite3.connect(path)
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                         "'attempts_by_bank'").fetchone()
    db.close()
    with open(path, "r+b") as handle:  # garbage over the index's root page
        handle.seek((root - 1) * PAGE + 8)
        handle.write(os.urandom(PAGE - 8))
    assert_recovers(run, tmp_path)


def test_a_dropped_table_is_damage(run: Run, tmp_path: Path) -> None:
    quiz(run, 1)
    db = sqlite3.connect(store_file(tmp_path))
    db.execute("DROP TABLE answers")
    db.commit()
    db.close()
    assert_recovers(run, tmp_path)


def test_a_dropped_index_is_put_back(run: Run, tmp_path: Path) -> None:
    quiz(run, 1)
    db = sqlite3.connect(store_file(tmp_path))
    db.execute("DROP INDEX attempts_by_bank")
    db.commit()
    db.close()
    out = run("history")
    clean_run(out)
    assert out.stderr == "" and len(out.stdout.splitlines()) == 2
    db = sqlite3.connect(store_file(tmp_path))
    assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'attempts_by_bank'").fetchone()
    db.close()


# -- damaged rows -------------------------------------------------------------------------
@pytest.mark.parametrize("column, value", [
    ("result", "{not json"),
    ("result", json.dumps({"format": "pm-quiz-result/1", "profiles": "none"})),
    ("result", json.dumps([1, 2, 3])),
    ("result", json.dumps({"format": "pm-quiz-result/1"})),
    ("finished_at", "yesterday"),
    ("bank_title", b"\xff\xfe"),
])
def test_a_damaged_result_is_named_not_raised(run: Run, tmp_path: Path, column: str,
                                             value: object) -> None:
    quiz(run, 2)
    db = sqlite3.connect(store_file(tmp_path))
    db.execute(f"UPDATE attempts SET {column} = ? WHERE id = 1", (value,))
    db.commit()
    db.close()

    listing = run("history")
    clean_run(listing)
    lines = listing.stdout.splitlines()
    assert len(lines) == 3 and "damaged" in lines[-1] if column != "finished_at" else True
    assert any("damaged" in line for line in lines), listing.stdout
    assert any(line.lstrip().startswith("2 ") and "damaged" not in line for line in lines)

    shown = run("history", "show", "1")
    clean_run(shown, 2)
    assert "damaged" in shown.stderr
    clean_run(run("history", "show", "2"))

    # the end of a later quiz compares with the last good result, and is finished
    clean_run(run("--plain", "--lang", "en", input=ALL_ONES))
    with Store.open(tmp_path / "data") as store:
        newest = store.attempt(3)
    assert newest is not None and newest.finished_at is not None
    assert newest.result is not None and newest.damaged is None
    assert all(d["previous"] == d["score"] for d in newest.result["dimensions"])


@pytest.mark.parametrize("value, detail", [
    (json.dumps({"format": "x"}), "kein Ergebnis im Format pm-quiz-result/2"),
    (json.dumps({"format": "pm-quiz-result/1", "profiles": "none"}), "result.language fehlt"),
])
def test_what_is_wrong_with_a_stored_result_is_said_in_german(
        run: Run, tmp_path: Path, value: str, detail: str) -> None:
    quiz(run, 1)
    db = sqlite3.connect(store_file(tmp_path))
    db.execute("UPDATE attempts SET result = ? WHERE id = 1", (value,))
    db.commit()
    db.close()
    shown = run("--lang", "de", "history", "show", "1")
    clean_run(shown, 2)
    assert "nicht die erwartete Form" in shown.stderr and detail in shown.stderr, shown.stderr
    assert " is " not in shown.stderr and "missing" not in shown.stderr


# -- another application's file -------------------------------------------------------------
@pytest.mark.parametrize("app_id, version", [(0, 0), (0, 3), (0x12345678, 0)])
def test_another_applications_database_is_refused(run: Run, tmp_path: Path, app_id: int,
                                                  version: int) -> None:
    path = store_file(tmp_path)
    path.parent.mkdir()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    db.execute("INSERT INTO contacts VALUES ('Ada', '123')")
    db.execute(f"PRAGMA application_id = {app_id}")
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    before = path.read_bytes()

    out = run("history")
    clean_run(out, 2)
    assert "not a pm-quiz store" in out.stderr
    played = run("--plain", "--lang", "en", input="1\n")
    clean_run(played)
    assert "not being saved" in played.stderr and "not a pm-quiz store" in played.stderr
    assert path.read_bytes() == before  # no pm-quiz tables, nothing moved
    assert not moved_aside(tmp_path)


def test_a_store_from_before_application_ids_is_kept_and_marked(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.begin("fp", "/b.yaml", "T", "en")
    db = sqlite3.connect(tmp_path / FILE_NAME)
    db.execute("PRAGMA application_id = 0")
    db.commit()
    db.close()
    with Store.open(tmp_path) as store:
        assert store.attempt(1) is not None and not store.notices
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


# -- a lock held by another process -------------------------------------------------------
LOCKER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


class Locker:
    """Another process holding the store's write lock until released."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", LOCKER, str(path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def test_a_held_lock_delays_saving_but_loses_nothing(tmp_path: Path) -> None:
    bank = load_bank(CORPUS / "good" / "minimal.yaml")
    keeper = Keeper.open(bank, "en", tmp_path)
    warnings: list[str | None] = []
    keeper.on_warning = warnings.append
    keeper.session.choose(3)  # saved: the attempt exists
    locker = Locker(tmp_path / FILE_NAME)
    try:
        for number in (1, 2):  # both wait; the interface is held up briefly, not for long
            started = time.monotonic()
            keeper.session.choose(number)
            assert time.monotonic() - started < 3
        assert keeper.store is not None and keeper.waiting == 2
        assert warnings and warnings[-1] is not None and "Not saved yet" in warnings[-1]
        started = time.monotonic()
        keeper.session.back()
        keeper.session.choose(1)  # still locked: a short try only
        assert time.monotonic() - started < 1
    finally:
        locker.release()
    keeper.session.back()
    keeper.session.choose(2)  # the next answer saves everything that waited
    assert keeper.waiting == 0 and warnings[-1] is None and keeper.warning is None
    data = keeper.finish()
    keeper.close()
    with Store.open(tmp_path) as store:
        attempt = store.attempt(keeper.attempt_id or -1)
    assert attempt is not None and attempt.answers == {"l1": 3, "a1": 1, "c1": "b"}
    assert attempt.result == data


def test_the_quiz_under_a_held_lock_says_so_and_saves_at_the_end(run: Run,
                                                                tmp_path: Path) -> None:
    quiz(run, 1)
    locker = Locker(store_file(tmp_path))
    try:
        started = time.monotonic()
        proc = subprocess.Popen(
            [*run("--version").args[:1], "--plain", "--lang", "en"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PM_QUIZ_DATA_DIR": str(tmp_path / "data")}, cwd=tmp_path)
        assert proc.stdin is not None
        proc.stdin.write("2\n" * 5)
        proc.stdin.flush()
        assert proc.stdout is not None
        while "6/44" not in proc.stdout.readline():  # five answers given while locked
            assert proc.poll() is None
    finally:
        locker.release()
    rest, err = proc.communicate("2\n" * 39, timeout=60)
    assert proc.returncode == 0 and "Traceback" not in err
    assert "Answered 44 of 44" in rest
    assert "Not saved yet" in err and "not being saved" not in err
    assert time.monotonic() - started < 20  # not ten seconds per answer
    with Store.open(tmp_path / "data") as store:
        newest = store.finished()[0]
    assert len(newest.answers) == 44 and newest.result is not None


def test_a_lock_held_past_the_end_is_reported(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import pm_quiz.store.keeper as keeper_module

    monkeypatch.setattr(keeper_module, "LAST_TRY_MS", 200)
    bank = load_bank(CORPUS / "good" / "minimal.yaml")
    keeper = Keeper.open(bank, "en", tmp_path)
    keeper.session.choose(3)
    locker = Locker(tmp_path / FILE_NAME)
    try:
        keeper.session.choose(1)
        keeper.close()
    finally:
        locker.release()
    assert keeper.waiting == 1
    assert keeper.warning is not None
    assert keeper.warning.startswith("1 answer could not be saved: the store is in use")


def test_revising_while_the_store_is_busy_reopens_the_attempt_later(tmp_path: Path) -> None:
    bank = load_bank(CORPUS / "good" / "minimal.yaml")
    keeper = Keeper.open(bank, "en", tmp_path)
    for number in (3, 1, 2):
        keeper.session.choose(number)
    keeper.finish()
    locker = Locker(tmp_path / FILE_NAME)
    try:
        keeper.reopen()  # back from the result while another process holds the store
        keeper.session.back()
        keeper.session.choose(1)
        assert keeper.waiting == 1
    finally:
        locker.release()
    keeper.close()  # the last try saves the answer and the reopening
    with Store.open(tmp_path) as store:
        attempt = store.attempt(keeper.attempt_id or -1)
    assert attempt is not None and attempt.finished_at is None and attempt.result is None
    assert attempt.answers == {"l1": 3, "a1": 1, "c1": "a"}
