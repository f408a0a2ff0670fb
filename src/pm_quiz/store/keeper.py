"""Keeps a quiz session's progress in the store, so nothing answered is ever lost.

Front ends create a :class:`Keeper`, offer :meth:`Keeper.resume_offer` to the person, call
:meth:`Keeper.resume` or carry on fresh, and ask it for the result. The keeper listens to
the session and commits every answer before the session moves on. When the store cannot
be used (a read-only directory, a full disk), the quiz goes on and :attr:`Keeper.warning`
says that progress is not being saved. When another process holds the store's lock for
longer than a moment, the answers wait in the keeper and are written with the next answer
(or at the end); :attr:`Keeper.warning` says so meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import t
from pm_quiz.quiz.scoring import Answer
from pm_quiz.quiz.session import Change, QuizSession, fitting
from pm_quiz.report.data import ResultData, result_data
from pm_quiz.store.database import BUSY_TIMEOUT_MS, Attempt, Store, StoreBusy, StoreError, bank_key

#: How long a write waits for another process's lock while answers are already waiting
#: (they are tried again with the next answer, so the quiz need not wait long).
RETRY_PATIENCE_MS = 50
#: How long the last try at the end of the quiz waits.
LAST_TRY_MS = 5_000


@dataclass(frozen=True, slots=True)
class ResumeOffer:
    """An unfinished attempt with this bank: ``answered`` still valid of ``total``."""

    attempt_id: int
    answered: int
    total: int
    dropped: tuple[str, ...]  # answers that no longer fit the (edited) bank


@dataclass(slots=True)
class _Draft:
    """The attempt answers are saved to: ``id`` once the store has it, and the language
    stored with it."""

    id: int | None = None
    language: str | None = None


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
        self.notices: list[str] = [n if isinstance(n, str) else n.said(lang)
                                   for n in store.notices] if store else []
        self.warning: str | None = None
        #: Called with the warning when it changes; ``None`` when everything waiting
        #: was saved after all.
        self.on_warning: Callable[[str | None], None] | None = None
        self._draft = _Draft()
        #: Answers to save (all but the latest only when the store was busy): the
        #: attempt, question id, value, and the question's text as the person read it.
        self._waiting: list[tuple[_Draft, str, Answer, str | None]] = []
        self._result_waiting: tuple[_Draft, ResultData] | None = None
        self._reopen_waiting: _Draft | None = None
        self._busy = False
        self._busy_reason = ""
        self._unfinished: Attempt | None = None
        if warning:
            self._fail(warning)
        if store is not None and not shared:
            try:
                self._unfinished = store.unfinished(self.bank_key)
                if self._unfinished is not None and self._unfinished.group != group:
                    self._unfinished = None  # another group's attempt is not offered
            except StoreError as exc:  # a store that cannot be read must not stop the quiz
                self._fail(exc.said(self.session.lang))

    @classmethod
    def open(cls, bank: Bank, lang: str, data_dir: Path, group: str | None = None,
             shared: bool = False) -> Keeper:
        try:
            store = Store.open(data_dir)
        except StoreError as exc:
            return cls(bank, lang, None, exc.said(lang), group=group, shared=shared)
        return cls(bank, lang, store, group=group, shared=shared)

    @property
    def bank_key(self) -> str:
        """Attempts belong to a bank by its file's full path."""
        return bank_key(self.bank)

    @property
    def attempt_id(self) -> int | None:
        """The stored attempt the answers go to (``None`` before the first is saved)."""
        return self._draft.id

    @property
    def waiting(self) -> int:
        """How many answers wait to be saved because the store was busy."""
        return len(self._waiting)

    def _fail(self, reason: str) -> None:
        self.store = None
        self._waiting.clear()
        self._result_waiting = self._reopen_waiting = None
        self._tell(t(self.session.lang, "not_saving", reason=reason))

    def _tell(self, warning: str | None) -> None:
        self.warning = warning
        if self.on_warning is not None:
            self.on_warning(warning)

    # -- resuming -----------------------------------------------------------------------
    def resume_offer(self) -> ResumeOffer | None:
        attempt = self._unfinished
        if attempt is None:
            return None
        kept, dropped = fitting(self.bank, attempt.answers)
        if not kept:
            return None
        return ResumeOffer(attempt.id, len(kept), len(self.bank.questions), tuple(dropped))

    def decide(self, resume: bool) -> str | None:
        """Take up the unfinished attempt on offer (``resume``) or start a new one; returns
        a notice naming answers the bank no longer has. Without an offer, nothing changes."""
        if resume:
            return self.resume()
        if self.resume_offer() is not None:
            self.start_over()
        return None

    def resume(self) -> str | None:
        """Carry on with the unfinished attempt; returns a notice naming dropped answers."""
        offer = self.resume_offer()
        if offer is None or self._unfinished is None:
            return None
        answered_with = self._unfinished.fingerprint
        stored_texts = self._unfinished.texts
        self.session.restore(self._unfinished.answers)
        self._draft = _Draft(offer.attempt_id, self._unfinished.language)
        self._unfinished = None  # taken up: there is nothing left to offer
        self._guard(lambda store: store.update(offer.attempt_id,
                                               fingerprint=self.bank.fingerprint))
        if offer.dropped:
            return self._dropped_notice(offer.dropped, self._cached_bank(answered_with),
                                        self.bank, texts=stored_texts)
        return None

    def _dropped_notice(self, ids: Sequence[str], *banks: Bank | None,
                        texts: Mapping[str, str] | None = None) -> str:
        """That the answers ``ids`` no longer fit, naming each as the person saw it: the
        question's text (shortened) from the first of ``banks`` that has it, else the text
        stored with the answer (``texts``), else its id."""
        from pm_quiz.report.safe import cut

        names = []
        for qid in ids:
            question = next((q for b in banks if b is not None
                             and (q := b.question(qid)) is not None), None)
            text = question.text.get(self.session.lang) if question is not None else \
                (texts or {}).get(qid)
            names.append(f"„{cut(text, 48)}“" if text else qid)
        return t(self.session.lang, "dropped", n=len(ids), ids=", ".join(names))

    def _cached_bank(self, fingerprint: str | None) -> Bank | None:
        """The bank an attempt was answered with, if the cache of loaded banks still holds
        it (the quiz keeps the last few there)."""
        if self.store is None or not fingerprint:
            return None
        from pm_quiz.bank.cache import CACHE_DIR, cached_bank

        return cached_bank(self.store.path.parent / CACHE_DIR, fingerprint)

    # -- recording ----------------------------------------------------------------------
    def _guard(self, action: Callable[[Store], Any]) -> Any:
        if self.store is None:
            return None
        try:
            return action(self.store)
        except StoreBusy as exc:
            self._wait(exc)
        except StoreError as exc:
            self._fail(exc.said(self.session.lang))
        return None

    def _wait(self, exc: StoreBusy) -> None:
        """The store is busy: what waits is tried again soon, without waiting long."""
        if self.store is not None and not self._busy:
            self._busy = True
            self.store.set_patience(RETRY_PATIENCE_MS)
        self._busy_reason = exc.said(self.session.lang)
        self._tell(t(self.session.lang, "saving_later", reason=self._busy_reason))

    def _changed(self, change: Change) -> None:
        if self.store is None:
            return
        question = self.bank.question(change.question_id)
        text = question.text.get(self.session.lang) if question is not None else None
        self._waiting.append((self._draft, change.question_id, change.value, text))
        self.flush()

    def flush(self) -> bool:
        """Save every answer (and result) still waiting; ``False`` if some still wait."""
        store = self.store
        if store is None:
            return False
        try:
            self._save_waiting(store)
            if self._reopen_waiting is not None and self._reopen_waiting.id is not None:
                store.reopen(self._reopen_waiting.id)
            self._reopen_waiting = None
            if self._result_waiting is not None:
                draft, data = self._result_waiting
                if draft.id is not None:
                    store.finish(draft.id, data)
                self._result_waiting = None
        except StoreBusy as exc:
            self._wait(exc)
            return False
        except StoreError as exc:
            self._fail(exc.said(self.session.lang))
            return False
        if self._busy:
            self._busy = False
            store.set_patience(BUSY_TIMEOUT_MS)
            self._tell(None)
        return True

    def _save_waiting(self, store: Store) -> None:
        lang = self.session.lang
        while self._waiting:
            draft, question_id, value, text = self._waiting[0]
            if draft.id is None and value is not None:
                title = self.bank.title.get(lang)
                draft.id = store.begin(self.bank.fingerprint, self.bank_key, title, lang,
                                       self.group)
                draft.language = lang
            if draft.id is not None:
                store.save_answer(draft.id, question_id, value, text)
            self._waiting.pop(0)
        draft = self._draft
        if draft.id is not None and draft.language != lang:
            store.update(draft.id, language=lang)
            draft.language = lang

    def rebase(self, bank: Bank) -> str | None:
        """Carry on with an edited bank; returns a notice naming answers that no longer fit.

        The dropped answers stay in the store (nothing given is deleted); the attempt now
        belongs to the new version of the bank."""
        answered_with = self.bank
        dropped = self.session.rebase(bank)
        self.bank = bank
        attempt = self.attempt_id
        if attempt is not None:
            self._guard(lambda store: store.update(attempt, fingerprint=bank.fingerprint))
        return self._dropped_notice(dropped, answered_with) if dropped else None

    def start_over(self) -> None:
        """A new attempt from the first question; earlier ones stay as they are."""
        self._unfinished = None
        self._draft = _Draft()
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
        if self.store is not None and (self._draft.id is not None or self._waiting):
            self._result_waiting = (self._draft, data)
            self.flush()
        return data

    def reopen(self) -> None:
        """Back from the result to revise answers: the attempt is unfinished again."""
        if self._result_waiting is not None and self._result_waiting[0] is self._draft:
            self._result_waiting = None  # never written: nothing to take back
            return
        if self.store is not None and self._draft.id is not None:
            self._reopen_waiting = self._draft  # written now, or once the store is free
            self.flush()

    def close(self) -> None:
        """Save what still waits (trying longer than during the quiz), then close. If the
        store stays busy, :attr:`warning` says how many answers were not saved."""
        if self.store is not None:
            if self._waiting or self._result_waiting or self._reopen_waiting:
                self.store.set_patience(LAST_TRY_MS)
                if not self.flush() and self.store is not None:
                    self.warning = t(self.session.lang, "not_saved", n=len(self._waiting),
                                     reason=self._busy_reason)
            if self.store is not None:
                self.store.close()
