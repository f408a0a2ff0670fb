"""``pm-quiz check``: the authors' quality report, through the installed command."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import ROOT, Run

TWIN = """
  - id: twin
    name: {de: "Zwilling", en: "Twin"}
    targets: {listening: 90, analysis: 30}
"""


def bank_with(tmp_path: Path, minimal_bank: Path, *edits: tuple[str, str]) -> Path:
    text = minimal_bank.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_bank_has_no_problems(run: Run) -> None:
    out = run("check", "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert "No problems found." in out.stdout
    assert "Simulated respondents (1000 of each kind, seed 0)" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 80


def test_witnesses_are_answers_files_that_score_accepts(run: Run, tmp_path: Path) -> None:
    out = run("check", "--witness", "witnesses", "--respondents", "200")
    assert out.returncode == 0
    files = sorted((tmp_path / "witnesses").glob("*.yaml"))
    assert [f.stem for f in files] == sorted(["bridge_builder", "pragmatist", "tinkerer",
                                              "organiser", "career_changer",
                                              "headwind_innovator"])
    for path in files:
        scored = run("score", "--answers", str(path), "--format", "json")
        assert scored.returncode == 0, scored.stderr
        assert json.loads(scored.stdout)["best"] == path.stem


def test_a_profile_that_can_never_win_is_an_error(run: Run, tmp_path: Path,
                                                  minimal_bank: Path) -> None:
    bank = bank_with(tmp_path, minimal_bank, ("questions:\n", TWIN.lstrip("\n") +
                                              "questions:\n"))
    out = run("check", str(bank), "--format", "json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    # the twin never comes first, so respondents like it never get it either
    assert [(f["code"], f["params"]["profile"]) for f in errors] == [
        ("unreachable-profile", "twin"), ("persona-not-recovered", "twin")]
    assert data["errors"] == 2
    assert "'twin'" in errors[0]["message"]
    assert {p["id"]: p["reachable"] for p in data["profiles"]} == {
        "listener": True, "analyst": True, "twin": False}
    text_out = run("check", str(bank), "--lang", "en")
    assert text_out.returncode == 1
    assert "error:" in text_out.stdout and "profile 'twin' never ranks first" in \
        " ".join(text_out.stdout.split())


def test_warnings_keep_exit_zero(run: Run, tmp_path: Path, minimal_bank: Path) -> None:
    bank = bank_with(
        tmp_path, minimal_bank,
        ("  - {id: analysis, name:", "  - {id: empathy, name: {de: \"E\", en: \"E\"}}\n"
                                     "  - {id: analysis, name:"),
        ("  - id: c1\n", "  - {id: e1, type: likert, dimension: empathy, text: \"E\"}\n"
                         "  - id: c1\n"),
    )
    out = run("check", str(bank), "--format", "json", "--respondents", "300")
    assert out.returncode == 0
    findings = json.loads(out.stdout)["findings"]
    assert {"untargeted-dimension", "idle-question"} <= {f["code"] for f in findings}
    assert {f["severity"] for f in findings} == {"warning"}


def test_close_profiles_are_warned_about(run: Run, tmp_path: Path, minimal_bank: Path) -> None:
    near = """
  - id: near
    name: {de: "Nah", en: "Near"}
    targets: {listening: 88, analysis: 33}
"""
    bank = bank_with(tmp_path, minimal_bank, ("questions:\n", near.lstrip("\n") +
                                              "questions:\n"))
    out = run("check", str(bank), "--format", "json", "--respondents", "200", "--lang", "en")
    data = json.loads(out.stdout)
    close = [f["message"] for f in data["findings"] if f["code"] == "close-profiles"]
    assert close and all("hard to tell apart" in m for m in close)
    assert any("'near'" in m and "'listener'" in m for m in close)
    # and respondents like either are often not told apart
    own = {v["profile"]: v["own_first"] for v in data["validity"] if v["kind"] == "persona"}
    assert min(own["near"], own["listener"]) < 0.9


def test_a_profile_without_shape_can_never_be_matched(run: Run, tmp_path: Path) -> None:
    """Matching compares shape: a profile whose targets are all equal has none."""
    dims = ["listening", "bridge_building", "persistence", "analysis", "organisation",
            "tech_understanding", "curiosity", "clarity", "pragmatism"]
    flat = ("  - id: flat\n    name: {de: \"Flach\", en: \"Flat\"}\n    targets: {"
            + ", ".join(f"{d}: 40" for d in dims) + "}\n")
    text = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_text(text.replace("\nquestions:\n", "\n" + flat + "questions:\n", 1))
    out = run("check", str(bank), "--format", "json", "--respondents", "200")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert ("unreachable-profile", "flat") in [(f["code"], f["params"].get("profile"))
                                               for f in data["findings"]]
    assert not next(p for p in data["profiles"] if p["id"] == "flat")["reachable"]


def test_simulation_is_seeded(run: Run) -> None:
    first = run("check", "--format", "json", "--respondents", "300", "--seed", "7")
    second = run("check", "--format", "json", "--respondents", "300", "--seed", "7")
    assert json.loads(first.stdout)["validity"] == json.loads(second.stdout)["validity"]
    assert json.loads(first.stdout)["profiles"] == json.loads(second.stdout)["profiles"]


def test_a_broken_bank_exits_2(run: Run) -> None:
    out = run("check", "missing.yaml")
    assert out.returncode == 2
    assert out.stderr == "missing.yaml: no such file (expected a questions.yaml file)\n"
