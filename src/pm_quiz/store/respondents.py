"""A group's finished attempts in the store, read as respondents (for ``pm-quiz stats``
and ``history export``); a respondent is known by the attempt's number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pm_quiz.bank.model import Bank
from pm_quiz.quiz.batch import Respondent
from pm_quiz.quiz.session import fitting
from pm_quiz.store.database import Store, bank_key


@dataclass(slots=True)
class StoredRespondents:
    """The finished attempts with ``bank`` (of ``group``, or all) as respondents, oldest
    first; answers that no longer fit the (edited) bank are left out and counted."""

    store: Store
    bank: Bank
    group: str | None = None
    dropped: int = 0

    def __iter__(self) -> Iterator[Respondent]:
        for attempt_id, answers in self.store.group_answers(bank_key(self.bank), self.group):
            kept, dropped = fitting(self.bank, answers)
            self.dropped += len(dropped)
            yield Respondent(str(attempt_id), 0, kept)

    def elsewhere(self) -> int:
        """Finished attempts (of the group) taken with another bank: not included."""
        return self.store.count_finished_elsewhere(bank_key(self.bank), self.group)
