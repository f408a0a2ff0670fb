"""End-to-end: the installed ``pm-quiz`` in a real terminal (tmux)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import pm_quiz_command
from tmux_driver import Tmux

Terminal = Callable[..., Tmux]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """Start the installed ``pm-quiz`` with arguments in an 80x24 tmux pane."""
    started: list[Tmux] = []

    def start(*args: str, width: int = 80, height: int = 24,
              env: dict[str, str] | None = None, command: list[str] | None = None) -> Tmux:
        environ = {"TERM": "xterm-256color", "PM_QUIZ_DATA_DIR": str(tmp_path / "data"),
                   "PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path),
                   "LANG": "C.UTF-8", **(env or {})}
        tmux = Tmux([*(command or pm_quiz_command()), *args], tmp_path, environ, width, height)
        started.append(tmux)
        return tmux

    yield start
    for tmux in started:
        tmux.close()


@pytest.fixture(scope="session")
def wheel_pm_quiz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pm-quiz`` installed from a freshly built wheel into its own virtual environment.

    The dependencies come from the test environment (a .pth file), so nothing is
    downloaded; the package itself comes only from the wheel.
    """
    import subprocess
    import sys
    import sysconfig

    from helpers import ROOT

    base = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(base / "dist"), str(ROOT)], check=True)
    wheel = next((base / "dist").glob("pm_quiz-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps",
                    "--no-index", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True)
    # only now, so that pip does not find the test environment's pm-quiz installed already
    site = next(venv.glob("lib/python*/site-packages"))
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = venv / "bin" / "pm-quiz"
    assert script.exists()
    return script
