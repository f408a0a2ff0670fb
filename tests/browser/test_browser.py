"""``pm-quiz serve`` in headless Chromium: a whole quiz by keyboard, and a room of ten."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.quiz.scoring import Answer
from pm_quiz.quiz.session import QuizSession

from serve_driver import Participant, Served, until

pytestmark = pytest.mark.browser
VIEWPORT = {"width": 1100, "height": 760}


def planned(participant: int) -> list[tuple[str, int, Answer]]:
    """(question id, key number, stored value) for every question of the default bank:
    each participant answers differently."""
    bank = load_bank(default_bank_path())
    session = QuizSession(bank, "en")
    plan = []
    for index, question in enumerate(bank.questions):
        choices = session.choices(question)
        number = (participant + index) % len(choices) + 1
        plan.append((question.id, number, choices[number - 1].value))
    return plan


async def new_participant(browser: Any, url: str) -> Participant:
    context = await browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    participant = Participant(await context.new_page())
    await participant.open(url)
    return participant


async def test_a_whole_quiz_in_the_browser(browser: Any, served: Served,
                                           artifacts: Path) -> None:
    me = await new_participant(browser, served.url)
    await me.wait_for("Start the quiz")
    await me.page.screenshot(path=artifacts / "welcome.png")
    assert served.attempts() == []  # nothing is stored before the first answer

    me.received = b""
    await me.press("Enter")
    plan = planned(0)
    await me.wait_for(f"1/{len(plan)}")  # the question screen's counter
    await me.page.screenshot(path=artifacts / "question.png")
    assert me.rows_drawn() == me.rows_asked() > 24  # the app fills the page's terminal
    for done, (_qid, number, _value) in enumerate(plan, start=1):
        await me.press(str(number))
        await until(lambda done=done: _answered(served) == done, what=f"answer {done}")

    await until(lambda: bool(served.attempts()) and served.attempts()[0][2] is not None,
                what="the finished attempt")
    await me.wait_for("Your result")
    await me.page.screenshot(path=artifacts / "result.png")

    async with me.page.expect_download() as started:  # through a tab that closes at once
        await me.press("e")
    download = await started.value
    saved = artifacts / download.suggested_filename
    await download.save_as(saved)
    assert download.suggested_filename == "pm-quiz-result.html"
    assert "<html" in saved.read_text(encoding="utf-8").lower()
    assert not list(served.data_dir.parent.glob("*.html"))  # nothing on the coach's disk

    [(attempt_id, group, finished)] = served.attempts()
    assert group == "room-1" and finished is not None
    assert served.answers(attempt_id) == {qid: value for qid, _n, value in plan}


def _answered(served: Served) -> int:
    attempts = served.attempts()
    return len(served.answers(attempts[0][0])) if attempts else 0


async def test_ten_participants_at_once(browser: Any, served: Served, artifacts: Path) -> None:
    room = await asyncio.gather(*(new_participant(browser, served.url) for _ in range(10)))
    await asyncio.gather(*(p.wait_for("Start the quiz") for p in room))
    plans = [planned(i) for i in range(10)]
    for p in room:
        p.received = b""
    await asyncio.gather(*(p.press("Enter") for p in room))
    await asyncio.gather(*(p.wait_for(f"1/{len(plans[0])}") for p in room))
    assert all(p.rows_drawn() == p.rows_asked() for p in room)  # each at its page's size

    attempt_of: list[int] = []  # the attempt each page began, found by its first answer
    for participant, plan in zip(room, plans, strict=True):
        known = {a[0] for a in served.attempts()}
        await participant.press(str(plan[0][1]))
        await until(lambda known=known: len(served.attempts()) == len(known) + 1,
                    what="a new attempt")
        attempt_of.append(next(a[0] for a in served.attempts() if a[0] not in known))

    for index in range(1, len(plans[0])):  # everyone answers the next question at once
        await asyncio.gather(*(p.press(str(plan[index][1]))
                               for p, plan in zip(room, plans, strict=True)))
        await until(lambda index=index: all(len(served.answers(a)) == index + 1
                                            for a in attempt_of),
                    what=f"everyone's answer {index + 1}")
    await asyncio.gather(*(p.wait_for("Your result") for p in room))
    await room[-1].page.screenshot(path=artifacts / "result-10.png")

    attempts = {a[0]: a for a in served.attempts()}
    assert len(attempts) == 10 and len(set(attempt_of)) == 10
    for attempt_id, plan in zip(attempt_of, plans, strict=True):
        assert attempts[attempt_id][1] == "room-1"
        assert attempts[attempt_id][2] is not None
        assert served.answers(attempt_id) == {qid: value for qid, _n, value in plan}
        # nobody's result is compared with another participant's ("since last time")
        assert all(d["previous"] is None for d in served.result(attempt_id)["dimensions"])
    assert len({tuple(sorted(served.answers(a).items())) for a in attempt_of}) == 10

    coach = served.stop()  # Ctrl+C: the coach's terminal had counts, and no names
    assert served.process.returncode == 0
    assert "connected: 10  finished: 0" in coach and "finished: 10" in coach
    assert "stopped: 10 finished in group room-1" in coach
