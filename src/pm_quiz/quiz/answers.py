"""Answers files: a mapping question id → likert number or option id, in YAML or JSON."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping as MappingOf
from pathlib import Path

from pm_quiz.bank.model import Bank
from pm_quiz.parsing.files import decode, read_bytes
from pm_quiz.parsing.problems import Collector
from pm_quiz.parsing.yamldoc import MapNode, Node, Scalar, describe, gc_paused, parse
from pm_quiz.quiz.scoring import Answer, check_answer


def load_answers(path: str | Path, bank: Bank) -> dict[str, Answer]:
    """Read an answers file and check every answer against ``bank``; all problems at once."""
    with gc_paused():
        return _load_answers(Path(path), bank)


def _load_answers(path: Path, bank: Bank) -> dict[str, Answer]:
    name = str(path)
    text = decode(read_bytes(path, "an answers file (YAML or JSON)"), name)
    if path.suffix.lower() == ".json":
        # JSON is read by the YAML parser for its positions. A literal tab can only stand
        # between tokens in JSON (never inside a string), where YAML does not allow it.
        text = text.replace("\t", " ")
    root = parse(text, name)
    problems = Collector(name)

    def error(node: Node, message: str, expected: str) -> None:
        problems.add(node.line, node.col, message, expected)

    if not isinstance(root, MapNode):
        error(root, f"found {describe(root)}", "a mapping of question id → answer")
        raise problems.as_error()
    answers: dict[str, Answer] = {}
    known = list(bank.question_index)
    for key_node, _ in root.odd_keys:
        error(key_node, f"{key_node.text} is {describe(key_node)}", "a question id")
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
            error(value_node, f"{value_node.text!r} does not answer '{qid}'", expected)
            continue
        answers[qid] = value
    if problems.failed:
        raise problems.as_error()
    return answers


def format_answers(answers: MappingOf[str, Answer], comments: Iterable[str] = ()) -> str:
    """An answers file that :func:`load_answers` reads back: ``# comments``, then one
    ``"id": value`` line per answer (JSON strings, which YAML reads as they are)."""
    import json

    lines = [f"# {comment}" for comment in comments]
    for qid, value in answers.items():
        shown = str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{json.dumps(qid, ensure_ascii=False)}: {shown}")
    return "\n".join(lines) + "\n"
