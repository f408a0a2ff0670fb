"""Saving the result: a file name, and a confirmation before anything is overwritten."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from pm_quiz.i18n import t
from pm_quiz.parsing.problems import InputError, Problem
from pm_quiz.report.data import ResultData
from pm_quiz.report.export import format_for, render
from pm_quiz.report.safe import clean
from pm_quiz.report.safe import message as one_line
from pm_quiz.report.write import Written, check_target, write_file
from pm_quiz.tui.widgets.keys import KeyLine

DEFAULT_NAME = "pm-quiz-result.html"


class ExportScreen(ModalScreen[Written | None]):
    """Asks for a file name; dismissed with the file written, or ``None``."""

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("y,j", "overwrite", show=False),
        Binding("n", "keep", show=False),
    ]

    def __init__(self, data: ResultData, lang: str, directory: Path | None = None) -> None:
        super().__init__()
        self.data = data
        self.lang = lang
        self.directory = directory or Path.cwd()
        self.pending: Path | None = None  # waiting for "overwrite?"

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(t(self.lang, "export_title"), id="export-title")
            yield Input(str(self.directory / DEFAULT_NAME), id="export-path")
            yield Static(t(self.lang, "export_hint"), id="export-message", markup=False)
        yield KeyLine()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.show_keys()

    def show_keys(self) -> None:
        """The keys that apply now: to write the file, or to answer "overwrite?"."""
        key = "export_keys" if self.pending is None else "export_confirm_keys"
        self.query_one(KeyLine).show(t(self.lang, key))

    def message(self, text: str) -> None:
        self.query_one("#export-message", Static).update(clean(text))
        self.show_keys()  # every change of state says something

    def _problems(self, exc: InputError) -> None:
        self.pending = None
        field = self.query_one(Input)
        field.disabled = False
        field.focus()
        self.message("\n".join(one_line(p.said(self.lang)) for p in exc.problems))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            path = self._path(event.value.strip())
            exists = check_target(path, force=True).exists
        except InputError as exc:
            self._problems(exc)
            return
        if exists:
            self.pending = path
            self.query_one(Input).disabled = True
            self.message(t(self.lang, "export_exists", path=path))
            return
        self.write(path, force=False)

    def _path(self, typed: str) -> Path:
        """The typed name as a path: ``~`` and ``~user`` expanded, relative to the
        directory the dialog started in."""
        try:
            path = Path(typed).expanduser()
        except RuntimeError:  # ~someone who does not exist
            raise InputError([Problem.of(typed, 0, 0, "msg_no_such_home",
                                         "exp_file_name_example")]) from None
        return path if path.is_absolute() else self.directory / path

    def write(self, path: Path, force: bool) -> None:
        try:
            written = write_file(path, render(self.data, format_for(path)), force=force)
        except InputError as exc:
            self._problems(exc)
            return
        self.dismiss(written)

    def action_overwrite(self) -> None:
        if self.pending is not None:
            self.write(self.pending, force=True)

    def action_keep(self) -> None:
        if self.pending is not None:
            self.pending = None
            field = self.query_one(Input)
            field.disabled = False
            field.focus()
            self.message(t(self.lang, "export_hint"))

    def action_cancel(self) -> None:
        self.dismiss(None)
