"""The first screen: title, introduction, length, language and how to start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pm_quiz.tui.screens.base import QuizScreen
from pm_quiz.tui.text import literal

SECONDS_PER_LIKERT = 10
SECONDS_PER_CHOICE = 25


class WelcomeScreen(QuizScreen):
    class Start(Message):
        """The person chose to begin."""

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(id="welcome-title")
            yield Static(id="intro")
            yield Static(id="meta")
            yield OptionList(id="actions")
        yield Static(id="keys")

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one("#actions", OptionList).focus()

    def minutes(self) -> int:
        questions = self.session.bank.questions
        seconds = sum(SECONDS_PER_LIKERT if q.type == "likert" else SECONDS_PER_CHOICE
                      for q in questions)
        return max(1, round(seconds / 60))

    def refresh_texts(self) -> None:
        bank, lang = self.session.bank, self.session.lang
        self.query_one("#welcome-title", Static).update(literal(bank.title.get(lang)))
        intro = self.query_one("#intro", Static)
        intro.update(literal(bank.intro.get(lang)))
        intro.display = bool(bank.intro)
        self.query_one("#meta", Static).update(self.tr(
            "welcome_meta", n=len(bank.questions), minutes=self.minutes(),
            language=self.tr("language_name")))
        actions = self.query_one("#actions", OptionList)
        actions.set_options([Option(f"› {self.tr('start')}", id="start")])
        actions.highlighted = 0
        self.query_one("#keys", Static).update(self.tr("welcome_keys"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Start())
