"""Reading many respondents: CSV dialects and encodings of form exports, JSON Lines, problems;
and batch scoring gives every respondent exactly the result single scoring gives."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.bank.model import Bank
from pm_quiz.parsing.problems import InputError, Problem
from pm_quiz.quiz.batch import BatchReader, Respondent, Respondents, write_answers
from pm_quiz.quiz.scoring import score
from pm_quiz.report.batch import results, write_batch
from pm_quiz.report.data import result_data

from banks import bank_dict, choice, likert, load, profile

BANK = load(bank_dict(
    ["listening", "analysis"],
    [profile("listener", {"listening": 90})],
    [likert("l1", "listening"), likert("l2", "listening", reverse=True),
     likert("a1", "analysis"),
     choice("c1", {"a": {"listening": 2}, "b": {"analysis": 2}})],
))


@pytest.fixture(scope="module")
def default_bank() -> Bank:
    return load_bank(default_bank_path())


def read(path: Path, bank: Bank = BANK) -> tuple[list[Respondent], list[Problem], BatchReader]:
    problems: list[Problem] = []
    reader = BatchReader(str(path), bank, problems.append)
    return list(reader), problems, reader


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_headers_by_id_or_text_cells_by_number_label_or_option_text(tmp_path: Path) -> None:
    # German headers and cells, semicolons, decimal commas, as a German spreadsheet writes
    text = ("Zeitstempel;Statement l1 (de);l2;Statement a1 (de);Scenario c1 (de);E-Mail\n"
            "2024-05-01 10:00;4,0;Stufe 0;5;Option b (de);x@example.org\n"
            "2024-05-01 10:05;2;;Step 2;a;y@example.org\n")
    found, problems, reader = read(write(tmp_path / "form.csv", text))
    assert [(r.id, r.line, r.answers) for r in found] == [
        ("1", 2, {"l1": 4, "l2": 1, "a1": 5, "c1": "b"}),
        ("2", 3, {"l1": 2, "a1": 3, "c1": "a"}),
    ]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'form.csv'}:1:1: warning: ignored 2 columns that are no question: "
        "Zeitstempel, E-Mail"]
    assert reader.rejected == 0 and reader.ignored == ("Zeitstempel", "E-Mail")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [["respondent", "Statement l1", "a1", "c1"], ["anna", "5", "1", "Option a"],
            ["ben", "Step 1", "", "b"]]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    found, problems, _ = read(write(tmp_path / "x.csv", out.getvalue(), encoding))
    assert problems == []
    assert [(r.id, r.answers) for r in found] == [
        ("anna", {"l1": 5, "a1": 1, "c1": "a"}), ("ben", {"l1": 2, "c1": "b"})]


def test_a_question_text_holding_the_delimiter_and_an_excel_sep_line(tmp_path: Path) -> None:
    bank = load(bank_dict(["d"], [profile("p", {"d": 50})],
                          [{"id": "q1", "type": "likert", "dimension": "d",
                            "text": {"de": "Ich höre zu, dann rede ich", "en": "I listen"}},
                           likert("q2", "d")]))
    text = '"Ich höre zu, dann rede ich",q2\n3,4\n'
    found, problems, _ = read(write(tmp_path / "a.csv", text), bank)
    assert [r.answers for r in found] == [{"q1": 3, "q2": 4}] and problems == []
    found, _, _ = read(write(tmp_path / "b.csv", "sep=;\nq1;q2\n1,0;2\n"), bank)
    assert [r.answers for r in found] == [{"q1": 1, "q2": 2}]


def test_bad_cells_name_row_column_question_and_expectation(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.csv", "respondent,l1,c1,a1\nok,1,a,2\nbad,7,z,2\n,,,\nok2,"
                 "3,,\nextra,1,a,2,surplus\n")
    found, problems, reader = read(path)
    assert [r.id for r in found] == ["ok", "ok2"]
    assert [str(p) for p in problems] == [
        f"{path}:3:2: '7' does not answer 'l1' (expected a whole number from 1 to 5 or a "
        "scale label)",
        f"{path}:3:3: 'z' does not answer 'c1' (expected an option id or an option's text: "
        "a, b)",
        f"{path}:6:5: a value in a column without a header (expected at most 4 cells per row)",
    ]
    assert reader.rejected == 2


def test_file_level_problems_stop_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no column names a question"):
        read(write(tmp_path / "none.csv", "when,mail\n1,2\n"))
    with pytest.raises(InputError, match="a second column for 'l1'"):
        read(write(tmp_path / "twice.csv", "l1,Statement l1\n1,2\n"))
    with pytest.raises(InputError, match="the file is empty"):
        read(write(tmp_path / "empty.csv", ""))
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.csv")
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("l1,Zeitstempel\n1,Grüße\n".encode("latin-1"))
    _, problems, reader = read(latin)
    assert reader.rejected == 1 and "cannot be read as utf-8" in str(problems[-1])


def test_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"respondent": "r1", "l1": 5, "c1": "Option b"}\n\n'
                 '{"l2": "Step 4", "mail": "x", "a1": null}\n[1]\n{"l1": 9}\n{oops\n')
    found, problems, reader = read(path)
    assert [(r.id, r.line, r.answers) for r in found] == [
        ("r1", 1, {"l1": 5, "c1": "b"}), ("2", 3, {"l2": 5})]
    assert [str(p) for p in problems] == [
        f"{path}:4:1: found list (expected a JSON object of question id → answer)",
        f"{path}:5:2: 9 does not answer 'l1' (expected a whole number from 1 to 5 or a scale "
        "label)",
        f"{path}:6:2: not JSON: expected a name in double quotes (or a comma too many?) "
        "(expected one JSON object per line)",
        f"{path}: warning: ignored 1 key that is no question: mail",
    ]
    assert reader.rejected == 3


def test_written_answers_read_back(tmp_path: Path) -> None:
    people = [Respondent("7", 0, {"l1": 1, "c1": "b"}), Respondent("9", 0, {"a1": 5})]
    for fmt in ("csv", "jsonl"):
        out = tmp_path / f"x.{fmt}"
        with out.open("w", encoding="utf-8", newline="") as handle:
            assert write_answers(handle, fmt, BANK, people) == 2
        found, problems, _ = read(out)
        assert problems == [] and [(r.id, r.answers) for r in found] == [
            (p.id, p.answers) for p in people]


def test_reading_streams(tmp_path: Path, default_bank: Bank) -> None:
    """The reader hands out rows while the file is still being read: the first respondent
    comes before later rows are parsed (a bad row further down is reported only then)."""
    ids = [q.id for q in default_bank.questions]
    lines = [",".join(ids)] + [",".join("1" if q.type == "likert" else "a"
                                        for q in default_bank.questions)] * 3
    path = write(tmp_path / "s.csv", "\n".join(lines) + "\n" + "9," * (len(ids) - 1) + "9\n")
    problems: list[Problem] = []
    reader = iter(BatchReader(str(path), default_bank, problems.append))
    next(reader)
    assert problems == []
    assert len(list(reader)) == 2 and len(problems) == len(ids)


# -- batch scoring equals single scoring ---------------------------------------------------
@st.composite
def respondents_file(draw: st.DrawFn, bank: Bank) -> tuple[str, str, list[dict[str, Any]]]:
    """A CSV export of random respondents, written as a form tool might: each column by id
    or by its text in a random language, each cell as a number, label, id or option text."""
    lang = draw(st.sampled_from(["de", "en"]))
    people = []
    for _ in range(draw(st.integers(1, 6))):
        answers: dict[str, Any] = {}
        for q in bank.questions:
            if draw(st.integers(0, 4)) == 0:
                continue
            answers[q.id] = (draw(st.integers(bank.scale.min, bank.scale.max))
                             if q.type == "likert" else draw(st.sampled_from(
                                 [o.id for o in q.options])))
        people.append(answers)
    by_text = {q.id: draw(st.booleans()) for q in bank.questions}
    header = ["respondent"] + [q.text.get(lang) if by_text[q.id] else q.id
                               for q in bank.questions]
    rows = [header]
    for n, answers in enumerate(people):
        row = [f"p{n}"]
        for q in bank.questions:
            value = answers.get(q.id)
            if value is None:
                row.append("")
            elif q.type == "likert":
                labels = bank.scale.labels_for(lang)
                row.append(draw(st.sampled_from(
                    [str(value), f"{value},0", labels[int(value) - bank.scale.min]])))
            else:
                option = q.option(str(value))
                assert option is not None
                row.append(draw(st.sampled_from([str(value), option.text.get(lang)])))
        rows.append(row)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue(), draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])), people


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_batch_scoring_equals_single_scoring(tmp_path: Path, default_bank: Bank,
                                             data: st.DataObject) -> None:
    text, encoding, people = data.draw(respondents_file(default_bank))
    path = write(tmp_path / "export.csv", text, encoding)
    problems: list[Problem] = []
    respondents = Respondents([str(path)], default_bank, problems.append)
    out = io.StringIO()
    assert write_batch(out, "jsonl", default_bank, "en",
                       results(default_bank, respondents, "en")) == len(people)
    assert problems == [] and respondents.rejected == 0
    batch = [json.loads(line) for line in out.getvalue().splitlines()]
    for n, (answers, got) in enumerate(zip(people, batch, strict=True)):
        single = result_data(default_bank, score(default_bank, answers), "en", answers)
        assert got == {**single, "respondent": f"p{n}"}


def test_ignored_column_names_are_shown_literally(tmp_path: Path) -> None:
    _, problems, reader = read(write(tmp_path / "e.csv", "\x1b[2Jwipe,l1\nx,1\n"))
    assert reader.ignored == ("\x1b[2Jwipe",)  # kept as given, but never sent to a terminal
    assert str(problems[0]).endswith("no question: \\x1b[2Jwipe")
