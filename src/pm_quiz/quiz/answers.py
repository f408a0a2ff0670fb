"""Answers files: a mapping question id → likert number or option id, in YAML or JSON."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping as MappingOf
from pathlib import Path

from pm_quiz.bank.model import Bank
from pm_quiz.i18n import Phrase, say
from pm_quiz.parsing.files import STDIN_NAME, decode, read_bytes, read_stdin
from pm_quiz.parsing.problems import Collector, Problem
from pm_quiz.parsing.yamldoc import MapNode, Scalar, described, gc_paused, parse
from pm_quiz.quiz.scoring import Answer, check_answer, expected_answer


def load_answers(path: str | Path, bank: Bank) -> dict[str, Answer]:
    """Read an answers file and check every answer against ``bank``; all problems at once."""
    with gc_paused():
        return _load_answers(Path(path), bank)


def _read(path: Path) -> tuple[str, str]:
    """The name and text of an answers file; ``-`` is standard input (YAML or JSON: JSON
    is YAML)."""
    what = say("exp_answers_file")
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
    if not isinstance(root, MapNode):
        problems.say(root.line, root.col, "msg_found", "exp_answers_mapping",
                     found=described(root))
        raise problems.as_error()
    answers: dict[str, Answer] = {}
    known = list(bank.question_index)
    for key_node, _ in root.odd_keys:
        read_as = say("msg_a_date") if key_node.tag == "timestamp" else described(key_node)
        problems.say(key_node.line, key_node.col, "msg_odd_key", "exp_quoted_id",
                     text=key_node.text, read_as=read_as)
    for qid, (key_node, value_node) in root.items.items():
        question = bank.question(qid)
        if question is None:
            problems.say(key_node.line, key_node.col, "msg_unknown_question",
                         "exp_question_of", qid=qid, hint=problems.hint(qid, known),
                         path=bank.path)
            continue
        if not isinstance(value_node, Scalar):
            problems.say(value_node.line, value_node.col, "msg_found_for", "exp_said",
                         found=described(value_node), qid=qid,
                         what=expected_answer(bank, question))
            continue
        if value_node.tag == "null":
            continue  # left unanswered
        value: Answer
        if question.type == "likert":
            value = value_node.value if value_node.tag == "int" else value_node.text
        else:
            value = value_node.text  # an option id, even one YAML reads as a number or bool
        if check_answer(bank, question, value) is not None:
            problems.problems.append(_mismatch(name, value_node, qid, question.type,
                                               expected_answer(bank, question)))
            continue
        answers[qid] = value
    if problems.failed:
        raise problems.as_error()
    return answers


def _mismatch(name: str, node: Scalar, qid: str, kind: str, expected: Phrase) -> Problem:
    """What is wrong with an answer, and what to write instead."""
    text = node.text.strip()
    if kind == "likert" and node.tag == "str" and text.lstrip("-").isdigit():
        return Problem.of(name, node.line, node.col, "msg_answer_is_text", "exp_unquoted",
                          qid=qid, text=repr(node.text), what=expected, plain=text)
    return Problem.of(name, node.line, node.col, "msg_not_an_answer", "exp_said",
                      qid=qid, text=repr(node.text), what=expected)


def format_answers(answers: MappingOf[str, Answer], comments: Iterable[str] = ()) -> str:
    """An answers file that :func:`load_answers` reads back: ``# comments``, then one
    ``"id": value`` line per answer (JSON strings, which YAML reads as they are)."""
    import json

    lines = [f"# {comment}" for comment in comments]
    for qid, value in answers.items():
        shown = str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{json.dumps(qid, ensure_ascii=False)}: {shown}")
    return "\n".join(lines) + "\n"
