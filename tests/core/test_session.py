"""The quiz session: where it stands, how it moves, what listeners hear, and rebasing."""

from __future__ import annotations

import copy

import pytest

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.model import Bank
from pm_quiz.quiz.scoring import Answer, score
from pm_quiz.quiz.session import Change, InvalidAnswer, QuizSession, fitting, minutes_to_answer

from banks import BankDict, bank_dict, choice, likert, load, profile
from helpers import ROOT

# q1 likert, q2 choice (a, b, c), q3 likert, q4 choice (yes, no); scale 1..5
QUESTION_IDS = ["q1", "q2", "q3", "q4"]
VALID: dict[str, Answer] = {"q1": 2, "q2": "b", "q3": 5, "q4": "no"}


def session_dict(scale: tuple[int, int] = (1, 5)) -> BankDict:
    return bank_dict(
        ["x", "y"],
        [profile("px", {"x": 100}), profile("py", {"y": 100})],
        [
            likert("q1", "x"),
            choice("q2", {"a": {"x": 1}, "b": {"y": 1}, "c": {"x": -1}}),
            likert("q3", "y", reverse=True),
            choice("q4", {"yes": {"x": 2}, "no": {"y": 2}}),
        ],
        scale=scale,
    )


@pytest.fixture
def bank() -> Bank:
    return load(session_dict())


class Recorder:
    """A listener that notes each change with the session's index at the time."""

    def __init__(self, session: QuizSession) -> None:
        self.session = session
        self.heard: list[tuple[Change, int]] = []
        session.listeners.append(self)

    def __call__(self, change: Change) -> None:
        self.heard.append((change, self.session.index))

    @property
    def changes(self) -> list[Change]:
        return [change for change, _ in self.heard]


def current_id(session: QuizSession) -> str | None:
    return session.current.id if session.current else None


# -- where it starts -----------------------------------------------------------------------
def test_fresh_session_starts_at_the_first_question(bank: Bank) -> None:
    session = QuizSession(bank, "en")
    assert (session.index, current_id(session), session.answered, session.total) == (0, "q1",
                                                                                      0, 4)
    assert not session.finished
    assert session.current_answer is None


def test_starts_at_the_first_unanswered_question(bank: Bank) -> None:
    session = QuizSession(bank, "en", {"q1": 3, "q3": 1})
    assert current_id(session) == "q2"
    assert session.answers == {"q1": 3, "q3": 1}


def test_starts_on_the_result_when_everything_is_answered(bank: Bank) -> None:
    session = QuizSession(bank, "en", VALID)
    assert session.finished and session.current is None and session.index == 4
    assert session.choices() == []
    assert session.result() == score(bank, VALID)


def test_invalid_initial_answers_are_ignored(bank: Bank) -> None:
    given: dict[str, Answer] = {
        "q1": 9,  # out of range
        "q2": "zz",  # unknown option
        "q3": True,  # a boolean is not a likert answer
        "q4": 1,  # a number for a choice question
        "gone": 3,  # unknown question
    }
    session = QuizSession(bank, "en", given)
    assert session.answers == {}
    assert session.index == 0
    mixed = QuizSession(bank, "en", {"q1": 9, "q2": "a", "q3": 0, "q4": "yes"})
    assert mixed.answers == {"q2": "a", "q4": "yes"}
    assert current_id(mixed) == "q1"


def test_initial_answers_are_copied(bank: Bank) -> None:
    given: dict[str, Answer] = {"q1": 3}
    session = QuizSession(bank, "en", given)
    session.index = 0
    session.answer(4)
    assert session.answers == {"q1": 4}
    assert given == {"q1": 3}


# -- answering -------------------------------------------------------------------------------
def test_answer_records_tells_listeners_before_moving(bank: Bank) -> None:
    session = QuizSession(bank, "en")
    seen_inside: list[tuple[int, dict[str, Answer]]] = []

    def listener(change: Change) -> None:
        # the answer is already recorded, but the session has not moved on yet
        assert session.index == QUESTION_IDS.index(change.question_id)
        assert session.answers[change.question_id] == change.value
        seen_inside.append((session.index, dict(session.answers)))

    session.listeners.append(listener)
    recorder = Recorder(session)
    session.answer(4)
    assert seen_inside == [(0, {"q1": 4})]
    assert recorder.heard == [(Change("q1", 4), 0)]
    assert current_id(session) == "q2"
    session.answer("c")
    assert recorder.heard[-1] == (Change("q2", "c"), 1)
    assert current_id(session) == "q3"
    assert session.answers == {"q1": 4, "q2": "c"}


def test_answering_everything_reaches_the_result(bank: Bank) -> None:
    session = QuizSession(bank, "en")
    for qid in QUESTION_IDS:
        assert current_id(session) == qid
        session.answer(VALID[qid])
    assert session.finished and session.answered == 4
    assert session.result() == score(bank, VALID)
    with pytest.raises(InvalidAnswer):
        session.answer(1)


def test_answering_the_last_question_jumps_back_to_an_unanswered_one(bank: Bank) -> None:
    session = QuizSession(bank, "en", {"q1": 1, "q3": 2})
    session.index = 3
    session.answer("yes")
    assert not session.finished
    assert current_id(session) == "q2"
    session.answer("a")  # q2 → moves on to q3, which is answered
    assert current_id(session) == "q3"


def test_reanswering_replaces_the_answer(bank: Bank) -> None:
    session = QuizSession(bank, "en", {"q1": 1})
    recorder = Recorder(session)
    session.index = 0
    assert session.current_answer == 1
    session.answer(5)
    assert session.answers["q1"] == 5 and session.answered == 1
    assert recorder.changes == [Change("q1", 5)]


@pytest.mark.parametrize("bad", [True, False, 0, 6, 2.0, "3", "a", None])
def test_invalid_likert_answers_raise(bank: Bank, bad: object) -> None:
    session = QuizSession(bank, "en")
    recorder = Recorder(session)
    with pytest.raises(InvalidAnswer):
        session.answer(bad)  # type: ignore[arg-type]
    assert session.answers == {} and session.index == 0 and recorder.heard == []


@pytest.mark.parametrize("bad", ["d", "A", "", 1, True])
def test_invalid_choice_answers_raise(bank: Bank, bad: object) -> None:
    session = QuizSession(bank, "en", {"q1": 1})
    with pytest.raises(InvalidAnswer):
        session.answer(bad)  # type: ignore[arg-type]
    assert session.answers == {"q1": 1} and current_id(session) == "q2"


# -- choices and the digit keys ------------------------------------------------------------
def test_choose_maps_digits_to_scale_values() -> None:
    bank = load(session_dict(scale=(-2, 2)))
    session = QuizSession(bank, "en")
    assert [c.value for c in session.choices()] == [-2, -1, 0, 1, 2]
    assert [c.number for c in session.choices()] == [1, 2, 3, 4, 5]
    session.choose(1)
    assert session.answers == {"q1": -2}
    session.index = 0
    session.choose(4)
    assert session.answers == {"q1": 1}


def test_choose_maps_digits_to_option_ids(bank: Bank) -> None:
    session = QuizSession(bank, "en", {"q1": 3})
    assert [(c.number, c.value) for c in session.choices()] == [(1, "a"), (2, "b"), (3, "c")]
    session.choose(3)
    assert session.answers["q2"] == "c"
    session.choose(3)  # q3: the third scale step
    assert session.answers["q3"] == 3
    session.choose(1)  # q4: yes
    assert session.answers["q4"] == "yes"


@pytest.mark.parametrize("number", [0, 4, -1, 9])
def test_choose_out_of_range_raises(bank: Bank, number: int) -> None:
    session = QuizSession(bank, "en", {"q1": 3})  # on q2 with three options
    with pytest.raises(InvalidAnswer):
        session.choose(number)
    assert "q2" not in session.answers


def test_choices_carry_labels_in_the_session_language(bank: Bank) -> None:
    session = QuizSession(bank, "de")
    assert [c.label for c in session.choices()] == [f"Stufe {i}" for i in range(5)]
    session.lang = "en"
    assert [c.label for c in session.choices()] == [f"Step {i}" for i in range(5)]
    session.answer(1)
    assert [c.label for c in session.choices()] == ["Option a", "Option b", "Option c"]


def test_highlighted_is_the_current_answer(bank: Bank) -> None:
    session = QuizSession(bank, "en", {"q1": 4, "q2": "c"})
    assert session.highlighted() == 0  # on q3, unanswered
    session.index = 0
    assert session.highlighted() == 3
    session.index = 1
    assert session.highlighted() == 2


# -- moving back and forth --------------------------------------------------------------------
def test_back_at_the_first_question_does_nothing(bank: Bank) -> None:
    session = QuizSession(bank, "en")
    assert session.back() is False
    assert session.index == 0


def test_back_steps_to_the_previous_question(bank: Bank) -> None:
    session = QuizSession(bank, "en", {"q1": 2, "q2": "a"})
    assert current_id(session) == "q3"
    assert session.back() is True and current_id(session) == "q2"
    assert session.back() is True and current_id(session) == "q1"
    assert session.back() is False and current_id(session) == "q1"


def test_back_from_the_result_goes_to_the_last_question(bank: Bank) -> None:
    session = QuizSession(bank, "en", VALID)
    assert session.finished
    assert session.back() is True
    assert session.index == 3 and current_id(session) == "q4"
    assert session.current_answer == "no"


def test_forward_only_over_answered_questions(bank: Bank) -> None:
    session = QuizSession(bank, "en")
    assert session.forward() is False  # q1 unanswered
    session.answer(3)
    assert session.back() is True and session.index == 0
    assert session.forward() is True and current_id(session) == "q2"
    assert session.forward() is False and current_id(session) == "q2"


def test_forward_reaches_the_result_only_when_all_are_answered(bank: Bank) -> None:
    partial = QuizSession(bank, "en", {"q1": 1, "q2": "a", "q4": "yes"})
    partial.index = 3  # q4 answered, q3 not
    assert partial.forward() is False
    assert partial.index == 3 and not partial.finished

    full = QuizSession(bank, "en", VALID)
    full.index = 2
    assert full.forward() is True and current_id(full) == "q4"
    assert full.forward() is True and full.finished
    assert full.forward() is False and full.finished


# -- languages ---------------------------------------------------------------------------
def test_next_language_cycles(bank: Bank) -> None:
    session = QuizSession(bank, "de")
    assert session.next_language() == "en" and session.lang == "en"
    assert session.next_language() == "de" and session.lang == "de"
    assert session.next_language() == "en"


def test_next_language_from_an_unknown_language_starts_at_the_first(bank: Bank) -> None:
    session = QuizSession(bank, "fr")
    assert session.next_language() == "de"


def test_next_language_with_a_single_language_stays() -> None:
    d = session_dict()
    d["languages"] = ["en"]

    def english_only(node: object) -> object:
        """Every two-language text or label map replaced by its English version."""
        if isinstance(node, dict):
            if set(node) == {"de", "en"}:
                return node["en"]
            return {k: english_only(v) for k, v in node.items()}
        if isinstance(node, list):
            return [english_only(v) for v in node]
        return node

    single = english_only(d)
    assert isinstance(single, dict)
    session = QuizSession(load(single), "en")
    assert session.next_language() == "en" and session.lang == "en"


# -- rebase ----------------------------------------------------------------------------------
def edited(*changes: str) -> Bank:
    d = copy.deepcopy(session_dict())
    for change in changes:
        if change == "shrink scale":
            d["scale"] = {"min": 1, "max": 4,
                          "labels": {"de": ["a", "b", "c", "d"], "en": ["a", "b", "c", "d"]}}
        elif change == "remove option no":
            q4 = next(q for q in d["questions"] if q["id"] == "q4")
            q4["options"] = [*q4["options"][:1],
                             {"id": "maybe", "text": {"de": "v", "en": "m"}}]
        elif change == "q1 becomes choice":
            d["questions"][0] = choice("q1", {"a": {"x": 1}, "b": {}})
        elif change == "remove q2":
            d["questions"] = [q for q in d["questions"] if q["id"] != "q2"]
        else:
            assert change == "nothing", change
    return load(d)


@pytest.mark.parametrize(
    ("change", "dropped", "kept"),
    [
        ("remove q2", ["q2"], {"q1": 2, "q3": 5, "q4": "no"}),
        ("shrink scale", ["q3"], {"q1": 2, "q2": "b", "q4": "no"}),  # q3 was 5
        ("remove option no", ["q4"], {"q1": 2, "q2": "b", "q3": 5}),
        ("q1 becomes choice", ["q1"], {"q2": "b", "q3": 5, "q4": "no"}),
        ("nothing", [], VALID),
        ("remove q2+shrink scale+remove option no", ["q2", "q3", "q4"], {"q1": 2}),
    ],
)
def test_rebase_keeps_valid_answers_and_returns_the_dropped(
        bank: Bank, change: str, dropped: list[str], kept: dict[str, Answer]) -> None:
    session = QuizSession(bank, "en", VALID)
    recorder = Recorder(session)
    new_bank = edited(*change.split("+"))
    assert session.rebase(new_bank) == dropped
    assert session.bank is new_bank
    assert session.answers == kept
    assert recorder.changes == []  # dropped answers stay stored: listeners are not told
    still_there = [qid for qid in dropped if new_bank.question(qid) is not None]
    if still_there:
        # something is unanswered again: the session is on it, not on the result
        assert current_id(session) == still_there[0]
    else:
        assert session.finished
    assert session.result() == score(new_bank, kept)


def test_rebase_keeps_the_current_question(bank: Bank) -> None:
    session = QuizSession(bank, "en", {"q1": 2, "q2": "a"})
    assert current_id(session) == "q3"
    session.rebase(edited("remove q2"))
    assert current_id(session) == "q3" and session.index == 1
    assert session.answers == {"q1": 2}


def test_rebase_when_the_current_question_is_removed(bank: Bank) -> None:
    session = QuizSession(bank, "en", {"q1": 2, "q3": 1})
    assert current_id(session) == "q2"
    assert session.rebase(edited("remove q2")) == []
    assert current_id(session) == "q4"  # the first unanswered one


def test_rebase_moves_to_the_first_language_when_the_current_one_is_gone(bank: Bank) -> None:
    session = QuizSession(bank, "fr")
    session.rebase(edited("nothing"))
    assert session.lang == "de"


def test_fitting_is_the_one_judge_of_stored_answers(bank: Bank) -> None:
    likert_id = next(q.id for q in bank.questions if q.type == "likert")
    choice_id = next(q.id for q in bank.questions if q.type == "choice")
    kept, dropped = fitting(bank, {likert_id: 2, choice_id: "zz", "gone": 1, "x": True})
    assert kept == {likert_id: 2}
    assert dropped == [choice_id, "gone", "x"]


def test_reset_starts_afresh_without_telling_the_listeners(bank: Bank) -> None:
    session = QuizSession(bank, "en")
    heard: list[Change] = []
    session.listeners.append(heard.append)
    session.choose(1)
    session.choose(2)
    session.reset()
    assert session.answers == {} and session.index == 0
    assert [c.value for c in heard] == [session.choices()[0].value,
                                        QuizSession(bank, "en").choices(bank.questions[1])[1]
                                        .value]


def test_minutes_to_answer_counts_each_kind_of_question(bank: Bank) -> None:
    """Two statements (10 s each) and two questions with options (25 s each): 70 s, about a
    minute; a bank that takes seconds still says one minute, the default bank about nine."""
    assert minutes_to_answer(bank) == 1
    default = load_bank(ROOT / "questions.yaml")
    assert minutes_to_answer(default) == round((36 * 10 + 8 * 25) / 60) == 9
