"""kill -9 at any moment loses no committed answer; two instances do not corrupt the store.

The quiz runs in plain mode with piped input, so the test knows exactly when an answer was
acknowledged: the next question appears only after the answer is committed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path

from helpers import pm_quiz_command

BANK = load_bank(default_bank_path())
TOTAL = len(BANK.questions)
KILLS = 50


class Quiz:
    """A ``pm-quiz --plain`` process whose output is read as it comes."""

    def __init__(self, data_dir: Path, *args: str) -> None:
        env = {**os.environ, "PM_QUIZ_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1",
               "LANG": "C.UTF-8"}
        env.pop("PM_QUIZ_QUESTIONS", None)
        self.proc = subprocess.Popen(
            [*pm_quiz_command(), "--plain", "--lang", "en", *args], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=data_dir.parent,
        )
        self.output = b""
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := self.proc.stdout.read1(4096):  # type: ignore[attr-defined]
            with self._lock:
                self.output += chunk

    def text(self) -> str:
        with self._lock:
            return self.output.decode("utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                time.sleep(0.05)
                if text in self.text():
                    return
                raise AssertionError(f"{text!r} did not appear:\n{self.text()[-2000:]}")
            time.sleep(0.002)

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def finish(self) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self._reader.join(timeout=5)
        return self.text()


def stored(data_dir: Path) -> dict[int, dict[str, object]]:
    """Every attempt's answers, read straight from the database file."""
    db = sqlite3.connect(data_dir / "pm-quiz.sqlite3")
    try:
        out: dict[int, dict[str, object]] = {}
        for (attempt,) in db.execute("SELECT id FROM attempts"):
            out[attempt] = {q: json.loads(v) for q, v in db.execute(
                "SELECT question_id, value FROM answers WHERE attempt_id = ?", (attempt,))}
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return out
    finally:
        db.close()


def number_for(index: int, rng: random.Random) -> int:
    question = BANK.questions[index]
    count = len(question.options) if question.type == "choice" else \
        BANK.scale.max - BANK.scale.min + 1
    return rng.randint(1, count)


def value_of(index: int, number: int) -> object:
    question = BANK.questions[index]
    if question.type == "choice":
        return question.options[number - 1].id
    return BANK.scale.min + number - 1


def test_kill_nine_at_random_points_loses_no_committed_answer(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    data_dir = tmp_path / "data"
    acknowledged: dict[str, object] = {}  # answers whose next question appeared
    kills = 0
    while kills < KILLS:
        quiz = Quiz(data_dir, "--resume")
        first = len(acknowledged) + 1
        quiz.wait_for(f"{first}/{TOTAL}")  # resumes exactly after the last committed answer
        in_flight: tuple[str, object] | None = None
        for index in range(first - 1, min(TOTAL - 1, first - 1 + rng.randint(0, 6))):
            number = number_for(index, rng)
            quiz.send(str(number))
            quiz.wait_for(f"{index + 2}/{TOTAL}")
            acknowledged[BANK.questions[index].id] = value_of(index, number)
        index = len(acknowledged)
        if index < TOTAL - 1:
            number = number_for(index, rng)
            quiz.send(str(number))  # killed while this one is being handled, or just after
            in_flight = (BANK.questions[index].id, value_of(index, number))
            time.sleep(rng.uniform(0, 0.03))
        quiz.kill()
        kills += 1
        attempts = stored(data_dir)
        if not attempts and not acknowledged:
            continue  # killed before the first answer got to the store: nothing was given
        assert len(attempts) == 1, attempts
        answers = next(iter(attempts.values()))
        extra = {k: v for k, v in answers.items() if k not in acknowledged}
        # everything acknowledged is there; at most the answer in flight besides
        assert {k: answers.get(k) for k in acknowledged} == acknowledged
        assert extra in ({}, dict([in_flight]) if in_flight else {})
        acknowledged.update(extra)
        if len(acknowledged) >= TOTAL - 1:  # start a new chain before the quiz finishes
            data_dir = tmp_path / f"data-{kills}"
            acknowledged = {}
    assert kills == KILLS


def test_two_instances_at_once_do_not_corrupt_the_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first, second = Quiz(data_dir, "--new"), Quiz(data_dir, "--new")
    for quiz in (first, second):
        quiz.wait_for(f"1/{TOTAL}")
    for _ in range(TOTAL):
        for quiz, number in ((first, "1"), (second, "2")):
            quiz.send(number)
    texts = [first.finish(), second.finish()]
    for text in texts:
        assert f"Answered {TOTAL} of {TOTAL} questions." in text
    attempts = stored(data_dir)
    assert len(attempts) == 2
    values = sorted(sorted(set(map(str, a.values()))) for a in attempts.values())
    assert [len(a) for a in attempts.values()] == [TOTAL, TOTAL]
    assert values[0] != values[1]  # each kept its own answers
    db = sqlite3.connect(data_dir / "pm-quiz.sqlite3")
    finished = db.execute("SELECT count(*) FROM attempts WHERE result IS NOT NULL").fetchone()
    db.close()
    assert finished == (2,)


def test_kill_nine_while_replacing_a_file_leaves_the_old_or_the_new_whole(
        tmp_path: Path) -> None:
    """``score --output X --force`` killed at any moment: X is the old file or the whole new
    one, and once it is the new one, the old one is kept as X.bak."""
    rng = random.Random(20261125)
    target = tmp_path / "result.html"
    old = b"<p>my own notes</p>\n"
    answers = str(Path(__file__).parents[2] / "examples" / "answers.yaml")
    env = {**os.environ, "PM_QUIZ_DATA_DIR": str(tmp_path / "data")}
    outcomes = set()
    for _ in range(12):
        for leftover in tmp_path.glob("result.html.bak*"):
            leftover.unlink()
        target.write_bytes(old)
        proc = subprocess.Popen([*pm_quiz_command(), "score", "--answers", answers, "--output",
                                 str(target), "--force"], env=env, cwd=tmp_path,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.2))
        proc.kill()
        proc.wait(timeout=10)
        content = target.read_bytes()
        backups = sorted(tmp_path.glob("result.html.bak*"))
        if content == old:
            outcomes.add("old")
            assert all(b.read_bytes() == old for b in backups)
        else:
            outcomes.add("new")
            assert content.lstrip().startswith(b"<!DOCTYPE html>")
            assert content.rstrip().endswith(b"</html>")
            assert [b.read_bytes() for b in backups] == [old]
    assert outcomes  # at least one kill landed; which ones depends on the machine
