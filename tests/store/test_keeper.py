"""Unit tests of :class:`pm_quiz.store.keeper.Keeper` with a real store and the minimal bank.

The minimal bank: l1 (likert 1..3), a1 (likert, reverse), c1 (choice a/b); de and en.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.model import Bank
from pm_quiz.quiz.session import Change
from pm_quiz.store.database import FILE_NAME, Store
from pm_quiz.store.keeper import Keeper, ResumeOffer


@pytest.fixture
def bank_file(tmp_path: Path, minimal_bank: Path) -> Path:
    """A copy of the minimal bank: attempts belong to a bank by its resolved path."""
    target = tmp_path / "questions.yaml"
    shutil.copyfile(minimal_bank, target)
    return target


@pytest.fixture
def bank(bank_file: Path) -> Bank:
    return load_bank(bank_file)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def keeper(bank: Bank, data_dir: Path) -> Iterator[Keeper]:
    opened = Keeper.open(bank, "en", data_dir)
    assert opened.store is not None, opened.warning
    yield opened
    opened.close()


def read_store(data_dir: Path) -> Store:
    """A second Store (its own connection) on the same file."""
    return Store.open(data_dir)


def stored_answers(data_dir: Path, attempt_id: int | None) -> dict[str, int | str]:
    assert attempt_id is not None
    with read_store(data_dir) as store:
        attempt = store.attempt(attempt_id)
        assert attempt is not None
        return attempt.answers


def attempt_count(data_dir: Path) -> int:
    db = sqlite3.connect(data_dir / FILE_NAME)
    try:
        return int(db.execute("SELECT count(*) FROM attempts").fetchone()[0])
    finally:
        db.close()


def edit_bank(path: Path) -> None:
    """Remove question l1 and shrink the scale to 1..2 (with two labels per language)."""
    text = path.read_text(encoding="utf-8")
    text = (text.replace("max: 3", "max: 2")
            .replace('["nein", "teils", "ja"]', '["nein", "ja"]')
            .replace('["no", "partly", "yes"]', '["no", "yes"]'))
    lines = [line for line in text.splitlines() if not line.startswith("  - {id: l1,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- recording ------------------------------------------------------------------------------
def test_answers_are_in_the_store_immediately(keeper: Keeper, data_dir: Path) -> None:
    session = keeper.session
    session.choose(3)  # l1 = 3
    assert stored_answers(data_dir, keeper.attempt_id) == {"l1": 3}
    session.answer(1)  # a1 = 1
    assert stored_answers(data_dir, keeper.attempt_id) == {"l1": 3, "a1": 1}
    session.choose(2)  # c1 = "b"
    assert stored_answers(data_dir, keeper.attempt_id) == {"l1": 3, "a1": 1, "c1": "b"}


def test_answer_is_committed_before_the_session_moves_on(keeper: Keeper,
                                                         data_dir: Path) -> None:
    session = keeper.session
    seen: list[tuple[int, dict[str, int | str]]] = []

    def after_keeper(change: Change) -> None:
        assert change.value is not None
        seen.append((session.index, stored_answers(data_dir, keeper.attempt_id)))

    assert session.listeners[0] == keeper._changed  # the keeper listens first
    session.listeners.append(after_keeper)
    session.choose(2)
    session.choose(1)
    assert seen == [(0, {"l1": 2}), (1, {"l1": 2, "a1": 1})]
    assert session.index == 2


def test_changed_answer_replaces_the_stored_one(keeper: Keeper, data_dir: Path) -> None:
    session = keeper.session
    session.choose(1)
    session.back()
    session.choose(3)
    assert stored_answers(data_dir, keeper.attempt_id) == {"l1": 3}


def test_no_attempt_until_the_first_answer(keeper: Keeper, data_dir: Path) -> None:
    assert keeper.attempt_id is None
    assert keeper.resume_offer() is None
    keeper.session.next_language()
    keeper.session.back()
    assert attempt_count(data_dir) == 0
    keeper.session.choose(1)
    assert keeper.attempt_id is not None
    assert attempt_count(data_dir) == 1
    keeper.session.choose(1)
    assert attempt_count(data_dir) == 1


def test_attempt_records_bank_and_language(keeper: Keeper, bank: Bank, bank_file: Path,
                                           data_dir: Path) -> None:
    keeper.session.choose(1)
    with read_store(data_dir) as store:
        attempt = store.attempt(keeper.attempt_id or -1)
        assert attempt is not None
        assert attempt.bank_path == str(bank_file.resolve())
        assert attempt.fingerprint == bank.fingerprint
        assert attempt.bank_title == "Mini quiz"
        assert attempt.language == "en"
    keeper.session.lang = "de"
    keeper.session.choose(1)
    with read_store(data_dir) as store:
        attempt = store.attempt(keeper.attempt_id or -1)
        assert attempt is not None
        assert attempt.language == "de"


# -- resuming ---------------------------------------------------------------------------------
def test_resume_offer_and_resume(bank: Bank, data_dir: Path) -> None:
    first = Keeper.open(bank, "en", data_dir)
    first.session.choose(3)  # l1
    first.session.choose(1)  # a1
    attempt_id = first.attempt_id
    first.close()

    second = Keeper.open(bank, "en", data_dir)
    try:
        assert second.resume_offer() == ResumeOffer(attempt_id or -1, 2, 3, ())
        assert second.resume() is None
        assert second.attempt_id == attempt_id
        assert second.session.answers == {"l1": 3, "a1": 1}
        assert second.session.index == 2  # c1, the first unanswered
        second.session.choose(1)  # carries on in the same attempt
        assert stored_answers(data_dir, attempt_id) == {"l1": 3, "a1": 1, "c1": "a"}
        assert attempt_count(data_dir) == 1
    finally:
        second.close()


def test_resume_first_unanswered_is_a_gap(bank: Bank, data_dir: Path) -> None:
    first = Keeper.open(bank, "en", data_dir)
    first.session.choose(2)  # l1
    first.session.index = 2  # a1 skipped
    first.session.choose(2)  # c1
    first.close()
    second = Keeper.open(bank, "en", data_dir)
    try:
        assert second.resume() is None
        assert second.session.answers == {"l1": 2, "c1": "b"}
        assert second.session.index == 1  # a1
    finally:
        second.close()


def test_no_resume_offer_for_another_bank(bank: Bank, data_dir: Path, tmp_path: Path,
                                          bank_file: Path) -> None:
    first = Keeper.open(bank, "en", data_dir)
    first.session.choose(1)
    first.close()
    elsewhere = tmp_path / "other" / "questions.yaml"
    elsewhere.parent.mkdir()
    shutil.copyfile(bank_file, elsewhere)
    other = Keeper.open(load_bank(elsewhere), "en", data_dir)
    try:
        assert other.resume_offer() is None
        assert other.resume() is None
        assert other.session.answers == {}
        assert other.attempt_id is None
    finally:
        other.close()


def test_resume_with_an_edited_bank(bank: Bank, bank_file: Path, data_dir: Path) -> None:
    first = Keeper.open(bank, "en", data_dir)
    first.session.choose(1)  # l1 = 1: the question is removed
    first.session.choose(3)  # a1 = 3: no longer on the 1..2 scale
    first.session.choose(2)  # c1 = "b": still fits
    attempt_id = first.attempt_id
    first.close()

    edit_bank(bank_file)
    edited = load_bank(bank_file)
    assert [q.id for q in edited.questions] == ["a1", "c1"]
    assert edited.fingerprint != bank.fingerprint

    second = Keeper.open(edited, "en", data_dir)
    try:
        offer = second.resume_offer()
        assert offer is not None
        assert offer.attempt_id == attempt_id
        assert (offer.answered, offer.total) == (1, 2)
        assert set(offer.dropped) == {"l1", "a1"}
        notice = second.resume()
        assert notice is not None
        # by their texts: a question still in the bank from the bank, a removed one from
        # the text kept with the answer (the bank it was answered with was never loaded
        # through the cache here)
        assert "„I listen.“" in notice and "„Numbers bore me.“" in notice
        assert "l1" not in notice
        assert "c1" not in notice
        assert second.session.answers == {"c1": "b"}
        assert second.session.index == 0  # a1
        with read_store(data_dir) as store:
            attempt = store.attempt(attempt_id or -1)
            assert attempt is not None
            assert attempt.fingerprint == edited.fingerprint
    finally:
        second.close()


def test_no_resume_offer_when_nothing_fits_any_more(bank: Bank, bank_file: Path,
                                                    data_dir: Path) -> None:
    first = Keeper.open(bank, "en", data_dir)
    first.session.choose(1)  # l1, removed by the edit
    first.close()
    edit_bank(bank_file)
    second = Keeper.open(load_bank(bank_file), "en", data_dir)
    try:
        assert second.resume_offer() is None
        assert second.resume() is None
        assert second.session.answers == {}
    finally:
        second.close()


def test_a_removed_question_is_named_by_the_text_kept_with_its_answer(
        bank: Bank, bank_file: Path, data_dir: Path) -> None:
    from pm_quiz.bank.cache import CACHE_DIR

    first = Keeper.open(bank, "de", data_dir)
    first.session.choose(2)  # l1 = 2: the question is removed by the edit
    first.session.choose(1)  # a1 = 1: still fits
    first.close()
    with read_store(data_dir) as store:
        attempt = store.attempt(first.attempt_id or -1)
        assert attempt is not None and attempt.texts == {"l1": "Ich höre zu.",
                                                         "a1": "Zahlen langweilen mich."}
    edit_bank(bank_file)
    shutil.rmtree(data_dir / CACHE_DIR, ignore_errors=True)  # no older bank to look in
    second = Keeper.open(load_bank(bank_file), "de", data_dir)
    try:
        assert second._cached_bank(bank.fingerprint) is None
        notice = second.resume()
        assert notice is not None and "„Ich höre zu.“" in notice and "l1" not in notice
        assert second.session.answers == {"a1": 1}
    finally:
        second.close()


def test_an_answer_saved_without_its_text_is_named_by_its_id(
        bank: Bank, bank_file: Path, data_dir: Path) -> None:
    first = Keeper.open(bank, "en", data_dir)
    first.session.choose(2)
    first.session.choose(1)
    first.close()
    db = sqlite3.connect(data_dir / FILE_NAME)
    db.execute("UPDATE answers SET question_text = NULL")  # as an older pm-quiz saved it
    db.commit()
    db.close()
    edit_bank(bank_file)
    second = Keeper.open(load_bank(bank_file), "en", data_dir)
    try:
        notice = second.resume()
        assert notice is not None and notice.endswith(": l1")
    finally:
        second.close()


def test_decide_takes_up_the_offer_or_starts_over(bank: Bank, bank_file: Path,
                                                  data_dir: Path) -> None:
    first = Keeper.open(bank, "en", data_dir)
    first.session.choose(2)  # l1: removed by the edit
    first.session.choose(1)  # a1: still fits
    first.close()
    edit_bank(bank_file)
    edited = load_bank(bank_file)
    resumed = Keeper.open(edited, "en", data_dir)
    try:
        notice = resumed.decide(True)
        assert notice is not None and "1 earlier answer no longer fits" in notice
        assert resumed.session.answers == {"a1": 1}
        assert resumed.attempt_id == first.attempt_id
        assert resumed.decide(False) is None  # taken up: no offer left, nothing changes
        assert resumed.session.answers == {"a1": 1}
    finally:
        resumed.close()
    fresh = Keeper.open(edited, "en", data_dir)
    try:
        assert fresh.decide(False) is None
        assert fresh.session.answers == {} and fresh.resume_offer() is None
        fresh.session.choose(1)
        assert fresh.attempt_id not in (None, first.attempt_id)
    finally:
        fresh.close()


def test_start_over_begins_a_new_attempt(keeper: Keeper, bank_file: Path,
                                         data_dir: Path) -> None:
    keeper.session.choose(3)
    keeper.session.choose(3)
    old = keeper.attempt_id
    keeper.start_over()
    assert keeper.session.answers == {}
    assert keeper.session.index == 0
    assert attempt_count(data_dir) == 1  # nothing new until the next answer
    keeper.session.choose(1)
    assert keeper.attempt_id is not None and keeper.attempt_id != old
    assert attempt_count(data_dir) == 2
    assert stored_answers(data_dir, old) == {"l1": 3, "a1": 3}  # still in the store
    assert stored_answers(data_dir, keeper.attempt_id) == {"l1": 1}
    with read_store(data_dir) as store:
        old_attempt = store.attempt(old or -1)
        assert old_attempt is not None and old_attempt.finished_at is None


# -- the result -------------------------------------------------------------------------------
def answer_all(keeper: Keeper, *numbers: int) -> None:
    for number in numbers:
        keeper.session.choose(number)
    assert keeper.session.finished


def test_finish_stores_the_result(keeper: Keeper, bank_file: Path, data_dir: Path) -> None:
    answer_all(keeper, 3, 1, 1)
    data = keeper.finish()
    assert data["answers"] == {"l1": 3, "a1": 1, "c1": "a"}
    assert all(d["previous"] is None for d in data["dimensions"])  # nothing to compare
    with read_store(data_dir) as store:
        attempt = store.attempt(keeper.attempt_id or -1)
        assert attempt is not None
        assert attempt.finished_at is not None
        assert attempt.result is not None
        assert attempt.result["dimensions"] == data["dimensions"]
        assert attempt.result["answers"] == data["answers"]
        assert attempt.result["best"] == data["best"]
        assert store.unfinished(str(bank_file.resolve())) is None


def test_second_attempt_compares_with_the_first(keeper: Keeper, bank: Bank,
                                                data_dir: Path) -> None:
    answer_all(keeper, 3, 1, 1)
    first = keeper.finish()
    first_scores = [d["score"] for d in first["dimensions"]]
    assert any(score is not None for score in first_scores)

    again = Keeper.open(bank, "en", data_dir)
    try:
        assert again.resume_offer() is None  # the first one is finished
        answer_all(again, 1, 3, 2)
        second = again.finish()
        assert [d["score"] for d in second["dimensions"]] != first_scores
        assert [d["previous"] for d in second["dimensions"]] == first_scores
        assert [d["id"] for d in second["dimensions"]] == [d["id"] for d in first["dimensions"]]
        with read_store(data_dir) as store:
            stored = store.attempt(again.attempt_id or -1)
            assert stored is not None and stored.result is not None
            assert [d["previous"] for d in stored.result["dimensions"]] == first_scores
    finally:
        again.close()


def test_start_over_after_finish_compares_with_the_first(keeper: Keeper) -> None:
    answer_all(keeper, 3, 1, 1)
    first = keeper.finish()
    keeper.start_over()
    answer_all(keeper, 1, 3, 2)
    second = keeper.finish()
    assert [d["previous"] for d in second["dimensions"]] == [
        d["score"] for d in first["dimensions"]]


def test_reopen_makes_the_attempt_unfinished(keeper: Keeper, bank: Bank,
                                             data_dir: Path) -> None:
    answer_all(keeper, 2, 2, 1)
    keeper.finish()
    keeper.reopen()
    with read_store(data_dir) as store:
        attempt = store.attempt(keeper.attempt_id or -1)
        assert attempt is not None
        assert attempt.finished_at is None
        assert attempt.result is None
        assert store.finished() == []
    later = Keeper.open(bank, "en", data_dir)
    try:
        offer = later.resume_offer()
        assert offer is not None
        assert (offer.attempt_id, offer.answered, offer.total) == (keeper.attempt_id, 3, 3)
    finally:
        later.close()


def test_reopened_attempt_is_not_its_own_previous(keeper: Keeper) -> None:
    answer_all(keeper, 3, 1, 1)
    keeper.finish()
    keeper.reopen()
    keeper.session.index = 0
    keeper.session.choose(1)
    keeper.session.index = 3
    again = keeper.finish()
    assert all(d["previous"] is None for d in again["dimensions"])


def test_finish_without_answers_stores_nothing(keeper: Keeper, data_dir: Path) -> None:
    data = keeper.finish()
    assert data["answered"] == 0
    assert keeper.attempt_id is None
    assert attempt_count(data_dir) == 0


# -- when the store cannot be used ------------------------------------------------------------
def test_open_with_a_data_dir_that_cannot_be_created(bank: Bank, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("a file, not a directory")
    keeper = Keeper.open(bank, "en", blocker / "data")
    assert keeper.store is None
    assert keeper.store is None
    assert keeper.warning is not None
    assert "not being saved" in keeper.warning
    assert str(blocker / "data") in keeper.warning
    # the quiz goes on
    assert keeper.resume_offer() is None
    assert keeper.resume() is None
    answer_all(keeper, 3, 1, 2)
    assert keeper.session.answers == {"l1": 3, "a1": 1, "c1": "b"}
    data = keeper.finish()
    assert data["answered"] == 3
    keeper.reopen()
    keeper.close()


def test_warning_follows_the_language(bank: Bank, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("")
    keeper = Keeper.open(bank, "de", blocker / "data")
    assert keeper.warning is not None
    assert "nicht gespeichert" in keeper.warning


def test_damaged_store_notice_reaches_the_keeper(bank: Bank, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / FILE_NAME).write_bytes(b"this is not a database" * 100)
    keeper = Keeper.open(bank, "en", data_dir)
    try:
        assert keeper.store is not None
        assert keeper.warning is None
        assert len(keeper.notices) == 1
        assert "damaged" in keeper.notices[0]
        keeper.session.choose(1)
        assert stored_answers(data_dir, keeper.attempt_id) == {"l1": 1}
    finally:
        keeper.close()


def test_failure_mid_quiz_warns_once_and_the_quiz_goes_on(keeper: Keeper,
                                                          data_dir: Path) -> None:
    warnings: list[str] = []
    keeper.on_warning = warnings.append
    keeper.session.choose(2)  # saved
    attempt_id = keeper.attempt_id
    assert keeper.store is not None
    keeper.store._db.close()  # every further use of the store fails
    keeper.session.choose(3)  # must not raise
    assert keeper.store is None
    assert keeper.warning is not None
    assert "not being saved" in keeper.warning
    assert warnings == [keeper.warning]
    keeper.session.choose(1)
    assert warnings == [keeper.warning]  # once
    assert keeper.session.answers == {"l1": 2, "a1": 3, "c1": "a"}
    assert stored_answers(data_dir, attempt_id) == {"l1": 2}  # what was saved stays


def test_failure_before_the_first_answer(keeper: Keeper) -> None:
    warnings: list[str] = []
    keeper.on_warning = warnings.append
    assert keeper.store is not None
    keeper.store._db.close()
    keeper.session.choose(1)
    assert keeper.store is None
    assert keeper.attempt_id is None
    assert warnings == [keeper.warning]
    keeper.session.choose(1)
    assert len(warnings) == 1
    assert keeper.session.answered == 2


def test_full_disk_mid_quiz(keeper: Keeper, data_dir: Path) -> None:
    warnings: list[str] = []
    keeper.on_warning = warnings.append
    keeper.session.choose(2)
    store = keeper.store
    assert store is not None
    # fill the capped file with a bulky other attempt, so that no answer fits any more
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    filler = store.begin("fp", "/filler.yaml", "", "en")
    for size in (2000, 500, 100, 20, 1):
        for i in range(2000):
            try:
                store.save_answer(filler, f"f{size}-{i}", "x" * size)
            except Exception:
                break
    keeper.session.choose(3)  # must not raise
    assert keeper.store is None
    assert keeper.warning is not None and "not being saved" in keeper.warning
    assert warnings == [keeper.warning]
    assert keeper.session.answers == {"l1": 2, "a1": 3}
    assert stored_answers(data_dir, keeper.attempt_id) == {"l1": 2}
    store.close()


def test_store_failure_while_showing_the_result_does_not_crash(keeper: Keeper) -> None:
    """The comparison with the previous attempt reads the store: a failing store must
    turn into the "not being saved" warning, not an exception out of result()/finish()."""
    warnings: list[str] = []
    keeper.on_warning = warnings.append
    answer_all(keeper, 3, 1, 1)  # all saved
    assert keeper.store is not None
    keeper.store._db.close()  # the store fails now (I/O error, lock, ...)
    data = keeper.finish()  # must not raise
    assert data["answered"] == 3
    assert keeper.store is None
    assert warnings == [keeper.warning]


def test_store_failure_on_reopen_does_not_crash(keeper: Keeper) -> None:
    warnings: list[str] = []
    keeper.on_warning = warnings.append
    answer_all(keeper, 3, 1, 1)
    keeper.finish()
    assert keeper.store is not None
    keeper.store._db.close()
    keeper.reopen()  # must not raise
    assert keeper.store is None
    assert warnings == [keeper.warning]


# -- groups and a shared store (pm-quiz serve) ----------------------------------------------
def test_attempts_carry_their_group(bank: Bank, data_dir: Path) -> None:
    tagged = Keeper.open(bank, "en", data_dir, group="workshop-7")
    plain = Keeper.open(bank, "en", data_dir)
    try:
        answer_all(tagged, 3, 1, 1)
        tagged.finish()
        answer_all(plain, 1, 1, 1)
        with read_store(data_dir) as store:
            group = store.finished(group="workshop-7")
            assert [a.id for a in group] == [tagged.attempt_id]
            assert group[0].answers == {"l1": 3, "a1": 1, "c1": "a"}
            assert store.count_finished("workshop-7") == 1
            assert store.count_finished("workshop-7", since="9999") == 0
            other = store.attempt(plain.attempt_id or -1)
            assert other is not None and other.group is None
    finally:
        tagged.close()
        plain.close()


def test_a_shared_store_offers_no_one_elses_attempt(bank: Bank, data_dir: Path) -> None:
    first = Keeper.open(bank, "en", data_dir, group="g", shared=True)
    try:
        first.session.choose(3)  # unfinished, of another participant
        alone = Keeper.open(bank, "en", data_dir, group="g")
        assert alone.resume_offer() is not None  # a store of one's own: offered
        alone.close()
        second = Keeper.open(bank, "en", data_dir, group="g", shared=True)
        try:
            assert second.resume_offer() is None
            assert second.resume() is None
            second.session.choose(1)
            assert second.attempt_id != first.attempt_id
        finally:
            second.close()
    finally:
        first.close()


def test_a_shared_store_never_compares_with_another_attempt(bank: Bank,
                                                           data_dir: Path) -> None:
    earlier = Keeper.open(bank, "en", data_dir, group="g", shared=True)
    answer_all(earlier, 3, 1, 1)
    earlier.finish()
    earlier.close()
    later = Keeper.open(bank, "en", data_dir, group="g", shared=True)
    try:
        answer_all(later, 1, 3, 2)
        data = later.finish()
        assert all(d["previous"] is None for d in data["dimensions"])
        assert any(d["score"] is not None for d in data["dimensions"])
    finally:
        later.close()
