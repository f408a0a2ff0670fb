"""Plain mode: the quiz line by line, for screen readers, dumb terminals and logs.

A front end like the Textual app: it shows the session's state and passes the person's
input on, nothing more. A number answers, ``b`` goes back, ``q`` quits, an empty line keeps
an earlier answer; at the end of the input the summary of what was answered is shown.
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.text import Text

from pm_quiz.i18n import t
from pm_quiz.report.safe import literal, message
from pm_quiz.report.summary import Summary
from pm_quiz.store.keeper import Keeper

EXIT_OK = 0


def _warn(text: str | None, lang: str = "en") -> None:
    """A warning on standard error; ``None``: the answers that waited are saved now."""
    print(f"pm-quiz: {message(text) if text else t(lang, 'saved_again')}", file=sys.stderr)


def run_plain(
    keeper: Keeper,
    resume: bool | None = None,
    notice: bool = False,
    stdin: TextIO | None = None,
    console: Console | None = None,
) -> int:
    console = console or Console(highlight=False)
    stdin = stdin or sys.stdin
    session = keeper.session
    bank = session.bank
    if notice:
        print(t(session.lang, "plain_notice"), file=sys.stderr)
    for text in keeper.notices:
        _warn(text)
    if keeper.warning:
        _warn(keeper.warning)
    keeper.on_warning = lambda text: _warn(text, session.lang)
    console.print(literal(bank.title.get(session.lang), "bold"))
    if bank.intro:
        console.print(literal(bank.intro.get(session.lang)))
    console.print(Text(t(session.lang, "plain_keys"), style="dim"))
    offer = keeper.resume_offer()
    if offer is not None:
        if resume is None:
            resume = _ask_resume(console, stdin, session.lang, offer.answered, offer.total)
        if resume is None:  # no answer: the input ended
            return EXIT_OK
        if resume:
            dropped = keeper.resume()
            if dropped:
                _warn(dropped)
        else:
            keeper.start_over()
    quit_early = False
    while not session.finished:
        question = session.current
        assert question is not None
        lang = session.lang
        console.print()
        console.print(Text(f"{session.index + 1}/{session.total}", style="bold"),
                      literal(question.text.get(lang)))
        earlier = session.current_answer
        for choice in session.choices():
            mark = "*" if choice.value == earlier else " "
            console.print(Text(f" {mark}{choice.number}. "), literal(choice.label), sep="")
        count = len(session.choices())
        console.print(t(lang, "plain_prompt", n=count), end="")
        line = stdin.readline()
        if not line:  # end of input
            console.print()
            break
        reply = line.strip().lower()
        if not stdin.isatty():
            console.print(literal(reply))  # echo piped input: a log reads like the session
        if reply in ("q", "quit"):
            quit_early = True
            break
        if reply in ("b", "back"):
            if not session.back():
                console.print(t(lang, "plain_first"))
            continue
        if reply == "l":
            session.next_language()
            continue
        if reply == "" and earlier is not None:
            session.forward()
            continue
        if reply.isascii() and reply.isdigit() and 1 <= int(reply) <= count:
            session.choose(int(reply))
            continue
        console.print(t(lang, "plain_invalid", n=count))
    if quit_early and session.answered == 0:
        return EXIT_OK
    console.print()
    data = keeper.finish() if session.finished else keeper.result()
    console.print(Summary(data))
    return EXIT_OK


def _ask_resume(console: Console, stdin: TextIO, lang: str, answered: int,
                total: int) -> bool | None:
    while True:
        console.print(t(lang, "resume_question", answered=answered, total=total), end="")
        line = stdin.readline()
        if not line:
            console.print()
            return None
        reply = line.strip().lower()
        if not stdin.isatty():
            console.print(literal(reply))
        if reply in ("", "y", "yes", "j", "ja"):
            return True
        if reply in ("n", "no", "nein"):
            return False
