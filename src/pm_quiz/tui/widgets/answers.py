"""The list of answers to a question: numbered, with a marker that needs no colour."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from pm_quiz.quiz.session import Choice
from pm_quiz.report.safe import clean

POINTER = "›"
CHOSEN = "●"


class AnswerList(OptionList):
    """Answers as ``› 3  label ●``: the pointer marks the highlight, the dot the earlier
    answer, so both read without colour (``NO_COLOR``, monochrome terminals)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._choices: list[Choice] = []
        self._chosen: int | None = None

    def show(self, choices: list[Choice], chosen: int | None,
             highlight: int | None = None) -> None:
        """Replace the answers; highlight ``highlight``, else ``chosen`` (the earlier
        answer), else the first."""
        if highlight is None:
            highlight = chosen if chosen is not None else 0
        if choices == self._choices and self.option_count == len(choices):
            # the same answers as before (likert after likert): only the marks move
            old_chosen, self._chosen = self._chosen, chosen
            for index in {old_chosen, chosen}:
                if index is not None and index != highlight:
                    self.replace_option_prompt_at_index(index, self._prompt(index, False))
            if self.highlighted == highlight:
                self.replace_option_prompt_at_index(highlight, self._prompt(highlight, True))
            self.highlighted = highlight
            return
        self._choices = choices
        self._chosen = chosen
        self.set_options(
            Option(self._prompt(i, i == highlight), id=str(i)) for i in range(len(choices))
        )
        self.highlighted = highlight

    def _parts(self, index: int, highlighted: bool) -> tuple[str, str]:
        """``("› 3  ", "label ●")``: the pointer and number, then the label and its mark."""
        choice = self._choices[index]
        pointer = POINTER if highlighted else " "
        chosen = f" {CHOSEN}" if index == self._chosen else ""
        return f"{pointer} {choice.number}  ", clean(choice.label) + chosen

    def _prompt(self, index: int, highlighted: bool) -> Table:
        """The row, a long label wrapping under itself, not under the number."""
        prefix, label = self._parts(index, highlighted)
        row = Table.grid()
        row.add_column(no_wrap=True)
        row.add_column(ratio=1)
        row.add_row(Text(prefix), Text(label))
        return row

    def on_mount(self) -> None:
        self.watch(self, "highlighted", self._move_pointer, init=False)

    def _move_pointer(self, old: int | None, new: int | None) -> None:
        for index in {old, new}:
            if index is not None and 0 <= index < min(len(self._choices), self.option_count):
                self.replace_option_prompt_at_index(index, self._prompt(index, index == new))
