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

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import t
from pm_quiz.report.data import result_data
from pm_quiz.report.safe import literal
from pm_quiz.report.summary import Summary
from pm_quiz.session import QuizSession

EXIT_OK = 0


def run_plain(
    bank: Bank,
    lang: str,
    notice: bool = False,
    session: QuizSession | None = None,
    stdin: TextIO | None = None,
    console: Console | None = None,
) -> int:
    console = console or Console(highlight=False)
    stdin = stdin or sys.stdin
    session = session or QuizSession(bank, lang)
    if notice:
        print(t(lang, "plain_notice"), file=sys.stderr)
    console.print(literal(bank.title.get(session.lang), "bold"))
    if bank.intro:
        console.print(literal(bank.intro.get(session.lang)))
    console.print(Text(t(session.lang, "plain_keys"), style="dim"))
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
            console.print(reply)  # echo piped input, so a log reads like the session
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
        if reply.isdigit() and 1 <= int(reply) <= count:
            session.choose(int(reply))
            continue
        console.print(t(lang, "plain_invalid", n=count))
    if quit_early and session.answered == 0:
        return EXIT_OK
    console.print()
    data = result_data(session.bank, session.result(), session.lang, session.answers)
    console.print(Summary(data))
    return EXIT_OK
