"""Text from a bank, an answers file, the store or a path is shown, never obeyed.

A bank whose names hold terminal escapes (colour, window title, bell), Rich/Textual markup,
a bidirectional override, U+FFFE/U+FFFF and Markdown block syntax goes through every
output: ``score`` in every format, plain mode, ``history`` and ``history show``, error
messages, and the app (result screen, notifications, the live preview) through Pilot.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from textual.widgets import Static

from pm_quiz.bank.loader import load_bank
from pm_quiz.quiz.answers import load_answers
from pm_quiz.report.export import render
from pm_quiz.report.safe import clean, cut, message
from pm_quiz.report.summary import Summary
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.screens.result import ResultScreen

from helpers import CORPUS, Run

# what must never reach the output raw
HOSTILE = r"\e[31mRED\e]0;pwned\a[bold]x[/bold][/] \u202Eevil\uFFFE\uFFFF"
RAW = ("\x1b", "\x07", "\u202e", "\ufffe", "\uffff")
SHOWN = r"\x1b[31mRED"  # how the escape reads instead
# answers with a close call (listener 70.0, analyst 66.7): the runner-up's name is shown
CLOSE_CALL = "l1: 3\na1: 3\nc1: b\n"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The minimal bank with hostile title, profile names and Markdown-like descriptions."""
    text = (CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8")
    for old, new in (
        ('en: "Mini quiz"}', f'en: "T {HOSTILE}"}}'),
        ('name: {de: "Zuhörerin", en: "Listener"}',
         f'name: {{de: "Z", en: "L {HOSTILE}"}}\n    description: {{de: "x", en: "---"}}'),
        ('name: {de: "Analytiker", en: "Analyst"}',
         f'name: {{de: "A", en: "A {HOSTILE}"}}\n    description: {{de: "x", en: "1. x"}}'),
    ):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(CLOSE_CALL)
    return path


def assert_safe(text: str) -> None:
    for raw in RAW:
        assert raw not in text, f"{raw!r} reached the output"


def no_traceback(out: object) -> None:
    assert "Traceback" not in out.stderr, out.stderr  # type: ignore[attr-defined]


# -- the one place --------------------------------------------------------------------------
def test_clean_message_and_cut() -> None:
    raw = "a\x1b[2Jb\nc\ufffe\ud800"
    assert clean(raw) == "a\\x1b[2Jb\nc\\ufffe\\ud800"
    assert message(raw) == "a\\x1b[2Jb\\x0ac\\ufffe\\ud800"
    for width in range(1, 12):
        shown = cut("\x1b\x1b\x1b\x1b", width)
        assert re.fullmatch(r"(\\x1b)*…?", shown), shown  # never half an escape
        assert len(shown) <= width


# -- score in every format ------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "md", "json", "html", "svg"])
def test_score_in_every_format(run: Run, hostile: Path, fmt: str) -> None:
    out = run("score", "--questions", str(hostile), "--answers", "answers.yaml", "--lang",
              "en", "--format", fmt)
    assert out.returncode == 0, out.stderr
    no_traceback(out)
    if fmt == "json":
        data = json.loads(out.stdout)  # JSON escapes what it must; the data stay exact
        assert data["profiles"][1]["name"].startswith("A \x1b[31m")
        return
    assert_safe(out.stdout)
    if fmt == "svg":
        ElementTree.fromstring(out.stdout)  # valid XML
        assert "\\x1b" in out.stdout
    if fmt == "text":
        assert "Close call: A \\x1b[31mRED" in out.stdout
        assert "[bold]x[/bold]" in out.stdout  # markup shown, not obeyed


def test_markdown_blocks_stay_text(run: Run, hostile: Path) -> None:
    out = run("score", "--questions", str(hostile), "--answers", "answers.yaml", "--lang",
              "en", "--format", "md")
    tokens = MarkdownIt("commonmark").enable("table").parse(out.stdout)
    kinds = {token.type for token in tokens}
    assert "hr" not in kinds and "ordered_list_open" not in kinds, kinds
    headings = [token for token in tokens if token.type == "heading_open"]
    assert all(token.tag in ("h1", "h2") for token in headings)
    assert len([t for t in headings if t.tag == "h1"]) == 1
    html = MarkdownIt("commonmark").render(out.stdout)
    assert "<a " not in html and "<b>" not in html


def test_the_summary_renders_no_escape_on_a_terminal(hostile: Path) -> None:
    bank = load_bank(hostile)
    from pm_quiz.quiz.scoring import score
    from pm_quiz.report.data import result_data

    answers = load_answers(hostile.parent / "answers.yaml", bank)
    data = result_data(bank, score(bank, answers), "en", answers)
    buffer = io.StringIO()
    Console(file=buffer, force_terminal=True, color_system=None, width=100).print(
        Summary(data))
    assert_safe(buffer.getvalue())
    assert "\x1b" not in buffer.getvalue()  # no colour system: any ESC would be the bank's
    ElementTree.fromstring(render(data, "svg"))


# -- errors -----------------------------------------------------------------------------
def test_error_messages_repeat_keys_literally(run: Run, hostile: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text('"\\e]2;pwned\\a[bold]\\nx.yaml:1:1: fake": 3\n')
    out = run("score", "--questions", str(hostile), "--answers", "bad.yaml")
    assert out.returncode == 2
    no_traceback(out)
    assert_safe(out.stderr)
    assert "\\x1b]2;pwned\\x07" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1  # no forged second line

    broken = tmp_path / "broken.yaml"
    broken.write_text(hostile.read_text().replace("title:", '"\\e[2J\\e]0;x\\a": 1\ntitle:'))
    out = run("validate", str(broken))
    assert out.returncode == 2
    no_traceback(out)
    assert_safe(out.stderr)
    assert "\\x1b[2J" in out.stderr


# -- plain mode and history -------------------------------------------------------------
def test_plain_mode_history_and_show(run: Run, hostile: Path) -> None:
    out = run("--plain", "--questions", str(hostile), "--lang", "en",
              input="3\n3\n[/bold]\x1b[2J\n2\n")
    assert out.returncode == 0, out.stderr
    no_traceback(out)
    assert_safe(out.stdout + out.stderr)
    assert "Close call: A \\x1b[31mRED" in out.stdout
    assert "[/bold]\\x1b[2j" in out.stdout  # the echoed (lower-cased) input, literally

    listing = run("history")
    assert listing.returncode == 0, listing.stderr
    assert_safe(listing.stdout)
    assert "T \\x1b[31mRED" in listing.stdout
    for line in listing.stdout.splitlines():
        assert not re.search(r"\\x?[0-9a-f]?…", line)  # an escape is never cut in half

    for fmt in ("text", "md", "html", "svg"):
        shown = run("history", "show", "1", "--format", fmt)
        assert shown.returncode == 0, shown.stderr
        assert_safe(shown.stdout)


# -- the app --------------------------------------------------------------------------------
async def test_the_app_shows_hostile_text_literally(hostile: Path, tmp_path: Path) -> None:
    bank = load_bank(hostile)
    keeper = Keeper(bank, "en")
    keeper.session.restore(load_answers(hostile.parent / "answers.yaml", bank))
    app = QuizApp(keeper)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        screen = app.export_screenshot()
        ElementTree.fromstring(screen)
        assert_safe(screen)
        assert "x1b[31mRED" in screen.replace("&#160;", " ")

        # the live preview: an edit with a hostile unknown key
        shutil.copyfile(hostile, tmp_path / "good.yaml")
        hostile.write_text(hostile.read_text().replace("title:", '"\\e]2;pwned\\a[/]": 1\n'
                                                                   "title:"))
        event = app.watcher.poll()  # the watcher's thread may see the edit first
        if event is not None:
            app.bank_event(event)
        for _ in range(100):  # the broken edit shows in the live-preview line
            await pilot.pause(0.05)
            if app.bank_problem and "pwned" in app.bank_problem:
                break
        assert app.bank_problem is not None and "pwned" in app.bank_problem
        assert_safe(app.bank_problem)
        assert_safe(app.export_screenshot())
        for note in [n.message for n in app._notifications]:
            assert_safe(note)
    assert app.return_code in (None, 0)


async def test_a_data_directory_named_like_markup(hostile: Path, tmp_path: Path) -> None:
    (tmp_path / "[").mkdir()
    blocker = tmp_path / "[" / "bold]\x1b[2J"  # its path holds [/bold]
    blocker.write_text("a file, so the store cannot be made")
    keeper = Keeper.open(load_bank(hostile), "en", blocker / "[b]data[/]")
    app = QuizApp(keeper)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any("[/bold]" in n for n in notes), notes
        for note in notes:
            assert_safe(note)
        warning = str(app.screen.query_one("#save-warning", Static).render())
        assert "[/bold]\\x1b[2J" in warning
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1")
        assert app.session.answers
    assert app.return_code in (None, 0)
