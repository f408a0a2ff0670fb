"""Plain mode: the quiz line by line, for screen readers, dumb terminals and logs.

A front end like the Textual app: it shows the session's state and passes the person's
input on, nothing more. A number answers, ``b`` goes back, ``l`` switches the language,
``q`` quits, an empty line keeps an earlier answer. Every answer is saved as it is given;
quitting (or the input ending) before the last question leaves the quiz to be resumed, as
in the app. The result is shown once every question is answered.
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pm_quiz.i18n import t, yes_or_no
from pm_quiz.quiz.session import QuizSession
from pm_quiz.report.printing import print_trimmed
from pm_quiz.report.safe import literal, message
from pm_quiz.report.summary import Summary
from pm_quiz.store.keeper import Keeper

EXIT_OK = 0


def _warn(text: str | None, lang: str = "en") -> None:
    """A warning on standard error; ``None``: the answers that waited are saved now."""
    print(f"pm-quiz: {message(text) if text else t(lang, 'saved_again')}", file=sys.stderr)


class PlainQuiz:
    """One run of the quiz over a text stream."""

    def __init__(self, keeper: Keeper, stdin: TextIO, console: Console) -> None:
        self.keeper = keeper
        self.stdin = stdin
        self.console = console

    @property
    def session(self) -> QuizSession:
        return self.keeper.session

    def tr(self, key: str, **values: object) -> str:
        return t(self.session.lang, key, **values)

    def read(self) -> str | None:
        """A line of input, lower-cased and stripped; ``None`` at the end of the input."""
        line = self.stdin.readline()
        if not line:
            self.console.print()
            return None
        reply = line.strip().lower()
        if not self.stdin.isatty():
            self.console.print(literal(reply))  # echo piped input: a log reads like the session
        return reply

    def introduce(self, notice: bool) -> None:
        if notice:
            print(self.tr("plain_notice"), file=sys.stderr)
        for text in self.keeper.notices:
            _warn(text)
        if self.keeper.warning:
            _warn(self.keeper.warning)
        self.keeper.on_warning = lambda text: _warn(text, self.session.lang)
        bank, lang = self.session.bank, self.session.lang
        print_trimmed(self.console, literal(bank.title.get(lang), "bold"))
        if bank.intro:
            print_trimmed(self.console, literal(bank.intro.get(lang)))
        print_trimmed(self.console, Text(self.tr("plain_keys"), style="dim"))

    def decide_resume(self, resume: bool | None) -> bool:
        """Take up or set aside an unfinished attempt; ``False`` when the input ended."""
        offer = self.keeper.resume_offer()
        if offer is None:
            return True
        while resume is None:
            self.console.print(self.tr("resume_question", answered=offer.answered,
                                       total=offer.total), end="")
            reply = self.read()
            if reply is None:
                return False
            resume = yes_or_no(reply, default=True)  # Enter takes up the attempt
        notice = self.keeper.decide(resume)
        if notice:
            _warn(notice)
        return True

    def ask(self) -> bool:
        """Show the current question and act on one reply; ``False`` to stop asking."""
        session = self.session
        question = session.current
        assert question is not None
        self.console.print()
        print_trimmed(self.console, Text.assemble(
            (f"{session.index + 1}/{session.total}", "bold"), " ",
            literal(question.text.get(session.lang))))
        earlier = session.current_answer
        choices = session.choices()
        options = Table.grid()
        options.add_column(no_wrap=True)
        options.add_column()
        for choice in choices:
            mark = "*" if choice.value == earlier else " "
            options.add_row(Text(f" {mark}{choice.number}. "), literal(choice.label))
        print_trimmed(self.console, options)
        self.console.print(self.tr("plain_prompt", n=len(choices)), end="")
        reply = self.read()
        if reply is None or reply in ("q", "quit"):
            return False
        self.act(reply, earlier is not None, len(choices))
        return True

    def act(self, reply: str, answered: bool, count: int) -> None:
        session = self.session
        if reply in ("b", "back"):
            if not session.back():
                self.console.print(self.tr("plain_first"))
        elif reply == "l":
            session.next_language()
        elif reply == "" and answered:
            session.forward()
        elif reply.isascii() and reply.isdigit() and 1 <= int(reply) <= count:
            session.choose(int(reply))
        else:
            self.console.print(self.tr("plain_invalid", n=count))

    def end(self) -> None:
        """The result when every question is answered; otherwise where the answers are."""
        session = self.session
        if session.finished:
            self.console.print()
            print_trimmed(self.console, Summary(self.keeper.finish()))
        elif session.answered and self.keeper.store is not None:
            self.console.print(self.tr("saved_quit", n=session.answered))


def run_plain(
    keeper: Keeper,
    resume: bool | None = None,
    notice: bool = False,
    stdin: TextIO | None = None,
    console: Console | None = None,
) -> int:
    quiz = PlainQuiz(keeper, stdin or sys.stdin, console or Console(highlight=False))
    quiz.introduce(notice)
    if not quiz.decide_resume(resume):
        return EXIT_OK
    while not quiz.session.finished and quiz.ask():
        pass
    quiz.end()
    return EXIT_OK
