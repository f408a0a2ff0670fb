"""Groups in the store: a group's finished attempts as respondents, and their export.

Attempts are tagged with a group name (``pm-quiz --group NAME``); no names of people are
stored, and a respondent is known by the attempt's number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import say
from pm_quiz.quiz.batch import Respondent
from pm_quiz.quiz.scoring import check_answer
from pm_quiz.store.database import Store, bank_key

ENV_VAR = "PM_QUIZ_GROUP"
MAX_LENGTH = 100


def group_name(text: str) -> str:
    """A group name as given, checked: 1-100 characters, no control characters.
    Raises :class:`ValueError` saying what is wrong (a :class:`~pm_quiz.i18n.Phrase`)."""
    name = text.strip()
    if not name:
        raise ValueError(say("msg_group_empty"))
    if len(name) > MAX_LENGTH:
        raise ValueError(say("msg_group_too_long", n=len(name)))
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name):
        raise ValueError(say("msg_group_control"))
    return name


@dataclass(slots=True)
class StoredRespondents:
    """The finished attempts with ``bank`` (of ``group``, or all) as respondents, oldest
    first; answers that no longer fit the (edited) bank are left out and counted."""

    store: Store
    bank: Bank
    group: str | None = None
    dropped: int = 0

    def __iter__(self) -> Iterator[Respondent]:
        bank = self.bank
        for attempt_id, answers in self.store.group_answers(bank_key(bank), self.group):
            kept = {}
            for qid, value in answers.items():
                question = bank.question(qid)
                if question is not None and check_answer(bank, question, value) is None:
                    kept[qid] = value
                else:
                    self.dropped += 1
            yield Respondent(str(attempt_id), 0, kept)

    def elsewhere(self) -> int:
        """Finished attempts (of the group) taken with another bank: not included."""
        return self.store.count_finished_elsewhere(bank_key(self.bank), self.group)
