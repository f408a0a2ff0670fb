"""Finished attempts for ``pm-quiz history``: the list as a Rich table, and a stored result
told again in another language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from pm_quiz.i18n import Phrase, number, t
from pm_quiz.report.data import FORMAT, ResultData, result_data, upgrade
from pm_quiz.report.safe import cut

if TYPE_CHECKING:
    from rich.table import Table


class FinishedAttempt(Protocol):
    """What the table shows of a finished attempt (the store's ``Attempt``)."""

    @property
    def id(self) -> int: ...
    @property
    def finished_at(self) -> str | None: ...
    @property
    def bank_title(self) -> str: ...
    @property
    def damaged(self) -> str | Phrase | None: ...
    @property
    def result(self) -> Mapping[str, Any] | None:
        """As stored: a result of an earlier format too (see :func:`upgrade`)."""


def when(stamp: str | None) -> str:
    """A stored time as local ``YYYY-MM-DD HH:MM``; ``?`` when it is not a time."""
    try:
        return datetime.fromisoformat(stamp or "").astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return "?"


def history_table(attempts: Sequence[FinishedAttempt], width: int, lang: str) -> Table:
    """Finished attempts as a table that fits ``width``; stored texts are shown literally
    and cut without splitting an escape."""
    from rich.table import Table
    from rich.text import Text

    ids = max(len(t(lang, "hist_id")), *(len(str(a.id)) for a in attempts))
    match_head = t(lang, "hist_match")
    room = max(29, width - ids - len("2026-01-01 00:00") - len(match_head) - 8)
    best_width = min(26, max(12, room - 31))
    quiz = min(34, room - best_width)
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(t(lang, "hist_id"), justify="right", no_wrap=True)
    for key in ("hist_finished", "hist_quiz", "hist_best"):
        table.add_column(t(lang, key), no_wrap=True)
    table.add_column(match_head, justify="right", no_wrap=True)
    for a in attempts:
        title = Text(cut(a.bank_title, quiz))
        if a.damaged or a.result is None:
            damaged = t(lang, "hist_damaged", why=a.damaged or "–")
            table.add_row(str(a.id), when(a.finished_at), title,
                          Text(cut(damaged, best_width)), "–")
            continue
        result = upgrade(a.result)
        best = next((p for p in result["profiles"] if p["id"] == result["best"]), None)
        shown = cut(best["name"] if best else t(lang, "hist_unclear"), best_width)
        table.add_row(str(a.id), when(a.finished_at), title, Text(shown),
                      number(lang, best["match"], 1) if best and best["match"] is not None
                      else "–")
    return table


def in_language(data: ResultData, lang: str | None) -> tuple[ResultData, str | None]:
    """A stored result in ``lang``: made again from its answers when the bank it was made
    with is unchanged (same fingerprint) and speaks ``lang``; else as stored, with a
    notice in ``lang`` saying why."""
    if not lang or lang == data["language"]:
        return data, None
    why = "earlier_rule"
    if data["format"] == FORMAT:
        from pm_quiz.bank.loader import load_bank
        from pm_quiz.parsing.problems import InputError
        from pm_quiz.quiz.scoring import score
        from pm_quiz.quiz.session import fitting

        try:
            bank = load_bank(data["bank"]["path"])
        except InputError:
            bank = None
        why = "bank_changed"
        if bank is not None and bank.fingerprint == data["bank"]["fingerprint"] and \
                lang in bank.languages:
            answers = fitting(bank, data["answers"])[0]
            previous = {d["id"]: d["previous"] for d in data["dimensions"]}
            return result_data(bank, score(bank, answers), lang, answers, previous), None
    notice = f"{t(lang, 'history_language', made_in=data['language'])} {t(lang, 'history_' + why)}"
    return data, notice
