"""The result: the Rich summary of the core, scrollable; it can be saved to a file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from pm_quiz.report.data import ResultData
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.screens.base import QuizScreen
from pm_quiz.tui.widgets.keys import KeyLine


class ResultScreen(QuizScreen):
    BINDINGS = [
        Binding("b,left,backspace", "revise", show=False),
        Binding("r", "restart", show=False),
        Binding("e", "export", show=False),
    ]

    class Revise(Message):
        """Back to the questions, to change answers."""

    class Restart(Message):
        """Start over from the first question."""

    class Export(Message):
        """Save the result shown to a file."""

        def __init__(self, data: ResultData) -> None:
            super().__init__()
            self.data = data

    def __init__(self, keeper: Keeper, data: ResultData) -> None:
        super().__init__(keeper)
        self.data = data

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="result"):
            yield Static(id="summary")
        yield self.bottom()

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one("#result", VerticalScroll).focus()

    def refresh_texts(self) -> None:
        super().refresh_texts()
        from pm_quiz.report.summary import Summary  # not needed before the first result

        if self.data["language"] != self.session.lang:
            self.data = self.keeper.result()
        self.query_one("#summary", Static).update(Summary(self.data))
        self.query_one(KeyLine).show(self.tr("result_keys"), self.tr("result_keys_short"))

    def bank_changed(self) -> None:
        self.data = self.keeper.result()
        self.refresh_texts()

    def action_revise(self) -> None:
        self.post_message(self.Revise())

    def action_restart(self) -> None:
        self.post_message(self.Restart())

    def action_export(self) -> None:
        self.post_message(self.Export(self.data))
