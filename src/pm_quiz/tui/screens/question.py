"""One question at a time: progress, the text, the numbered answers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static

from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.screens.base import QuizScreen
from pm_quiz.tui.text import literal
from pm_quiz.tui.widgets.answers import AnswerList
from pm_quiz.tui.widgets.keys import KeyLine
from pm_quiz.tui.widgets.progress import ProgressLine


class QuestionScreen(QuizScreen):
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
        Binding("left,backspace", "back", show=False),
        Binding("right", "forward", show=False),
    ]

    class Finished(Message):
        """Every question is answered: time for the result."""

    class BackFromFirst(Message):
        """Back was pressed on the first question."""

    def __init__(self, keeper: Keeper) -> None:
        super().__init__(keeper)
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="question-view"):
            with Horizontal(id="top"):
                yield Static(id="bank-title")
                yield Static(id="counter")
            yield ProgressLine(id="progress")
            yield Static(id="question-text")
            yield AnswerList(id="answers")
        yield self.bottom()

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one(AnswerList).focus()

    def _show(self, selector: str, content: object) -> None:
        """Update a Static only when its content changes: each update costs a layout."""
        if self._shown.get(selector) != content:
            self._shown[selector] = content
            self.query_one(selector, Static).update(content)  # type: ignore[arg-type]

    def refresh_texts(self) -> None:
        super().refresh_texts()
        session = self.session
        question = session.current
        if question is None:
            return
        lang = session.lang
        self._show("#bank-title", literal(session.bank.title.get(lang)))
        counter = self.query_one("#counter", Static)
        counter.styles.width = len(f"{session.total}/{session.total}")  # no re-layout
        self._show("#counter", f"{session.index + 1}/{session.total}")
        progress = self.query_one(ProgressLine)
        progress.total, progress.done = session.total, session.answered
        self._show("#question-text", literal(question.text.get(lang)))
        choices = session.choices()
        earlier = session.highlighted() if session.current_answer is not None else None
        self.query_one(AnswerList).show(choices, earlier)
        self.query_one(KeyLine).show(self.tr("question_keys", n=len(choices)),
                                     self.tr("question_keys_short", n=len(choices)))

    def _moved(self) -> None:
        if self.session.finished:
            self.post_message(self.Finished())
        else:
            self.refresh_texts()

    def action_choose(self, number: int) -> None:
        if number <= len(self.session.choices()):
            self.session.choose(number)
            self._moved()

    def on_option_list_option_selected(self, event: AnswerList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option_index + 1)

    def action_back(self) -> None:
        if self.session.back():
            self.refresh_texts()
        else:
            self.post_message(self.BackFromFirst())

    def action_forward(self) -> None:
        if self.session.forward():
            self._moved()
