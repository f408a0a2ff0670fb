"""Shown over everything while the terminal is smaller than the app can use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    BINDINGS = [Binding("q", "app.quit", show=False)]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Static(self.message, id="too-small", markup=False)

    def show(self, message: str) -> None:
        self.message = message
        if self.is_mounted:
            self.query_one("#too-small", Static).update(message)
