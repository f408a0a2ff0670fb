"""The quiz session: one state machine that every front end drives.

It knows the current question, the answers, how to go back and forth, and the language;
front ends only show its state and pass key presses on. Listeners hear of every answer
*before* the session moves on, so a store can commit it first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pm_quiz.bank.model import Bank, Question
from pm_quiz.quiz.scoring import Answer, Result, check_answer, score


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer a question offers: its number on screen, its value, and its label."""

    number: int
    value: Answer
    label: str


@dataclass(frozen=True, slots=True)
class Change:
    """What listeners are told: the answer ``value`` was given to the question."""

    question_id: str
    value: Answer


Listener = Callable[[Change], None]


class InvalidAnswer(ValueError):
    pass


#: About how long one answer takes: a statement to rate, a question with options to read.
SECONDS_PER_LIKERT = 10
SECONDS_PER_CHOICE = 25


def minutes_to_answer(bank: Bank) -> int:
    """About how many minutes answering the whole bank takes (at least one)."""
    seconds = sum(SECONDS_PER_LIKERT if q.type == "likert" else SECONDS_PER_CHOICE
                  for q in bank.questions)
    return max(1, round(seconds / 60))


def fitting(bank: Bank, answers: Mapping[str, object]) -> tuple[dict[str, Answer], list[str]]:
    """The answers that still answer a question of ``bank`` (the one place that decides it),
    and the ids of those that do not: a question gone, or a value it no longer accepts."""
    kept: dict[str, Answer] = {}
    dropped: list[str] = []
    for qid, value in answers.items():
        question = bank.question(qid)
        if question is not None and check_answer(bank, question, value) is None:
            kept[qid] = value  # type: ignore[assignment]  # check_answer proved the type
        else:
            dropped.append(qid)
    return kept, dropped


class QuizSession:
    def __init__(
        self,
        bank: Bank,
        lang: str,
        answers: Mapping[str, Answer] | None = None,
    ) -> None:
        self.bank = bank
        self.lang = lang
        self.answers: dict[str, Answer] = fitting(bank, answers or {})[0]
        self.listeners: list[Listener] = []
        self.index = self.first_unanswered()

    # -- where we are ----------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.bank.questions)

    @property
    def finished(self) -> bool:
        """On the result: past the last question, every question answered."""
        return self.index >= self.total

    @property
    def current(self) -> Question | None:
        return None if self.finished else self.bank.questions[self.index]

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def current_answer(self) -> Answer | None:
        question = self.current
        return None if question is None else self.answers.get(question.id)

    def first_unanswered(self) -> int:
        for i, question in enumerate(self.bank.questions):
            if question.id not in self.answers:
                return i
        return self.total

    # -- what the current question offers ----------------------------------------------
    def choices(self, question: Question | None = None) -> list[Choice]:
        question = question or self.current
        if question is None:
            return []
        if question.type == "likert":
            scale = self.bank.scale
            labels = scale.labels_for(self.lang)
            return [Choice(i + 1, value, labels[i]) for i, value in enumerate(scale.steps)]
        return [Choice(i + 1, o.id, o.text.get(self.lang)) for i, o in
                enumerate(question.options)]

    def highlighted(self) -> int:
        """0-based index of the current answer among the choices (0 when unanswered)."""
        value = self.current_answer
        for i, choice in enumerate(self.choices()):
            if choice.value == value:
                return i
        return 0

    # -- moves -----------------------------------------------------------------------
    def answer(self, value: Answer) -> None:
        """Record ``value`` for the current question, tell the listeners, then move on."""
        question = self.current
        if question is None:
            raise InvalidAnswer("the quiz is finished")
        expected = check_answer(self.bank, question, value)
        if expected is not None:
            raise InvalidAnswer(f"{value!r} does not answer {question.id} (expected {expected})")
        self.answers[question.id] = value
        self._tell(Change(question.id, value))
        self.index += 1
        if self.finished and self.answered < self.total:
            self.index = self.first_unanswered()

    def choose(self, number: int) -> None:
        """Answer with the ``number``-th choice (1-based), as the digit keys do."""
        choices = self.choices()
        if not 1 <= number <= len(choices):
            raise InvalidAnswer(f"choose a number from 1 to {len(choices)}")
        self.answer(choices[number - 1].value)

    def back(self) -> bool:
        if self.index == 0:
            return False
        self.index = min(self.index, self.total) - 1
        return True

    def forward(self) -> bool:
        """Move over an answered question; the result only once everything is answered."""
        question = self.current
        if question is None or question.id not in self.answers:
            return False
        if self.index + 1 >= self.total and self.answered < self.total:
            return False
        self.index += 1
        return True

    def restore(self, answers: Mapping[str, Answer]) -> list[str]:
        """Take up stored ``answers`` (without telling the listeners: they are stored) and
        go to the first unanswered question. Returns the ids of answers that no longer fit."""
        kept, dropped = fitting(self.bank, answers)
        self.answers.clear()
        self.answers.update(kept)
        self.index = self.first_unanswered()
        return dropped

    def reset(self) -> None:
        """A fresh start from the first question, for a new attempt: the answers are let go
        without telling the listeners, since they belong to the earlier attempt and stay
        stored with it."""
        self.answers.clear()
        self.index = 0

    def next_language(self) -> str:
        """Switch to the bank's next language and return it (no change with only one)."""
        langs = self.bank.languages
        if len(langs) > 1:
            self.lang = langs[(langs.index(self.lang) + 1) % len(langs)] \
                if self.lang in langs else langs[0]
        return self.lang

    def rebase(self, bank: Bank) -> list[str]:
        """Carry on with an edited ``bank``: keep answers still valid, return the dropped ids.

        Listeners are not told of the dropped answers: what was given stays stored, and
        comes back if the bank is edited back."""
        current = self.current.id if self.current else None
        kept, dropped = fitting(bank, self.answers)
        self.answers.clear()
        self.answers.update(kept)
        self.bank = bank
        if self.lang not in bank.languages and bank.languages:
            self.lang = bank.languages[0]
        index = bank.question_index.get(current) if current else None
        self.index = index if index is not None else self.first_unanswered()
        if self.finished and self.answered < self.total:
            self.index = self.first_unanswered()
        return dropped

    def result(self) -> Result:
        return score(self.bank, self.answers)

    def _tell(self, change: Change) -> None:
        for listener in self.listeners:
            listener(change)
