"""Nothing the user has is replaced without --force (or a yes in the app); a replaced file
keeps a backup; only regular files are ever replaced.

Each case is a real file, link, device copy (``mknod``) or FIFO, written to by the
installed ``pm-quiz`` (or by the app through Pilot), and the user's file is compared
byte for byte afterwards.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.quiz.answers import load_answers
from pm_quiz.store.keeper import Keeper
from pm_quiz.tui.app import QuizApp
from pm_quiz.tui.screens.export import ExportScreen
from pm_quiz.tui.screens.result import ResultScreen

from helpers import CORPUS, ROOT, Run

ANSWERS = str(ROOT / "examples" / "answers.yaml")
LONG = "r" * 300 + ".html"


def clean_failure(out: object, *words: str) -> None:
    """Exit 2, a message with ``words``, no traceback."""
    assert out.returncode == 2, (out.stdout, out.stderr)  # type: ignore[attr-defined]
    assert "Traceback" not in out.stderr  # type: ignore[attr-defined]
    for word in words:
        assert word in out.stderr, out.stderr  # type: ignore[attr-defined]


def score(run: Run, target: Path | str, *extra: str) -> object:
    return run("score", "--answers", ANSWERS, "--lang", "en", "--output", str(target), *extra)


# -- --output ---------------------------------------------------------------------------
def test_output_never_replaces_without_force_and_keeps_backups(run: Run,
                                                              tmp_path: Path) -> None:
    target = tmp_path / "result.md"
    target.write_bytes(b"my notes\n")
    clean_failure(score(run, target), "exists already", "--force")
    assert target.read_bytes() == b"my notes\n"

    forced = score(run, target, "--force")
    assert forced.returncode == 0, forced.stderr  # type: ignore[attr-defined]
    assert (tmp_path / "result.md.bak").read_bytes() == b"my notes\n"
    assert f"kept the old {target} as {target}.bak" in forced.stderr  # type: ignore[attr-defined]
    first = target.read_text()
    assert first.startswith("# ")

    target.write_bytes(b"second version\n")
    target.chmod(0o600)  # a private file stays private when replaced
    assert score(run, target, "--force").returncode == 0  # type: ignore[attr-defined]
    assert (tmp_path / "result.md.bak").read_bytes() == b"my notes\n"  # the first stays
    assert (tmp_path / "result.md.bak.2").read_bytes() == b"second version\n"
    assert target.read_text() == first
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_device_is_never_replaced(run: Run, tmp_path: Path) -> None:
    device = tmp_path / "full.txt"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a copy of /dev/full
    for extra in ((), ("--force",)):
        clean_failure(score(run, device, *extra), "device", "regular file")
        assert stat.S_ISCHR(os.lstat(device).st_mode)
        assert os.lstat(device).st_rdev == os.makedev(1, 7)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "full.txt"] or \
        sorted(p.name for p in tmp_path.iterdir()) == ["full.txt"]


def test_a_fifo_is_never_replaced_nor_blocks(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for extra in ((), ("--force",)):
        clean_failure(score(run, fifo, *extra), "named pipe (FIFO)")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_directory_is_called_a_directory(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "out.html"
    folder.mkdir()
    (folder / "keep").write_text("x")
    clean_failure(score(run, folder, "--force"), "this is a directory")
    assert (folder / "keep").read_text() == "x"


def test_a_dangling_link_is_refused_and_a_link_to_a_file_is_followed(run: Run,
                                                                     tmp_path: Path) -> None:
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere" / "x.txt")
    for extra in ((), ("--force",)):
        clean_failure(score(run, dangling, *extra), "link to", "does not exist")
        assert dangling.is_symlink() and not dangling.exists()

    real = tmp_path / "real.txt"
    real.write_bytes(b"mine\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    clean_failure(score(run, link), "exists already")
    assert score(run, link, "--force").returncode == 0  # type: ignore[attr-defined]
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link stays a link
    assert "Best fit" in real.read_text()
    assert (tmp_path / "real.txt.bak").read_bytes() == b"mine\n"


def test_a_file_name_too_long_is_a_clear_message(run: Run, tmp_path: Path) -> None:
    clean_failure(score(run, tmp_path / LONG), "too long")
    clean_failure(run("init", "d" * 300), "too long")
    clean_failure(run("check", "--respondents", "0", "--witness", "w" * 300), "too long")


# -- init ---------------------------------------------------------------------------------
def test_init_replaces_neither_file_without_force_and_backs_up_both(run: Run,
                                                                   tmp_path: Path) -> None:
    schema = tmp_path / "questions.schema.json"
    schema.write_bytes(b"my schema\n")
    clean_failure(run("init", "."), "questions.schema.json", "exists already")
    assert schema.read_bytes() == b"my schema\n"
    assert not (tmp_path / "questions.yaml").exists()  # nothing written when one is refused

    bank = tmp_path / "questions.yaml"
    bank.write_bytes(b"my bank\n")
    out = run("init", ".")
    clean_failure(out, "questions.yaml", "questions.schema.json")
    assert bank.read_bytes() == b"my bank\n" and schema.read_bytes() == b"my schema\n"

    forced = run("init", ".", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "questions.yaml.bak").read_bytes() == b"my bank\n"
    assert (tmp_path / "questions.schema.json.bak").read_bytes() == b"my schema\n"
    assert bank.read_text().startswith("# yaml-language-server")


def test_init_into_a_file_says_so(run: Run, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    clean_failure(run("init", "afile"), "this is a file")
    clean_failure(run("init", "afile/sub"), "is a file")
    assert (tmp_path / "afile").read_text() == "x"


# -- check --witness ------------------------------------------------------------------------
def test_witnesses_never_replace_a_file_without_force(run: Run, tmp_path: Path) -> None:
    notes = tmp_path / "pragmatist.yaml"
    notes.write_bytes(b"my-notes\n")
    out = run("check", "--respondents", "0", "--witness", ".")
    clean_failure(out, "pragmatist.yaml", "exists already")
    assert notes.read_bytes() == b"my-notes\n"
    assert not (tmp_path / "tinkerer.yaml").exists()  # all checked before any is written
    forced = run("check", "--respondents", "0", "--witness", ".", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "pragmatist.yaml.bak").read_bytes() == b"my-notes\n"
    assert "kept the old" in forced.stderr
    assert notes.read_text().startswith("#")


def test_a_witness_never_replaces_the_bank_itself(run: Run, tmp_path: Path) -> None:
    text = (CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8")
    bank = tmp_path / "questions.yaml"
    bank.write_text(text.replace("id: listener", "id: questions"), encoding="utf-8")
    before = bank.read_bytes()
    for extra in ((), ("--force",)):
        out = run("check", "questions.yaml", "--respondents", "0", "--witness", ".", *extra)
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert "questions.yaml" in out.stderr
        assert bank.read_bytes() == before
    out = run("check", "questions.yaml", "--respondents", "0", "--witness", ".", "--force")
    assert "the bank being checked" in out.stderr


# -- the app's export -----------------------------------------------------------------------
async def _export(pilot: Pilot[int], name: str) -> str:
    """Type ``name`` into the export dialog; the message shown afterwards."""
    app = pilot.app
    field = app.screen.query_one(Input)
    field.value = name
    field.focus()
    await pilot.press("enter")
    await pilot.pause()
    return str(app.screen.query_one("#export-message", Static).render()) \
        if isinstance(app.screen, ExportScreen) else ""


async def test_the_app_export_asks_keeps_a_backup_and_refuses_devices(tmp_path: Path) -> None:
    bank = load_bank(default_bank_path())
    keeper = Keeper(bank, "en")
    keeper.session.restore(load_answers(ANSWERS, bank))
    target = tmp_path / "result.txt"
    target.write_bytes(b"mine\n")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    app = QuizApp(keeper, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        shown = await _export(pilot, "pipe.txt")
        await pilot.pause()
        assert "named pipe" in shown and stat.S_ISFIFO(os.lstat(fifo).st_mode)
        shown = await _export(pilot, "~nosuchuser-pm-quiz/r.html")
        await pilot.pause()
        assert "no such user" in shown
        shown = await _export(pilot, LONG)
        await pilot.pause()
        assert "too long" in shown
        shown = await _export(pilot, "result.txt")
        await pilot.pause()
        assert "Overwrite" in shown
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        notes = [n.message for n in app._notifications]
        assert any("result.txt.bak" in n for n in notes), notes
    assert (tmp_path / "result.txt.bak").read_bytes() == b"mine\n"
    assert "Best fit" in target.read_text()
