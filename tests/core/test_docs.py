"""The README's format reference is the one generated from the format definitions."""

from __future__ import annotations

from pathlib import Path

from pm_quiz.bank.definition import reference_markdown

README = Path(__file__).parents[2] / "README.md"


def test_readme_reference_is_generated_from_the_format() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- format-reference:start -->\n") + len(
        "<!-- format-reference:start -->\n")
    end = text.index("<!-- format-reference:end -->")
    assert text[start:end] == reference_markdown(), (
        "README.md's format reference is out of date: paste in the output of "
        "python -c 'from pm_quiz.bank.definition import reference_markdown; "
        "print(reference_markdown(), end=\"\")'"
    )
