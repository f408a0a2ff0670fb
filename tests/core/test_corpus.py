"""The corpus of bad banks: each file with the exact messages the loader must give."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from pm_quiz.bank.loader import load_bank, load_bank_bytes
from pm_quiz.parsing.problems import MAX_PROBLEMS, InputError

CORPUS = Path(__file__).parent.parent / "corpus"
BAD = sorted((CORPUS / "bad").glob("*.yaml"))
GOOD = sorted((CORPUS / "good").glob("*.yaml"))


def messages(path: Path) -> list[str]:
    try:
        bank = load_bank_bytes(path.read_bytes(), path.name)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return list(bank.warnings)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_bank_gives_exactly_the_expected_messages(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert messages(path) == expected


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_bank_fails_unless_it_only_warns(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    only_warnings = all(": warning: " in line for line in expected.splitlines())
    if only_warnings:
        assert load_bank_bytes(path.read_bytes(), path.name).warnings
    else:
        with pytest.raises(InputError):
            load_bank_bytes(path.read_bytes(), path.name)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_good_banks_load_without_problems(path: Path) -> None:
    bank = load_bank(path)
    assert bank.questions and not bank.warnings


def test_crlf_and_bom_read_like_plain_text() -> None:
    bank = load_bank(CORPUS / "good" / "crlf_bom.yaml")
    assert bank.title.get("en") == "Plain"
    assert bank.scale.labels_for("en") == ("no", "yes")


def test_python_tag_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(InputError):
        load_bank_bytes(text.encode(), "evil.yaml")
    assert not marker.exists()


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        load_bank(tmp_path)
    assert str(exc.value) == f"{tmp_path}: this is a directory (expected a questions.yaml file)"
    missing = tmp_path / "nope.yaml"
    with pytest.raises(InputError) as exc:
        load_bank(missing)
    assert str(exc.value) == f"{missing}: no such file (expected a questions.yaml file)"


def test_oversized_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    with pytest.raises(InputError) as exc:
        load_bank(big)
    assert "the file is too large (17,825,792 bytes)" in str(exc.value)


def test_every_error_is_reported_at_once(minimal_bank: Path) -> None:
    text = minimal_bank.read_text()
    text = text.replace("targets: {listening: 90, analysis: 30}", "targets: {listening: 101}")
    text = text.replace("dimension: listening, text", "dimension: nope, text")
    text = text.replace("  max: 3\n", "  max: 3\n  colour: red\n")
    with pytest.raises(InputError) as exc:
        load_bank_bytes(text.encode(), "many.yaml")
    assert len(exc.value.errors) == 3


def test_languages_default_to_the_title_languages() -> None:
    text = """title: {de: "T", en: "T"}
scale: {min: 1, max: 2, labels: ["a", "b"]}
dimensions: [{id: d, name: {de: "D"}}]
profiles: [{id: p, name: "P", targets: {d: 50}}]
questions: [{id: q, type: likert, dimension: d, text: "Q"}]
"""
    with pytest.raises(InputError) as exc:
        load_bank_bytes(text.encode(), "x.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "x.yaml:3:28: this text has no version in 'en' (expected a text for every language: "
        "de, en)"
    ]


def test_alias_bomb_is_refused_without_expanding() -> None:
    levels = "".join(
        f"l{i + 1}: &l{i + 1} [" + ", ".join([f"*l{i}"] * 10) + "]\n" for i in range(30)
    )
    text = 'l0: &l0 ["lol"]\n' + levels  # 10^30 nodes if expanded
    with pytest.raises(InputError) as exc:
        load_bank_bytes(text.encode(), "bomb.yaml")
    assert "alias bomb" in str(exc.value)


NESTED = {
    "flow": "title: " + "[" * 1_000_000 + "]" * 1_000_000,
    "block": "title:\n" + "".join(" " * i + "- \n" for i in range(0, 4000, 2)),
    "just over": "title: " + "[" * 65 + "]" * 65,
}


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize("shape", NESTED)
def test_absurd_nesting_is_refused_in_our_words(
    shape: str, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The message is the project's own, whether libyaml (0.2.6 and later stop deep nesting
    themselves), the pure-Python parser or our own depth check stops the document."""
    import yaml

    from pm_quiz.parsing import yamldoc

    if parser == "python":
        monkeypatch.setattr(yamldoc, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml")
    with pytest.raises(InputError) as exc:
        load_bank_bytes(NESTED[shape].encode(), "deep.yaml")
    [problem] = exc.value.problems
    assert problem.message == "the document is nested more than 64 levels deep"
    assert problem.expected == "at most 64 levels"
    assert problem.line >= 1


def test_a_broken_question_does_not_also_warn_of_its_dimension() -> None:
    text = (CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8").replace(
        "type: likert, dimension: analysis", "type: likret, dimension: analysis").replace(
        "scores: {analysis: 2}", "scores: {listening: 1}")  # the broken one alone measures it
    with pytest.raises(InputError) as exc:
        load_bank_bytes(text.encode(), "x.yaml")
    assert [p.severity for p in exc.value.problems] == ["error"]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "questions.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as exc:
        load_bank(fifo)
    assert str(exc.value) == (f"{fifo}: this is a named pipe (FIFO), not a regular file "
                              "(expected a questions.yaml file)")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_not_read_until_memory_runs_out() -> None:
    with pytest.raises(InputError) as exc:
        load_bank("/dev/zero")
    assert str(exc.value) == ("/dev/zero: this is a device, not a regular file "
                              "(expected a questions.yaml file)")


@pytest.mark.parametrize("path", ["/dev/zero", "fifo"])
def test_validate_refuses_what_is_not_a_file_with_exit_2(
        run: Any, tmp_path: Path, path: str) -> None:
    if path == "fifo":
        os.mkfifo(tmp_path / "fifo")
    elif not Path(path).exists():
        pytest.skip("no /dev/zero here")
    out = run("validate", path)
    assert out.returncode == 2
    assert "not a regular file" in out.stderr and "Traceback" not in out.stderr


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pm_quiz.parsing import files

    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 200)
    monkeypatch.setattr(files, "MAX_BYTES", 100)  # the size it reported was smaller
    real_fstat = os.fstat
    monkeypatch.setattr(files.os, "fstat", lambda fd: _sized(real_fstat(fd), 10))
    with pytest.raises(InputError) as exc:
        files.read_bytes(big)
    assert "the file is too large (more than 100 bytes)" in str(exc.value)


def _sized(info: os.stat_result, size: int) -> os.stat_result:
    fields = list(info)
    fields[stat.ST_SIZE] = size
    return os.stat_result(fields)


def test_a_flood_of_problems_stops_after_a_hundred_and_says_how_many_more() -> None:
    text = (CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8")
    flood = "".join(f"unknown_{i}: 1\n" for i in range(5000))
    with pytest.raises(InputError) as exc:
        load_bank_bytes((text + flood).encode(), "flood.yaml")
    problems = exc.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert exc.value.more == 5000 - MAX_PROBLEMS
    assert str(problems[-1]) == (f"flood.yaml: {5000 - MAX_PROBLEMS:,} more problems not "
                                 f"shown (the first {MAX_PROBLEMS} are listed)")
    assert all("unknown key 'unknown_" in p.message for p in problems[:-1])


def test_a_flood_of_unknown_answers_is_capped_too(tmp_path: Path) -> None:
    from pm_quiz.quiz.answers import load_answers

    bank = load_bank(CORPUS / "good" / "minimal.yaml")
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"nope_{i}: 1\n" for i in range(20_000)))
    with pytest.raises(InputError) as exc:
        load_answers(answers, bank)
    assert len(exc.value.problems) == MAX_PROBLEMS + 1
    assert exc.value.more == 20_000 - MAX_PROBLEMS


@pytest.mark.parametrize(("old", "new", "message"), [
    ("scores: {analysis: 2}", "scores: {analysis: 1.0e+308}",
     "1.0e+308 is out of range (expected a number from -1000 to 1000)"),
    ("scores: {analysis: 2}", "scores: {analysis: -1001}",
     "-1001 is out of range (expected a number from -1000 to 1000)"),
    ("weights: {analysis: 2}", "weights: {analysis: 1.0e+308}",
     "1.0e+308 is out of range (expected a number greater than 0 and at most 1000)"),
])
def test_numbers_are_bounded_so_results_stay_finite(old: str, new: str, message: str) -> None:
    text = (CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(InputError) as exc:
        load_bank_bytes(text.replace(old, new).encode(), "x.yaml")
    assert [f"{p.message} (expected {p.expected})" for p in exc.value.problems] == [message]


def test_the_largest_numbers_allowed_give_finite_results() -> None:
    import math

    from pm_quiz.quiz.scoring import score

    text = (CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8").replace(
        "scores: {analysis: 2}", "scores: {analysis: 1000, listening: -1000}").replace(
        "weights: {analysis: 2}", "weights: {analysis: 1000}")
    bank = load_bank_bytes(text.encode(), "x.yaml")
    choice = next(q for q in bank.questions if q.type == "choice")
    result = score(bank, {choice.id: choice.options[1].id, "l1": 3, "a1": 1})
    assert all(math.isfinite(d.score) for d in result.dimensions)


def test_records_compare_by_value_and_type() -> None:
    from pm_quiz.bank.model import EMPTY, Dimension, LText, Option
    from pm_quiz.parsing.problems import Problem

    first = load_bank(CORPUS / "good" / "minimal.yaml")
    again = load_bank(CORPUS / "good" / "minimal.yaml")
    assert first == again and first is not again
    assert "Bank(path=" in repr(first) and "source" not in repr(first)
    other = load_bank_bytes((CORPUS / "good" / "minimal.yaml").read_bytes() + b"\n", "x")
    assert other != first
    name = LText({"en": "a"})
    assert Dimension(id="a", name=name, description=EMPTY, line=1) != \
        Option(id="a", text=name, scores={}, line=1)  # type: ignore[comparison-overlap]
    with pytest.raises(TypeError):  # fields by name only: a misordered list cannot slip in
        Dimension("a", name)  # type: ignore[misc]
    assert Problem("f", 1, 2, "m") == Problem("f", 1, 2, "m")
    with pytest.raises(AttributeError):
        first.title = name  # type: ignore[misc]
    with pytest.raises(TypeError):
        iter(first.questions[0])  # type: ignore[call-overload]


def test_a_bank_with_only_warnings_loads_however_many_there_are() -> None:
    text = (CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8")
    extra = "".join(f'  - {{id: unused{i}, name: "U{i}"}}\n' for i in range(MAX_PROBLEMS + 5))
    text = text.replace("profiles:\n", extra + "profiles:\n")
    bank = load_bank_bytes(text.encode(), "x.yaml")
    assert len(bank.warnings) == MAX_PROBLEMS + 1
    assert all("no question measures the dimension 'unused" in w for w in bank.warnings[:-1])
    assert bank.warnings[-1] == ("x.yaml: warning: 5 more problems not shown (the first "
                                 f"{MAX_PROBLEMS} are listed)")
