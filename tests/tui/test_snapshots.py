"""What the screens look like, at 80x24, a wider size and the smallest (60x18), in German
and English.

Update after an intended change with ``pytest tests/tui/test_snapshots.py
--snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from pm_quiz.bank.model import Bank
from pm_quiz.quiz.scoring import Answer

from tui_helpers import make_app

SIZES = [(80, 24), (120, 36)]
LANGS = ["de", "en"]
both = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
langs = pytest.mark.parametrize("lang", LANGS)


def answers_before_first(bank: Bank, kind: str) -> dict[str, Answer]:
    """Answers to every question before the first one of ``kind``."""
    out: dict[str, Answer] = {}
    for question in bank.questions:
        if question.type == kind:
            return out
        out[question.id] = bank.scale.min if question.type == "likert" else \
            question.options[0].id
    raise AssertionError(f"no {kind} question")


@both
@langs
def test_welcome(snap_compare: Any, bank: Bank, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(bank, lang), terminal_size=size)


@both
@langs
def test_likert_question(snap_compare: Any, bank: Bank, lang: str,
                         size: tuple[int, int]) -> None:
    app = make_app(bank, lang)
    assert snap_compare(app, press=["enter", "4", "down"], terminal_size=size)


@both
@langs
def test_choice_question(snap_compare: Any, bank: Bank, lang: str,
                         size: tuple[int, int]) -> None:
    app = make_app(bank, lang, answers_before_first(bank, "choice"))
    assert snap_compare(app, press=["enter"], terminal_size=size)


@both
@langs
def test_result(snap_compare: Any, bank: Bank, example_answers: dict[str, Answer], lang: str,
                size: tuple[int, int]) -> None:
    app = make_app(bank, lang, example_answers)
    assert snap_compare(app, press=["enter"], terminal_size=size)


@both
@langs
def test_help(snap_compare: Any, bank: Bank, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(bank, lang), press=["enter", "question_mark"],
                        terminal_size=size)


@langs
def test_result_without_a_clear_fit(snap_compare: Any, bank: Bank, lang: str) -> None:
    """Every statement answered with the middle number: the screen says there is no clear
    fit, and why, before any number."""
    straight: dict[str, Answer] = {
        q.id: 3 if q.type == "likert" else q.options[0].id for q in bank.questions}
    assert snap_compare(make_app(bank, lang, straight), press=["enter"], terminal_size=(80, 24))


SMALLEST = (60, 18)


@langs
def test_welcome_at_the_smallest_size(snap_compare: Any, bank: Bank, lang: str) -> None:
    """The start choice is in sight; the introduction scrolls in its box."""
    assert snap_compare(make_app(bank, lang), terminal_size=SMALLEST)


@langs
def test_question_at_the_smallest_size(snap_compare: Any, bank: Bank, lang: str) -> None:
    assert snap_compare(make_app(bank, lang), press=["enter", "4"], terminal_size=SMALLEST)


@langs
def test_help_scrolled_to_its_end_at_the_smallest_size(snap_compare: Any, bank: Bank,
                                                       lang: str) -> None:
    assert snap_compare(make_app(bank, lang), press=["enter", "question_mark", "end"],
                        terminal_size=SMALLEST)


@langs
def test_result_at_the_smallest_size(snap_compare: Any, bank: Bank,
                                     example_answers: dict[str, Answer], lang: str) -> None:
    app = make_app(bank, lang, example_answers)
    assert snap_compare(app, press=["enter"], terminal_size=SMALLEST)


@langs
def test_export_dialog_at_the_smallest_size(snap_compare: Any, bank: Bank,
                                            example_answers: dict[str, Answer], lang: str,
                                            tmp_path: Path) -> None:
    """The dialog's own keys at the foot, not the result's."""
    app = make_app(bank, lang, example_answers)
    app.export_dir = Path("/results")  # the same path in every run

    async def open_dialog(pilot: Pilot[int]) -> None:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(app, run_before=open_dialog, terminal_size=SMALLEST)
