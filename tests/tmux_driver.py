"""A tiny driver for tmux: start a command in a detached pane, type, read the screen."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Mapping
from pathlib import Path


class Tmux:
    """One private tmux server (its own socket) running one command in one pane."""

    def __init__(self, command: list[str], cwd: Path, env: Mapping[str, str],
                 width: int = 80, height: int = 24) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is not installed")
        self.socket = f"pm-quiz-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        shell = f"cd {shlex.quote(str(cwd))} && env -i {exports} {shlex.join(command)}; " \
                "echo EXITED:$?; sleep 30"
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t",
                   "sh", "-c", shell)

    def _tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                             text=True, check=True, timeout=20)
        return out.stdout

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t")

    def styled_screen(self) -> str:
        """The screen with its SGR escape sequences (colours, bold...)."""
        return self._tmux("capture-pane", "-e", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear; the screen:\n{screen}")
            time.sleep(0.1)

    def pid(self) -> int:
        """The process id of the command (the shell's child)."""
        shell = int(self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())
        children = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True,
                                  text=True).stdout.split()
        return int(children[0]) if children else shell

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
