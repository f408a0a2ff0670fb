"""``pm-quiz history`` and resuming in plain mode, through the installed command."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import Run

ALL_ONES = "1\n" * 44
ALL_TWOS = "2\n" * 44


def test_history_lists_shows_and_clears(run: Run, tmp_path: Path) -> None:
    assert run("history").stdout.startswith("No finished quizzes yet")
    assert run("--plain", "--lang", "en", input=ALL_ONES).returncode == 0
    assert run("--plain", "--lang", "en", input=ALL_TWOS).returncode == 0
    listing = run("history")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["ID", "finished", "quiz", "best", "profile", "match"]
    assert len(lines) == 3 and lines[1].lstrip().startswith("2 ")  # newest first
    assert "Product management in Dortmund" in lines[1]
    german = run("--lang", "de", "history").stdout.splitlines()
    assert german[0].split() == ["Nr.", "beendet", "Quiz", "bestes", "Profil", "Passung"]
    assert "kein klares" in german[1]  # both finished quizzes were straight-lined

    shown = run("history", "show", "2", "--format", "json")
    data = json.loads(shown.stdout)
    assert data["answered"] == 44 and data["best"] is None  # straight-lined: no clear fit
    assert data["verdict"] == "unclear" and data["reasons"][0]["code"] == "straight_lining"
    first = json.loads(run("history", "show", "1", "--format", "json").stdout)
    assert [d["previous"] for d in data["dimensions"]] == [d["score"] for d in first["dimensions"]]
    text = run("history", "show", "2")
    assert "since last time" in text.stdout

    target = tmp_path / "two.html"
    assert run("history", "show", "2", "--output", str(target)).returncode == 0
    assert "<html" in target.read_text()
    again = run("history", "show", "2", "--output", str(target))
    assert again.returncode == 2 and "exists already" in again.stderr

    missing = run("history", "show", "9")
    assert missing.returncode == 2
    assert missing.stderr == "history: no finished attempt 9 (expected an ID from pm-quiz " \
                             "history: 2, 1)\n"

    refused = run("history", "--clear")  # no terminal to confirm in
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert len(run("history").stdout.splitlines()) == 3
    cleared = run("history", "--clear", "--yes")
    assert cleared.stdout.startswith("Removed 2 finished quizzes;")
    assert run("history").stdout.startswith("No finished quizzes yet")


def test_plain_mode_offers_to_resume(run: Run) -> None:
    run("--plain", "--lang", "en", input="5\n1\n")  # two answers, then the input ends
    resumed = run("--plain", "--lang", "en", input="y\n3\n")
    assert "Resume your unfinished quiz (2 of 44 answered)? [Y/n]" in resumed.stdout
    assert "3/44" in resumed.stdout and "Your 3 answers are saved." in resumed.stdout
    fresh = run("--plain", "--lang", "en", input="n\n4\n")
    assert "Your answer is saved." in fresh.stdout
    flagged = run("--plain", "--lang", "en", "--resume", input="2\n")
    assert "Resume your" not in flagged.stdout
    assert "Your 2 answers are saved." in flagged.stdout  # the newest unfinished: 1 + 1


def test_an_edited_bank_drops_answers_with_a_notice(run: Run, tmp_path: Path,
                                                    minimal_bank: Path) -> None:
    bank = tmp_path / "questions.yaml"
    bank.write_text(minimal_bank.read_text())
    run("--plain", "--lang", "en", input="3\n1\n")
    bank.write_text(bank.read_text().replace("{id: l1, type: likert", "{id: l9, type: likert"))
    out = run("--plain", "--lang", "en", "--resume", input="")
    # named as it was asked: the bank answered with is still in the cache of loaded banks
    assert "pm-quiz: The bank has changed: 1 earlier answer no longer fits and was left " \
           "out: „I listen.“" in out.stderr
    assert "Your answer is saved." in out.stdout


def test_a_damaged_store_is_moved_aside(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "pm-quiz.sqlite3").write_bytes(b"garbage " * 1000)
    out = run("--plain", "--lang", "en", input="1\n")
    assert out.returncode == 0
    assert "was damaged" in out.stderr and "moved to" in out.stderr
    moved = list(data.glob("pm-quiz.sqlite3.damaged-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b"garbage " * 1000
    assert "Your answer is saved." in out.stdout


def test_an_unwritable_data_dir_warns_and_the_quiz_runs(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = run("--plain", "--lang", "en", "--data-dir", str(blocker / "data"), input="1\n")
    assert out.returncode == 0
    assert "pm-quiz: Progress is not being saved: cannot create" in out.stderr
    assert "1/44" in out.stdout and "are saved" not in out.stdout


def test_history_show_follows_lang_when_the_bank_is_unchanged(run: Run, tmp_path: Path,
                                                              minimal_bank: Path) -> None:
    bank = tmp_path / "questions.yaml"
    bank.write_text(minimal_bank.read_text())
    assert run("--plain", "--lang", "de", input="3\n1\n1\n").returncode == 0
    english = run("history", "show", "1", "--lang", "en")
    assert english.returncode == 0, english.stderr
    assert "Your result" in english.stdout and "Best fit: Listener" in english.stdout
    bank.write_text(bank.read_text().replace("Zuhörerin", "Zuhörende"))  # edited since
    kept = run("history", "show", "1", "--lang", "en")
    assert "Dein Ergebnis" in kept.stdout
    assert "The result is shown in the language it was made in (de)" in kept.stderr
