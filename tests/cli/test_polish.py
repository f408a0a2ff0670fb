"""Output that reads well and messages that lead somewhere, through the installed command."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import CORPUS, ROOT, Run

EXAMPLE = str(ROOT / "examples" / "answers.yaml")


def test_a_format_that_disagrees_with_the_file_ending_is_refused(run: Run,
                                                                 tmp_path: Path) -> None:
    out = run("score", "--answers", EXAMPLE, "--format", "md", "--output", "x.html")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "--format md does not match the file's ending '.html'" in out.stderr
    assert not (tmp_path / "x.html").exists()


def test_html_has_a_title_and_a_language(run: Run) -> None:
    page = run("score", "--answers", EXAMPLE, "--format", "html", "--lang", "en").stdout
    assert '<html lang="en">' in page
    assert re.search(r"<title>.*Your result</title>", page)


def test_svg_loads_nothing_from_the_network(run: Run) -> None:
    svg = run("score", "--answers", EXAMPLE, "--format", "svg").stdout
    assert 'url("http' not in svg and "cdnjs" not in svg
    assert "font-family" in svg


def test_text_output_has_no_trailing_spaces(run: Run, tmp_path: Path) -> None:
    printed = run("score", "--answers", EXAMPLE, "--lang", "en", env={"COLUMNS": "80"})
    assert printed.returncode == 0
    run("score", "--answers", EXAMPLE, "--output", "r.txt")
    for text in (printed.stdout, (tmp_path / "r.txt").read_text(encoding="utf-8")):
        assert "Best fit" in text or "Am besten passt" in text
        assert [line for line in text.splitlines() if line != line.rstrip()] == []


def test_reports_in_the_terminal_have_no_trailing_spaces(run: Run) -> None:
    """Rich pads table lines to the console's width; what is printed is trimmed."""
    check = run("check", "--lang", "de", "--respondents", "20", env={"COLUMNS": "100"})
    stats = run("stats", "--answers", EXAMPLE, "--lang", "en", env={"COLUMNS": "100"})
    assert "Simulierte" in check.stdout and stats.returncode == 0, stats.stderr
    for text in (check.stdout, stats.stdout):
        assert text.strip()
        assert [line for line in text.splitlines() if line != line.rstrip()] == []


def test_plain_mode_options_wrap_under_their_text(run: Run, tmp_path: Path) -> None:
    long = "a very long answer " * 8
    bank = tmp_path / "questions.yaml"
    bank.write_text((CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8").replace(
        'en: "Ask"', f'en: "{long.strip()}"'), encoding="utf-8")
    out = run("--plain", "--lang", "en", input="1\n1\nq\n", env={"COLUMNS": "60"})
    lines = out.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  1. a very long"))
    wrapped = lines[first + 1:next(i for i in range(first, len(lines))
                                   if lines[i].startswith("  2. "))]
    assert wrapped and all(re.match(r"^     [a-z]", line) for line in wrapped), wrapped


def test_validate_counts_in_words(run: Run) -> None:
    out = run("validate", str(CORPUS / "good" / "minimal.yaml"))
    assert "3 questions (2 likert, 1 choice), 2 dimensions, 2 profiles" in out.stdout


def test_a_witness_file_says_a_command_that_works(run: Run, tmp_path: Path) -> None:
    bank = CORPUS / "good" / "minimal.yaml"
    assert run("check", str(bank), "--witness", "w", "--respondents", "50").returncode in (0, 1)
    witness = tmp_path / "w" / "listener.yaml"
    command = next(line for line in witness.read_text().splitlines() if "pm-quiz" in line)
    argv = command.lstrip("# ").split()
    assert argv[:3] == ["pm-quiz", "--questions", str(bank)]
    out = run(*argv[1:], "--format", "json")
    assert out.returncode == 0, out.stderr
    assert '"listener"' in out.stdout


def test_answers_from_standard_input(run: Run) -> None:
    answers = (ROOT / "examples" / "answers.yaml").read_text(encoding="utf-8")
    out = run("score", "--answers", "-", "--format", "json", input=answers)
    assert out.returncode == 0, out.stderr
    assert '"best": "bridge_builder"' in out.stdout
    bad = run("score", "--answers", "-", "--questions", str(CORPUS / "good" / "minimal.yaml"),
              input="l1: x\n")
    assert bad.returncode == 2
    assert bad.stderr.startswith("<standard input>:1:5: 'x' does not answer 'l1'")
