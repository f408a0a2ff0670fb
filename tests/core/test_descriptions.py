"""What each dimension measures (its ``description`` in the bank) is shown with the result:
in the Rich summary (screen, text, HTML and SVG) and in Markdown, as literal text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from pm_quiz.bank.loader import load_bank, load_bank_bytes
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.quiz.answers import load_answers
from pm_quiz.quiz.scoring import score
from pm_quiz.report.data import ResultData, result_data
from pm_quiz.report.markdown import render_markdown
from pm_quiz.report.summary import Summary

ROOT = Path(__file__).parents[2]


def example(lang: str) -> ResultData:
    bank = load_bank(default_bank_path())
    answers = load_answers(ROOT / "examples" / "answers.yaml", bank)
    return result_data(bank, score(bank, answers), lang, answers)


def plain(data: ResultData, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(Summary(data))
    return " ".join(console.export_text().split())  # wrapping undone


@pytest.mark.parametrize(("lang", "legend"), [("de", "Was die Dimensionen messen:"),
                                              ("en", "What the dimensions measure:")])
def test_every_dimension_is_described_on_screen_and_in_markdown(lang: str,
                                                                legend: str) -> None:
    data = example(lang)
    shown, markdown = plain(data), render_markdown(data)
    assert legend in shown and legend in markdown
    assert len(data["dimensions"]) == 9
    for d in data["dimensions"]:
        assert d["description"]
        assert f"{d['name']}: {d['description']}" in shown
        assert f"- **{d['name']}**: {d['description']}" in markdown


def bank_with(description: str) -> bytes:
    extra = f", description: {description}" if description else ""
    return f"""
title: T
scale: {{min: 1, max: 5, labels: [a, b, c, d, e]}}
dimensions:
  - {{id: a, name: Alpha{extra}}}
  - {{id: b, name: Beta}}
profiles:
  - {{id: p, name: P, targets: {{a: 80, b: 20}}}}
questions:
  - {{id: q1, type: likert, dimension: a, text: "One"}}
  - {{id: q2, type: likert, dimension: b, text: "Two"}}
""".encode()


def small(description: str) -> ResultData:
    bank = load_bank_bytes(bank_with(description), "small.yaml")
    answers: dict[str, int | str] = {"q1": 5, "q2": 1}
    return result_data(bank, score(bank, answers), "en", answers)  # type: ignore[arg-type]


def test_markup_in_a_description_is_shown_literally() -> None:
    data = small('"[bold]loud[/bold] *stars* <b>"')
    assert "Alpha: [bold]loud[/bold] *stars* <b>" in plain(data)
    assert r"- **Alpha**: \[bold\]loud\[/bold\] \*stars\* \<b\>" in render_markdown(data)


def test_no_legend_without_descriptions() -> None:
    data = small("")
    assert "measure" not in plain(data)
    assert "measure" not in render_markdown(data)
    described = small("What A means")
    assert "Alpha: What A means" in plain(described)
    assert "Beta:" not in plain(described)


@pytest.mark.parametrize("fmt", ["text", "html", "svg"])
def test_the_exports_carry_the_descriptions(fmt: str) -> None:
    from pm_quiz.report.export import render

    data = example("en")
    out = render(data, fmt).replace("&#160;", " ").replace("&#x27;", "'")
    if fmt == "html":
        out = re.sub(r"<[^>]+>", "", out)  # the text without its styling
    flowing = " ".join(out.split())  # wrapped lines joined again
    for d in data["dimensions"]:
        words = d["description"].split()
        # the SVG puts each screen line in an element of its own: its first words suffice
        assert (" ".join(words[:2]) if fmt == "svg" else " ".join(words)) in flowing
    assert "What the dimensions measure:" in out


def test_a_close_call_names_the_runner_up_with_its_description_everywhere() -> None:
    data = example("en")
    second = data["profiles"][1]
    assert second["match"] is not None and second["description"]
    data = {**data, "close_call": True}  # type: ignore[assignment]
    for text in (plain(data), render_markdown(data)):
        words = " ".join(re.sub(r"[│\\>]", " ", text).split())  # no borders, escapes, quotes
        assert f"Close call: {second['name']} fits almost as well" in words
        assert " ".join(second["description"].split()) in words
