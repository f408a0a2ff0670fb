"""Groups end to end through the installed command: a group takes the quiz in plain mode,
``stats --group`` reports it, ``history export`` round-trips into ``stats --answers``;
and ``score`` with many respondents."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from helpers import Run

QUESTIONS = 44  # in the default bank; every question takes 1-4


def answers(seed: int) -> str:
    rng = random.Random(seed)
    return "".join(f"{rng.randint(1, 4)}\n" for _ in range(QUESTIONS))


def test_a_group_takes_the_quiz_and_gets_its_report(run: Run, tmp_path: Path) -> None:
    for seed in range(5):
        done = run("--plain", "--lang", "en", "--group", "ws-1", input=answers(seed))
        assert done.returncode == 0, done.stderr
    run("--plain", "--lang", "en", input=answers(9), env={"PM_QUIZ_GROUP": "ws-2"})
    run("--plain", "--lang", "en", input=answers(10))  # no group
    run("--plain", "--lang", "en", "--group", "ws-1", input="1\n2\n")  # unfinished

    listing = run("history", "--group", "ws-1").stdout.splitlines()
    assert len(listing) == 1 + 5
    assert len(run("history").stdout.splitlines()) == 1 + 7

    report = run("stats", "--group", "ws-1", "--format", "json", "--lang", "en")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert data["format"] == "pm-quiz-stats/1" and data["n"] == 5
    assert sum(p["count"] for p in data["profiles"]) + data["unclear"]["count"] == 5
    assert [d["n"] for d in data["dimensions"]] == [5] * len(data["dimensions"])
    assert data["source"] == {"group": "ws-1", "answers": []}
    assert json.loads(run("stats", "--format", "json").stdout)["n"] == 7
    assert json.loads(run("stats", "--format", "json",
                          env={"PM_QUIZ_GROUP": "ws-2"}).stdout)["n"] == 1

    for name in ("ws1.csv", "ws1.jsonl"):
        exported = run("history", "export", "--group", "ws-1", "--output", name)
        assert exported.returncode == 0, exported.stderr
        assert exported.stderr == f"wrote 5 attempts to {name}\n"
        again = run("stats", "--answers", name, "--format", "json", "--lang", "en")
        assert again.returncode == 0, again.stderr
        back = json.loads(again.stdout)
        assert back.pop("source") == {"group": None, "answers": [name]}
        assert back == {k: v for k, v in data.items() if k != "source"}
    both = json.loads(run("stats", "--answers", "ws1.csv", "--answers", "ws1.jsonl",
                          "--format", "json").stdout)
    assert both["n"] == 10 and sum(p["count"] for p in both["profiles"]) == 2 * sum(
        p["count"] for p in data["profiles"])
    with (tmp_path / "ws1.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "respondent" and len(rows[0]) == 1 + QUESTIONS and len(rows) == 6

    text = run("stats", "--group", "ws-1", "--lang", "de")
    assert "Gruppenbericht" in text.stdout and "5 Teilnehmende" in text.stdout
    assert "Cronbachs Alpha" in text.stdout and "weniger als 30" in text.stdout
    assert run("stats", "--group", "ws-1", "--output", "r.html").returncode == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 9
    again = run("stats", "--group", "ws-1", "--output", "r.html", "--force")
    assert again.returncode == 0
    assert again.stderr.startswith("wrote r.html\nkept the old r.html as ")


def test_group_names_and_export_are_checked(run: Run) -> None:
    bad = run("--plain", "--group", " ", input="")
    assert bad.returncode == 2 and bad.stderr == (
        "--group: the group name is empty (expected 1 to 100 characters, no control "
        "characters)\n")
    none = run("history", "export", "--output", "x.csv")
    assert none.returncode == 0 and none.stderr == "wrote 0 attempts to x.csv\n"
    assert run("history", "export", "--output", "x.csv").returncode == 2  # exists
    wrong = run("history", "export", "--output", "x.xlsx")
    assert wrong.returncode == 2 and "a file ending in .csv or .jsonl" in wrong.stderr
    assert run("history", "export", "--output", "x.ndjson").returncode == 0  # JSON Lines
    report = run("stats", "--group", "nobody", "--output", "x.pdf")
    assert report.returncode == 2 and report.stderr == (
        "x.pdf: unknown file type '.pdf' (expected a file ending in .txt, .md, .markdown, "
        ".json, .html, .htm)\n")
    assert "the following arguments are required: --output" in run("history", "export").stderr
    empty = run("stats", "--group", "nobody", "--lang", "en")
    assert empty.returncode == 0 and "No respondents yet." in empty.stdout


def test_score_many_respondents(run: Run, tmp_path: Path, minimal_bank: Path) -> None:
    export = tmp_path / "form.csv"
    export.write_text("Zeitstempel;respondent;Ich höre zu.;Numbers bore me.;c1\n"
                      "1;anna;ja;1;Fragen\n2;ben;7;2;b\n3;cem;teils;;Calculate\n",
                      encoding="utf-8-sig")
    base = ("--questions", str(minimal_bank), "--lang", "en", "score", "--answers",
            str(export))
    out = run(*base, "--format", "csv")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"{export}:1:1: warning: ignored 1 column that is no question: Zeitstempel",
        f"{export}:3:3: '7' does not answer 'l1' (expected a whole number from 1 to 3 or a "
        "scale label)",
        f"{export}: 1 row with problems not scored",
    ]
    rows = list(csv.DictReader(out.stdout.splitlines()))
    assert [r["respondent"] for r in rows] == ["anna", "cem"]
    assert list(rows[0]) == ["respondent", "best", "unclear", "match:listener",
                             "match:analyst", "score:listening", "score:analysis"]
    single = tmp_path / "anna.yaml"
    single.write_text("l1: 3\na1: 1\nc1: a\n")
    alone = json.loads(run("--questions", str(minimal_bank), "--lang", "en", "score",
                           "--answers", str(single), "--format", "json").stdout)
    lines = run(*base, "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[0]) == {**alone, "respondent": "anna"}
    assert json.loads(run(*base, "--format", "json").stdout)[1]["respondent"] == "cem"
    assert "anna" in run(*base).stdout and "Listener" in run(*base).stdout
    written = run(*base, "--output", "results.md")
    assert written.returncode == 2 and "wrote 2 results to results.md" in written.stderr
    assert (tmp_path / "results.md").read_text().startswith("| respondent |")
    refused = tmp_path / "refused.csv"
    refused.write_text("when,mail\n1,2\n")
    nothing = run("--questions", str(minimal_bank), "score", "--answers", str(refused),
                  "--format", "csv")
    assert nothing.returncode == 2 and nothing.stdout == ""
    assert "no column names a question" in nothing.stderr
    kept = run("--questions", str(minimal_bank), "score", "--answers", str(refused),
               "--output", "out.csv")
    assert kept.returncode == 2 and not any(p.name.startswith((".out.csv", "out.csv"))
                                            for p in tmp_path.iterdir())
    html = run(*base, "--format", "html")
    assert html.returncode == 2 and "html is not made for many respondents" in html.stderr


MISKEYED = """\
title: {de: "Test", en: "Test"}
languages: [de, en]
scale: {min: 1, max: 5, labels: {de: [a, b, c, d, e], en: [a, b, c, d, e]}}
dimensions:
  - {id: listening, name: {de: "Zuhören", en: "Listening"}}
profiles:
  - {id: listener, name: {de: "Zuhörerin", en: "Listener"}, targets: {listening: 90}}
questions:
  - {id: l1, type: likert, dimension: listening, text: {de: "L1", en: "L1"}}
  - {id: l2, type: likert, dimension: listening, reverse: true, text: {de: "L2", en: "L2"}}
  - {id: l3, type: likert, dimension: listening, reverse: true,
     text: {de: "Ich frage nach", en: "I ask back"}}
  - {id: l4, type: likert, dimension: listening, text: {de: "L4", en: "L4"}}
"""


def test_stats_flags_a_mis_keyed_statement(run: Run, tmp_path: Path) -> None:
    """l3 is a forward statement marked ``reverse: true``; simulated people answer it as
    what it says."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(MISKEYED, encoding="utf-8")
    rng = random.Random(5)
    rows = ["respondent;l1;l2;l3;l4"]
    for n in range(80):
        level = rng.uniform(1, 5)

        def near(x: float) -> int:
            return max(1, min(5, round(x + rng.gauss(0, 0.7))))

        rows.append(f"p{n};{near(level)};{near(6 - level)};{near(level)};{near(level)}")
    sim = tmp_path / "sim.csv"
    sim.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ("--questions", str(bank), "--lang", "en", "stats", "--answers", str(sim))
    data = json.loads(run(*args, "--format", "json").stdout)
    assert [(i["id"], i["flags"]) for i in data["dimensions"][0]["items"]] == [
        ("l1", []), ("l2", []), ("l3", ["negative"]), ("l4", [])]
    text = run(*args).stdout
    assert "!! NEGATIVE" in text and "l3: I ask back" in text
    assert "1 statement flagged" in text
