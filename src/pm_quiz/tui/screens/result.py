"""The result: the Rich summary of the core, scrollable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from pm_quiz.report.data import result_data
from pm_quiz.report.summary import Summary
from pm_quiz.tui.screens.base import QuizScreen


class ResultScreen(QuizScreen):
    BINDINGS = [
        Binding("b,left,backspace", "revise", show=False),
        Binding("r", "restart", show=False),
    ]

    class Revise(Message):
        """Back to the questions, to change answers."""

    class Restart(Message):
        """Start over from the first question."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="result"):
            yield Static(id="summary")
        yield Static(id="keys")

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one("#result", VerticalScroll).focus()

    def data(self) -> dict[str, object]:
        session = self.session
        return result_data(session.bank, session.result(), session.lang, session.answers)

    def refresh_texts(self) -> None:
        self.query_one("#summary", Static).update(Summary(self.data()))
        self.query_one("#keys", Static).update(self.tr("result_keys"))

    def action_revise(self) -> None:
        self.post_message(self.Revise())

    def action_restart(self) -> None:
        self.post_message(self.Restart())
