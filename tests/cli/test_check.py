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
    out = run("check")
    assert out.returncode == 0, out.stderr
    assert "No problems found." in out.stdout
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
    assert data["errors"] == 1
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["unreachable-profile"]
    assert "'twin'" in errors[0]["message"]
    assert {p["id"]: p["reachable"] for p in data["profiles"]} == {
        "listener": True, "analyst": True, "twin": False}
    text_out = run("check", str(bank))
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
    codes = {f["code"] for f in json.loads(out.stdout)["findings"]}
    assert codes == {"untargeted-dimension", "idle-question"}


def test_close_profiles_are_warned_about(run: Run, tmp_path: Path, minimal_bank: Path) -> None:
    near = """
  - id: near
    name: {de: "Nah", en: "Near"}
    targets: {listening: 88, analysis: 33}
"""
    bank = bank_with(tmp_path, minimal_bank, ("questions:\n", near.lstrip("\n") +
                                              "questions:\n"))
    out = run("check", str(bank), "--format", "json", "--respondents", "200")
    assert out.returncode == 0
    close = [f["message"] for f in json.loads(out.stdout)["findings"]
             if f["code"] == "close-profiles"]
    assert close and all("hard to tell apart" in m for m in close)
    assert any("'near'" in m and "'listener'" in m for m in close)


def test_a_profile_random_respondents_almost_never_get(run: Run, tmp_path: Path) -> None:
    dims = ["listening", "bridge_building", "persistence", "analysis", "organisation",
            "tech_understanding", "curiosity", "clarity", "pragmatism"]
    edge = ("  - id: edge\n    name: {de: \"Rand\", en: \"Edge\"}\n    targets: {"
            + ", ".join(f"{d}: 0" for d in dims) + "}\n")
    text = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_text(text.replace("\nquestions:\n", "\n" + edge + "questions:\n", 1))
    out = run("check", str(bank), "--format", "json", "--respondents", "500")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    rare = [f["message"] for f in data["findings"] if f["code"] == "rare-profile"]
    assert rare == ["profile 'edge' comes first for only 1.2% of 500 random respondents"]
    assert next(p for p in data["profiles"] if p["id"] == "edge")["reachable"]


def test_simulation_is_seeded(run: Run) -> None:
    first = run("check", "--format", "json", "--respondents", "300", "--seed", "7")
    second = run("check", "--format", "json", "--respondents", "300", "--seed", "7")
    assert json.loads(first.stdout)["profiles"] == json.loads(second.stdout)["profiles"]


def test_a_broken_bank_exits_2(run: Run) -> None:
    out = run("check", "missing.yaml")
    assert out.returncode == 2
    assert out.stderr == "missing.yaml: no such file (expected a questions.yaml file)\n"
