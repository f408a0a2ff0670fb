"""The floor for the app benchmarks: a minimal Textual app that shows one ``Static``.

``python minimal_app.py`` shows it; with ``--keys`` it updates the Static on every key
(the floor of the answer-latency benchmark).
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.events import Key
from textual.widgets import Static


class Minimal(App[None]):
    def __init__(self, text: str = "Start the quiz") -> None:
        super().__init__()
        self.text = text
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Static(self.text, id="static")

    def on_key(self, event: Key) -> None:
        if event.key == "q":
            self.exit()
            return
        self.presses += 1
        self.query_one("#static", Static).update(f"{self.presses}/200")


if __name__ == "__main__":
    Minimal(" ".join(sys.argv[1:]) or "Start the quiz").run()
