"""The README's "Write your own quiz" guide works as written."""

from __future__ import annotations

import re

from pm_quiz.bank.loader import load_bank_bytes
from pm_quiz.quiz.analysis import check_bank

from helpers import ROOT


def guide_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = readme[readme.index("## Write your own quiz"):]
    guide = guide[: guide.index("\n## ", 1)]
    return re.findall(r"```yaml\n(.*?)```", guide, re.S)


def test_the_guides_additions_make_a_checked_quiz() -> None:
    dimension, questions, profile, minimal = guide_blocks()
    bank = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    bank = bank.replace("\nprofiles:\n", "\n" + dimension + "profiles:\n", 1)
    bank = bank.replace("\nquestions:\n", "\n" + profile + "questions:\n", 1)
    bank = bank.replace("\ncontext:\n", "\n" + questions + "context:\n", 1)
    loaded = load_bank_bytes(bank.encode(), "myquiz/questions.yaml")
    assert "empathy" in loaded.dimension_by_id and "coach" in loaded.profile_by_id
    assert loaded.question("upset-customer") is not None
    report = check_bank(loaded, respondents=200)
    assert report.errors == []
    assert next(p for p in report.profiles if p.id == "coach").reachable
    assert load_bank_bytes(minimal.encode(), "minimal.yaml").questions
