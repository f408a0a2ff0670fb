"""The key help, over whatever screen is showing."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from pm_quiz.i18n import t
from pm_quiz.tui.widgets.keys import KeyLine


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", show=False)]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for row in t(self.lang, "help_rows").splitlines():
            key, meaning = row.split("|", 1)
            table.add_row(key, meaning)
        with VerticalScroll(id="help"):
            yield Static(t(self.lang, "help_title"), id="help-title")
            yield Static(table)
            yield Static(t(self.lang, "help_marks"), id="help-marks")
            yield Static(t(self.lang, "help_close"), id="help-close")
        keys = KeyLine()
        keys.show(t(self.lang, "help_keys"))
        yield keys

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()  # ↑↓, PageDown and End scroll it
