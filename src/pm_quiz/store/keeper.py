"""Keeps a quiz session's progress in the store, so nothing answered is ever lost.

Front ends create a :class:`Keeper`, offer :meth:`Keeper.resume_offer` to the person, call
:meth:`Keeper.resume` or carry on fresh, and ask it for the result. The keeper listens to
the session and commits every answer before the session moves on. When the store cannot
be used (a read-only directory, a full disk), the quiz goes on and :attr:`Keeper.warning`
says that progress is not being saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import t
from pm_quiz.quiz.session import Change, QuizSession, fitting
from pm_quiz.report.data import ResultData, result_data
from pm_quiz.store.database import Attempt, Store, StoreError


class ResumeOffer(NamedTuple):
    """An unfinished attempt with this bank: ``answered`` still valid of ``total``."""

    attempt_id: int
    answered: int
    total: int
    dropped: tuple[str, ...]  # answers that no longer fit the (edited) bank


class Keeper:
    """``group`` tags the attempts it begins. ``shared``: the store is shared by several
    people (``pm-quiz serve``): nobody is offered another's unfinished attempt, and a result
    is never compared with an earlier attempt, which would be someone else's."""

    def __init__(self, bank: Bank, lang: str, store: Store | None = None,
                 warning: str | None = None, *, group: str | None = None,
                 shared: bool = False) -> None:
        self.bank = bank
        self.group = group
        self.shared = shared
        self.session = QuizSession(bank, lang)
        self.session.listeners.append(self._changed)
        self.store = store
        self.notices: list[str] = list(store.notices) if store else []
        self.warning: str | None = None
        self.on_warning: Callable[[str], None] | None = None
        self.attempt_id: int | None = None
        self._language_saved: str | None = None
        self._unfinished: Attempt | None = None
        if warning:
            self._fail(warning)
        if store is not None and not shared:
            try:
                self._unfinished = store.unfinished(self.bank_key)
                if self._unfinished is not None and (
                        store.group_of(self._unfinished.id) != group):
                    self._unfinished = None  # another group's attempt is not offered
            except StoreError as exc:  # a store that cannot be read must not stop the quiz
                self._fail(str(exc))

    @classmethod
    def open(cls, bank: Bank, lang: str, data_dir: Path, group: str | None = None,
             shared: bool = False) -> Keeper:
        try:
            store = Store.open(data_dir)
        except StoreError as exc:
            return cls(bank, lang, None, str(exc), group=group, shared=shared)
        return cls(bank, lang, store, group=group, shared=shared)

    @property
    def bank_key(self) -> str:
        """Attempts belong to a bank by its file's full path."""
        return str(Path(self.bank.path).resolve())

    def _fail(self, reason: str) -> None:
        self.store = None
        self.warning = t(self.session.lang, "not_saving", reason=reason)
        if self.on_warning is not None:
            self.on_warning(self.warning)

    # -- resuming -----------------------------------------------------------------------
    def resume_offer(self) -> ResumeOffer | None:
        attempt = self._unfinished
        if attempt is None:
            return None
        kept, dropped = fitting(self.bank, attempt.answers)
        if not kept:
            return None
        return ResumeOffer(attempt.id, len(kept), len(self.bank.questions), tuple(dropped))

    def resume(self) -> str | None:
        """Carry on with the unfinished attempt; returns a notice naming dropped answers."""
        offer = self.resume_offer()
        if offer is None or self._unfinished is None:
            return None
        self.session.restore(self._unfinished.answers)
        self.attempt_id = offer.attempt_id
        self._unfinished = None  # taken up: there is nothing left to offer
        self._guard(lambda store: store.update(offer.attempt_id,
                                               fingerprint=self.bank.fingerprint))
        if offer.dropped:
            return t(self.session.lang, "dropped", n=len(offer.dropped),
                     ids=", ".join(offer.dropped))
        return None

    # -- recording ----------------------------------------------------------------------
    def _guard(self, action: Callable[[Store], Any]) -> Any:
        if self.store is None:
            return None
        try:
            return action(self.store)
        except StoreError as exc:
            self._fail(str(exc))
            return None

    def _changed(self, change: Change) -> None:
        if self.store is None:
            return
        if self.attempt_id is None:
            if change.value is None:
                return
            title = self.bank.title.get(self.session.lang)
            self.attempt_id = self._guard(lambda store: store.begin(
                self.bank.fingerprint, self.bank_key, title, self.session.lang, self.group))
            self._language_saved = self.session.lang
            if self.attempt_id is None:
                return
        attempt = self.attempt_id
        self._guard(lambda store: store.save_answer(attempt, change.question_id,
                                                    change.value))
        if self._language_saved != self.session.lang:
            self._guard(lambda store: store.update(attempt, language=self.session.lang))
            self._language_saved = self.session.lang

    def rebase(self, bank: Bank) -> list[str]:
        """Carry on with an edited bank; returns the ids of answers that no longer fit.

        The dropped answers stay in the store (nothing given is deleted); the attempt now
        belongs to the new version of the bank."""
        dropped = self.session.rebase(bank)
        self.bank = bank
        if self.attempt_id is not None:
            attempt = self.attempt_id
            self._guard(lambda store: store.update(attempt, fingerprint=bank.fingerprint))
        return dropped

    def start_over(self) -> None:
        """A new attempt from the first question; earlier ones stay as they are."""
        self._unfinished = None
        self.attempt_id = None
        self.session.reset()

    # -- the result -----------------------------------------------------------------------
    def previous_scores(self) -> dict[str, float | None] | None:
        if self.shared:
            return None  # the previous attempt in a shared store is someone else's
        previous = self._guard(lambda store: store.previous_result(self.bank_key,
                                                                   before=self.attempt_id))
        if not previous:
            return None
        return {d["id"]: d["score"] for d in previous.get("dimensions", [])}

    def result(self) -> ResultData:
        """The result data of the session as it stands, compared with the previous attempt."""
        session = self.session
        return result_data(self.bank, session.result(), session.lang, session.answers,
                           self.previous_scores())

    def finish(self) -> ResultData:
        """Store the finished attempt's result and return it."""
        data = self.result()
        if self.attempt_id is not None:
            attempt = self.attempt_id
            self._guard(lambda store: store.finish(attempt, data))
        return data

    def reopen(self) -> None:
        """Back from the result to revise answers: the attempt is unfinished again."""
        if self.attempt_id is not None:
            attempt = self.attempt_id
            self._guard(lambda store: store.reopen(attempt))

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
