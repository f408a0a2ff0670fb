"""Answers files: a mapping question id → likert number or option id, in YAML or JSON."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping as MappingOf
from pathlib import Path

from pm_quiz.bank.model import Bank
from pm_quiz.parsing.files import STDIN_NAME, decode, read_bytes, read_stdin
from pm_quiz.parsing.problems import Collector
from pm_quiz.parsing.yamldoc import MapNode, Node, Scalar, describe, gc_paused, parse
from pm_quiz.quiz.scoring import Answer, check_answer


def load_answers(path: str | Path, bank: Bank) -> dict[str, Answer]:
    """Read an answers file and check every answer against ``bank``; all problems at once."""
    with gc_paused():
        return _load_answers(Path(path), bank)


def _read(path: Path) -> tuple[str, str]:
    """The name and text of an answers file; ``-`` is standard input (YAML or JSON: JSON
    is YAML)."""
    what = "an answers file (YAML or JSON)"
    if str(path) == "-":
        return STDIN_NAME, decode(read_stdin(what), STDIN_NAME)
    return str(path), decode(read_bytes(path, what), str(path))


def _load_answers(path: Path, bank: Bank) -> dict[str, Answer]:
    name, text = _read(path)
    if path.suffix.lower() == ".json":
        # JSON is read by the YAML parser for its positions. A literal tab can only stand
        # between tokens in JSON (never inside a string), where YAML does not allow it.
        text = text.replace("\t", " ")
    root = parse(text, name, "JSON" if path.suffix.lower() == ".json" else "YAML")
    problems = Collector(name)

    def error(node: Node, message: str, expected: str) -> None:
        problems.add(node.line, node.col, message, expected)

    if not isinstance(root, MapNode):
        error(root, f"found {describe(root)}", "a mapping of question id → answer")
        raise problems.as_error()
    answers: dict[str, Answer] = {}
    known = list(bank.question_index)
    for key_node, _ in root.odd_keys:
        read_as = "a date" if key_node.tag == "timestamp" else describe(key_node)
        error(key_node, f"YAML reads the key {key_node.text} as {read_as}, not as a name",
              f'a question id; write it in quotes: "{key_node.text}"')
    for qid, (key_node, value_node) in root.items.items():
        question = bank.question(qid)
        if question is None:
            error(key_node, f"unknown question '{qid}'{problems.did_you_mean(qid, known)}",
                  f"a question id of {bank.path}")
            continue
        if not isinstance(value_node, Scalar):
            error(value_node, f"found {describe(value_node)} for '{qid}'",
                  check_answer(bank, question, None) or "an answer")
            continue
        if value_node.tag == "null":
            continue  # left unanswered
        value: Answer
        if question.type == "likert":
            value = value_node.value if value_node.tag == "int" else value_node.text
        else:
            value = value_node.text  # an option id, even one YAML reads as a number or bool
        expected = check_answer(bank, question, value)
        if expected is not None:
            error(value_node, *_mismatch(value_node, qid, question.type, expected))
            continue
        answers[qid] = value
    if problems.failed:
        raise problems.as_error()
    return answers


def _mismatch(node: Scalar, qid: str, kind: str, expected: str) -> tuple[str, str]:
    """What is wrong with an answer, and what to write instead."""
    text = node.text.strip()
    if kind == "likert" and node.tag == "str" and text.lstrip("-").isdigit():
        return (f"the answer to '{qid}' is the text {node.text!r} (in quotes), not a number",
                f"{expected}, without quotes: {qid}: {text}")
    return f"{node.text!r} does not answer '{qid}'", expected


def format_answers(answers: MappingOf[str, Answer], comments: Iterable[str] = ()) -> str:
    """An answers file that :func:`load_answers` reads back: ``# comments``, then one
    ``"id": value`` line per answer (JSON strings, which YAML reads as they are)."""
    import json

    lines = [f"# {comment}" for comment in comments]
    for qid, value in answers.items():
        shown = str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{json.dumps(qid, ensure_ascii=False)}: {shown}")
    return "\n".join(lines) + "\n"
