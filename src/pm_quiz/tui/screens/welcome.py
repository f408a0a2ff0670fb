"""The first screen: title, introduction, length, language, and how to start or resume."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList, Static

from pm_quiz.quiz.session import Choice, minutes_to_answer
from pm_quiz.store.keeper import Keeper, ResumeOffer
from pm_quiz.tui.screens.base import QuizScreen
from pm_quiz.tui.text import literal
from pm_quiz.tui.widgets.answers import AnswerList
from pm_quiz.tui.widgets.keys import KeyLine

#: Below this many rows the welcome box gives up its inner blank lines.
LOW = 24


class WelcomeScreen(QuizScreen):
    BINDINGS = [Binding("1", "choose(1)", show=False), Binding("2", "choose(2)", show=False),
                Binding("pageup", "scroll_intro(-1)", show=False, priority=True),
                Binding("pagedown", "scroll_intro(1)", show=False, priority=True)]

    class Start(Message):
        """The person chose to begin: ``resume`` the unfinished attempt, or afresh."""

        def __init__(self, resume: bool) -> None:
            super().__init__()
            self.resume = resume

    def __init__(self, keeper: Keeper, offer: ResumeOffer | None = None) -> None:
        super().__init__(keeper)
        self.offer = offer

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(id="welcome-title")
            with VerticalScroll(id="intro-box", can_focus=False):
                yield Static(id="intro")
            yield Static(id="meta")
            yield AnswerList(id="actions")
        yield self.bottom()

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one("#actions", AnswerList).focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < LOW, "-low")  # no padding to spare

    def actions(self) -> list[Choice]:
        if self.offer is None:
            return [Choice(1, "start", self.tr("start"))]
        return [Choice(1, "resume", self.tr("resume", answered=self.offer.answered,
                                            total=self.offer.total)),
                Choice(2, "new", self.tr("start_over"))]

    def refresh_texts(self) -> None:
        super().refresh_texts()
        bank, lang = self.session.bank, self.session.lang
        self.query_one("#welcome-title", Static).update(literal(bank.title.get(lang)))
        intro = self.query_one("#intro", Static)
        intro.update(literal(bank.intro.get(lang)))
        self.query_one("#intro-box").display = bool(bank.intro)
        self.query_one("#meta", Static).update(self.tr(
            "welcome_meta", n=len(bank.questions), minutes=minutes_to_answer(bank),
            language=self.tr("language_name")))
        actions = self.query_one("#actions", AnswerList)
        actions.show(self.actions(), None, actions.highlighted or 0)
        self.query_one(KeyLine).show(self.tr("welcome_keys"), self.tr("welcome_keys_short"))

    def action_choose(self, number: int) -> None:
        actions = self.actions()
        if number <= len(actions):
            self.post_message(self.Start(resume=actions[number - 1].value == "resume"))

    def action_scroll_intro(self, direction: int) -> None:
        """The introduction scrolls in its box when the terminal is too low for all of it."""
        box = self.query_one("#intro-box", VerticalScroll)
        if direction > 0:
            box.scroll_page_down()
        else:
            box.scroll_page_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option_index + 1)
