"""What the browser tests drive: the coach's server and store, and one participant's page.

The terminal in the page is a canvas (xterm.js): there is no text in the DOM. A participant
reads what the app sends over the websocket, types into xterm's hidden textarea, and the
answers are checked in the coach's store.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_ANSI = re.compile(
    rb"\x1b\[[0-9;?<=>$]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    url: str
    data_dir: Path
    group: str
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    def stop(self) -> str:
        """Ctrl+C on the server; returns all it printed (the coach's terminal)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            rest, _ = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            rest, _ = self.process.communicate()
        self.output.append(rest or "")
        return "".join(self.output)

    def attempts(self) -> list[tuple[int, str | None, str | None]]:
        """(id, group, finished_at) of every attempt in the coach's store."""
        return self._query("SELECT id, group_name, finished_at FROM attempts ORDER BY id")

    def answers(self, attempt_id: int) -> dict[str, Any]:
        rows = self._query("SELECT question_id, value FROM answers WHERE attempt_id = ?",
                           (attempt_id,))
        return {qid: json.loads(value) for qid, value in rows}

    def result(self, attempt_id: int) -> dict[str, Any]:
        [(text,)] = self._query("SELECT result FROM attempts WHERE id = ?", (attempt_id,))
        return dict(json.loads(text))

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        path = self.data_dir / "pm-quiz.sqlite3"
        if not path.exists():
            return []
        db = sqlite3.connect(path, timeout=10)
        try:
            return db.execute(sql, params).fetchall()
        except sqlite3.OperationalError:  # not created yet
            return []
        finally:
            db.close()


class Participant:
    """One browser page on the quiz: what the app sent it, and its keyboard."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.received = b""
        self.socket_url = ""
        page.on("websocket", self._socket)

    def _socket(self, websocket: Any) -> None:
        self.socket_url = str(websocket.url)
        websocket.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.received += payload

    def seen(self, text: str) -> bool:
        return text in _ANSI.sub(b"", self.received).decode("utf-8", "replace")

    async def wait_for(self, text: str, timeout: float = 30) -> None:
        """Until the app has sent ``text``, then until the page has painted it."""
        deadline = time.monotonic() + timeout
        while not self.seen(text):
            if time.monotonic() > deadline:
                shown = _ANSI.sub(b"", self.received).decode("utf-8", "replace")[-600:]
                raise AssertionError(f"{text!r} never arrived; the last text: {shown!r}")
            await self.page.wait_for_timeout(25)
        await self.painted()

    def rows_drawn(self) -> int:
        """The lowest row the app has drawn on since ``received`` was last emptied."""
        found = re.findall(rb"\x1b\[(\d+);\d+H", self.received)
        return max((int(row) for row in found), default=0)

    def rows_asked(self) -> int:
        """The terminal's height in the page, as it told the server when it connected."""
        from urllib.parse import parse_qs, urlparse

        return int(parse_qs(urlparse(self.socket_url).query)["height"][0])

    async def painted(self) -> None:
        await self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    async def open(self, url: str) -> None:
        await self.page.goto(url)
        await self.page.wait_for_selector(".xterm-helper-textarea", state="attached")

    async def press(self, key: str) -> None:
        await self.page.focus(".xterm-helper-textarea")
        await self.page.keyboard.press(key)


async def until(condition: Callable[[], bool], timeout: float = 30,
                what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
