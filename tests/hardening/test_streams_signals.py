"""Odd terminals, closed and full streams, signals, odd digits and odd paths: a clear
message or a correct result, never a traceback.

Every case runs the installed ``pm-quiz`` as a subprocess (in a pseudo-terminal for the
Ctrl-D prompt, in tmux for the signals to the full-screen app).
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest

from helpers import ROOT, Run, pm_quiz_command

ANSWERS = str(ROOT / "examples" / "answers.yaml")
ALL_ONES = "1\n" * 44


def pm_quiz(tmp_path: Path, *args: str, env: dict[str, str] | None = None,
            input: bytes | None = None, shell: str = "",
            stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """The installed command with bytes in and out; ``shell`` adds redirections."""
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("PM_QUIZ_", "LC_", "PYTHONIOENCODING", "PYTHONUTF8"))
               and k not in ("LANG", "LANGUAGE")}
    environ["PM_QUIZ_DATA_DIR"] = str(tmp_path / "data")
    environ.update(env or {})
    command = [*pm_quiz_command(), *args]
    if shell:
        command = ["sh", "-c", 'exec "$@" ' + shell, "sh", *command]
    return subprocess.run(command, cwd=tmp_path, input=input, stdout=stdout,
                          stderr=subprocess.PIPE, env=environ, timeout=60)


def no_traceback(out: subprocess.CompletedProcess[bytes]) -> str:
    err = out.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "Error:" not in err, err
    return err


def finished_quiz(run: Run) -> None:
    assert run("--plain", "--lang", "en", input=ALL_ONES).returncode == 0


# -- encodings -------------------------------------------------------------------------------
@pytest.mark.parametrize("env", [
    {"PYTHONIOENCODING": "latin-1"},
    {"LC_ALL": "C", "PYTHONUTF8": "0"},
    {"PYTHONIOENCODING": "ascii"},
])
def test_a_terminal_that_is_not_utf8(run: Run, tmp_path: Path, env: dict[str, str]) -> None:
    finished_quiz(run)
    for args, text in ((("score", "--answers", ANSWERS), "Bridge builder"),
                       (("history",), "Product management"),
                       (("--plain",), "Your 2 answers are saved"),
                       (("history", "show", "1"), "Organiser")):
        out = pm_quiz(tmp_path, *args, "--lang", "en", env=env, input=b"1\n1\n")
        assert out.returncode == 0, out.stderr
        no_traceback(out)
        shown = out.stdout.decode("latin-1")
        assert text in shown, shown[:500]


def test_input_that_is_not_utf8(tmp_path: Path) -> None:
    out = pm_quiz(tmp_path, "--plain", "--lang", "en", input=b"\xff\xfe\n\xe4\n1\n")
    assert out.returncode == 0
    no_traceback(out)
    text = out.stdout.decode("utf-8")
    assert text.count("Please type a number") == 2 and "Your answer is saved" in text


# -- closed and full streams ----------------------------------------------------------------
def test_closed_standard_input(run: Run, tmp_path: Path) -> None:
    out = pm_quiz(tmp_path, "--plain", shell="<&-")
    assert out.returncode == 2
    assert "standard input" in no_traceback(out) and "closed" in no_traceback(out)
    finished_quiz(run)
    out = pm_quiz(tmp_path, "history", "--clear", shell="<&-")
    assert out.returncode == 2 and "--yes" in no_traceback(out)
    assert "Product management" in run("history").stdout  # nothing removed


def test_closed_standard_output_takes_no_file_by_mistake(tmp_path: Path) -> None:
    out = pm_quiz(tmp_path, "--plain", "--lang", "en", input=b"1\n", shell=">&-")
    assert out.returncode == 0
    no_traceback(out)
    db = sqlite3.connect(tmp_path / "data" / "pm-quiz.sqlite3")  # the store is intact
    assert db.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM answers").fetchone() == (1,)
    db.close()


def in_terminal(tmp_path: Path, args: list[str], wait_for: bytes, send: bytes,
                env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the installed command in a pseudo-terminal; type ``send`` once ``wait_for``
    appeared. Returns the exit code and everything shown."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    environ.update({"PM_QUIZ_DATA_DIR": str(tmp_path / "data"), "TERM": "xterm-256color",
                    **(env or {})})
    main, child = pty.openpty()
    proc = subprocess.Popen([*pm_quiz_command(), *args], stdin=child, stdout=child,
                            stderr=child, env=environ, cwd=tmp_path)
    os.close(child)
    seen = b""
    deadline = time.monotonic() + 20
    while wait_for not in seen and time.monotonic() < deadline:
        if select.select([main], [], [], 0.2)[0]:
            seen += os.read(main, 4096)
    os.write(main, send)
    code = proc.wait(timeout=20)
    while select.select([main], [], [], 0.2)[0]:
        try:
            seen += os.read(main, 4096)
        except OSError:
            break
    os.close(main)
    return code, seen.decode("utf-8", "replace")


def test_ctrl_d_at_the_clear_prompt_removes_nothing(run: Run, tmp_path: Path) -> None:
    finished_quiz(run)
    code, text = in_terminal(tmp_path, ["history", "--clear"], b"[y/N]", b"\x04")  # Ctrl-D
    assert code == 0
    assert "Nothing removed." in text and "Traceback" not in text
    assert "Product management" in run("history").stdout


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "latin-1"},
                                 {"LC_ALL": "C", "PYTHONUTF8": "0"}])
def test_the_app_in_a_terminal_that_is_not_utf8_runs_line_by_line(
        tmp_path: Path, env: dict[str, str]) -> None:
    code, text = in_terminal(tmp_path, ["--lang", "en"], b"(1-5, b, q)", b"q\n", env)
    assert code == 0 and "Traceback" not in text
    assert "cannot show the full-screen quiz, so it runs line by line" in text
    assert "\x1b[?1049h" not in text  # never switched to the alternate screen


@pytest.mark.parametrize("args", [("schema",), ("score", "--answers", ANSWERS),
                                  ("validate",), ("history",), ("check", "--respondents", "0"),
                                  ("schema", "--markdown")])
def test_output_to_a_full_device(tmp_path: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        out = pm_quiz(tmp_path, *args, stdout=full)
    assert out.returncode != 0
    err = no_traceback(out)
    assert "no space left on the device" in err and err.count("\n") == 1, err


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_output_to_a_copy_of_dev_full(tmp_path: Path) -> None:
    device = tmp_path / "full"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    out = pm_quiz(tmp_path, "schema", shell="> full")
    assert out.returncode != 0 and "no space left" in no_traceback(out)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


# -- digits ------------------------------------------------------------------------------
def test_only_ascii_digits_answer(run: Run) -> None:
    out = run("--plain", "--lang", "en", input="²\n٣\n2\n")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert out.stdout.count("Please type a number") == 2
    assert "Your answer is saved" in out.stdout
    finished_quiz(run)
    shown = run("history", "show", "²")
    assert shown.returncode == 2 and "Traceback" not in shown.stderr
    assert "history show ID" in shown.stderr


# -- data directories -------------------------------------------------------------------
@pytest.mark.parametrize("name, words", [
    ("afile", "is a file"),
    ("afile/below", "a part of the path is a file"),
    ("d" * 300, "too long"),
], ids=["a-file", "below-a-file", "a-long-name"])
def test_a_data_directory_that_cannot_be(run: Run, tmp_path: Path, name: str,
                                         words: str) -> None:
    (tmp_path / "afile").write_text("x")
    out = run("history", "--data-dir", name)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert words in out.stderr.lower(), out.stderr
    played = run("--plain", "--lang", "en", "--data-dir", name, input="1\n")
    assert played.returncode == 0 and "Traceback" not in played.stderr
    assert "not being saved" in played.stderr
    assert (tmp_path / "afile").read_text() == "x"


# -- signals -------------------------------------------------------------------------------
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_plain_mode_keeps_the_answers(tmp_path: Path, sig: int) -> None:
    env = {**os.environ, "PM_QUIZ_DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([*pm_quiz_command(), "--plain", "--lang", "en"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"4\n2\n")
    proc.stdin.flush()
    seen = b""
    while b"3/44" not in seen:
        seen += proc.stdout.readline()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 128 + sig and b"Traceback" not in err
    db = sqlite3.connect(tmp_path / "data" / "pm-quiz.sqlite3")
    assert db.execute("SELECT count(*) FROM answers").fetchone() == (2,)
    db.close()


@pytest.mark.e2e
def test_a_signal_to_the_app_restores_the_terminal_and_keeps_the_answers(
        tmp_path: Path) -> None:
    from tmux_driver import Tmux

    for sig in (signal.SIGTERM, signal.SIGHUP):
        data = tmp_path / f"data-{sig}"
        env = {"PATH": os.environ["PATH"], "TERM": "xterm-256color", "HOME": str(tmp_path),
               "PM_QUIZ_DATA_DIR": str(data), "LANG": "C.UTF-8"}
        tmux = Tmux([*pm_quiz_command(), "--lang", "en"], tmp_path, env)
        try:
            tmux.wait_for("Start")
            tmux.send("Enter")
            tmux.wait_for("1/44")
            tmux.send("4")
            tmux.wait_for("2/44")
            modes = "#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag}"
            assert tmux._tmux("display-message", "-p", "-t", "t", modes).split() == \
                ["1", "1", "1"]
            os.kill(tmux.pid(), sig)
            screen = tmux.wait_for("EXITED:", timeout=15)
            assert f"EXITED:{128 + sig}" in screen and "Traceback" not in screen
            assert tmux._tmux("display-message", "-p", "-t", "t", modes).split() == \
                ["0", "0", "0"]  # main screen, mouse off
        finally:
            tmux.close()
        db = sqlite3.connect(data / "pm-quiz.sqlite3")
        assert db.execute("SELECT question_id, value FROM answers").fetchall() == \
            [("listen-1", "4")]
        db.close()
