"""Groups in the store: tagging by the keeper, resuming within a group, reading a group's
answers as a stream, and the group names allowed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.model import Bank
from pm_quiz.store.database import SCHEMA_VERSION, Store
from pm_quiz.store.groups import group_name
from pm_quiz.store.keeper import Keeper
from pm_quiz.store.respondents import StoredRespondents


@pytest.fixture
def bank(tmp_path: Path, minimal_bank: Path) -> Bank:
    target = tmp_path / "questions.yaml"
    shutil.copyfile(minimal_bank, target)
    return load_bank(target)


def take(bank: Bank, data: Path, group: str | None, picks: list[int], finish: bool = True,
         resume: bool = False) -> Keeper:
    keeper = Keeper.open(bank, "en", data, group=group)
    if resume:
        keeper.resume()
    for pick in picks:
        keeper.session.choose(pick)
    if finish:
        keeper.finish()
    keeper.close()
    return keeper


def test_attempts_are_tagged_and_read_back_by_group(bank: Bank, tmp_path: Path) -> None:
    data = tmp_path / "data"
    take(bank, data, "ws", [1, 2, 1])
    take(bank, data, "ws", [3, 3, 2])
    take(bank, data, None, [2, 2, 2])
    take(bank, data, "other", [1, 1, 1])
    with Store.open(data) as store:
        assert store.version == SCHEMA_VERSION
        assert [a.id for a in store.finished(group="ws")] == [2, 1]
        stored = StoredRespondents(store, bank, "ws")
        assert [(r.id, r.answers) for r in stored] == [
            ("1", {"l1": 1, "a1": 2, "c1": "a"}), ("2", {"l1": 3, "a1": 3, "c1": "b"})]
        assert len(list(StoredRespondents(store, bank))) == 4
        assert stored.elsewhere() == 0
        assert store.attempt(3).group is None and store.attempt(4).group == "other"  # type: ignore[union-attr]


def test_resume_is_offered_only_within_the_group(bank: Bank, tmp_path: Path) -> None:
    data = tmp_path / "data"
    take(bank, data, "ws", [1], finish=False)
    assert Keeper.open(bank, "en", data, group="other").resume_offer() is None
    assert Keeper.open(bank, "en", data).resume_offer() is None
    keeper = Keeper.open(bank, "en", data, group="ws")
    offer = keeper.resume_offer()
    keeper.close()
    assert offer is not None and offer.answered == 1
    take(bank, data, "ws", [2, 1], resume=True)
    with Store.open(data) as store:
        assert [(r.id, r.answers) for r in StoredRespondents(store, bank, "ws")] == [
            ("1", {"l1": 1, "a1": 2, "c1": "a"})]


def test_answers_that_no_longer_fit_are_dropped(bank: Bank, tmp_path: Path) -> None:
    data = tmp_path / "data"
    take(bank, data, "ws", [3, 1, 2])
    edited = Path(bank.path)
    edited.write_text(edited.read_text().replace("max: 3", "max: 2").replace(
        '["nein", "teils", "ja"]', '["nein", "ja"]').replace('["no", "partly", "yes"]',
                                                            '["no", "yes"]'))
    with Store.open(data) as store:
        stored = StoredRespondents(store, load_bank(edited), "ws")
        assert [r.answers for r in stored] == [{"a1": 1, "c1": "b"}] and stored.dropped == 1


@pytest.mark.parametrize(("given", "problem"), [
    ("", "empty"), ("   ", "empty"), ("x" * 101, "101 characters"), ("a\x1bb", "control")])
def test_group_names(given: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        group_name(given)
    assert group_name("  Workshop 3 / Dortmund ") == "Workshop 3 / Dortmund"
