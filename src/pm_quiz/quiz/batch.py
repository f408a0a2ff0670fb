"""Many respondents at once: CSV exports of form tools and JSON Lines, read as a stream.

A CSV file has one row per respondent. Its header cells name questions by id or by the
question's text in any of the bank's languages; its cells give the likert number (``4``,
``4.0``, ``4,0``), the scale label, the option id or the option's text, in any language;
an empty cell is unanswered. An optional ``respondent`` column names the row (otherwise it
is the row's number among the data rows). Columns that are no question are ignored with one
notice naming them, and nothing of them is kept. Delimiter (``csv.Sniffer``, checked against
the header) and encoding (UTF-8 with or without BOM, UTF-16) are detected.

A JSON Lines file has one answers object per line, question id (or text) → answer, with an
optional ``"respondent"`` key.

Rows are read one at a time (:class:`BatchReader` is an iterator): memory does not grow
with the number of rows. A row with a bad cell is reported as ``FILE:LINE:COL`` and left
out; the other rows are still read.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from pm_quiz.bank.model import Bank, Question
from pm_quiz.i18n import Phrase, say
from pm_quiz.i18n.external import explain
from pm_quiz.parsing.files import JSONL_SUFFIXES, is_batch
from pm_quiz.parsing.problems import InputError, Problem
from pm_quiz.quiz.scoring import Answer, check_answer

RESPONDENT = "respondent"
DELIMITERS = ",;\t|"
SAMPLE_CHARS = 64 * 1024
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]0*)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Respondent:
    """One respondent's answers; ``line`` is where the row starts in the file."""

    id: str
    line: int
    answers: dict[str, Answer]


def visible(text: str) -> str:
    """``text`` with control characters written as escapes, for messages in a terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def normal(text: str) -> str:
    """A text as headers and cells are compared: spacing collapsed, case folded."""
    return " ".join(text.split()).casefold()


class Vocabulary:
    """What headers and cells may say for each question of a bank, in any language."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.columns: dict[str, str] = {}
        for q in bank.questions:
            for name in (q.id, *q.text.by_lang.values()):
                self.columns.setdefault(normal(name), q.id)
        self.labels: dict[str, int] = {}
        for labels in bank.scale.labels.values():
            for i, label in enumerate(labels):
                self.labels.setdefault(normal(label), bank.scale.min + i)
        self.options: dict[str, dict[str, str]] = {}
        for q in bank.questions:
            if q.type == "choice":
                names: dict[str, str] = {o.id: o.id for o in q.options}
                for o in q.options:
                    names.setdefault(normal(o.id), o.id)
                    for text in o.text.by_lang.values():
                        names.setdefault(normal(text), o.id)
                self.options[q.id] = names

    def column(self, header: str) -> str | None:
        return self.columns.get(normal(header))

    def answer(self, question: Question, cell: str) -> Answer | None:
        """The answer a cell gives (``None`` when it gives none the question accepts)."""
        value: Answer | None
        if question.type == "likert":
            if _NUMBER.fullmatch(cell):
                value = int(re.split("[.,]", cell)[0])
            else:
                value = self.labels.get(normal(cell))
        else:
            names = self.options[question.id]
            value = names.get(cell) or names.get(normal(cell))
        if value is None or check_answer(self.bank, question, value) is not None:
            return None
        return value

    def expected(self, question: Question) -> Phrase:
        if question.type == "likert":
            return say("exp_batch_likert", low=self.bank.scale.min, high=self.bank.scale.max)
        return say("exp_batch_option", ids=", ".join(o.id for o in question.options))


@dataclass(slots=True)
class BatchReader:
    """Iterate over the respondents of a CSV or JSON Lines file.

    Problems go to ``on_problem`` as they are found (the notice about ignored columns as a
    warning); ``rejected`` counts the rows left out, ``read`` the rows given out.
    """

    path: str
    bank: Bank
    on_problem: Callable[[Problem], None] = print
    rejected: int = 0
    read: int = 0
    ignored: tuple[str, ...] = ()
    vocabulary: Vocabulary = field(init=False)

    def __post_init__(self) -> None:
        self.vocabulary = Vocabulary(self.bank)

    def __iter__(self) -> Iterator[Respondent]:
        if self.path.lower().endswith(JSONL_SUFFIXES):
            return self._jsonl()
        return self._csv()

    def _error(self, line: int, col: int, key: str, expected_key: str | None = None, /,
               **params: object) -> None:
        self.on_problem(Problem.made(self.path, line, col, key, expected_key, params))

    # -- CSV ------------------------------------------------------------------------------
    def _csv(self) -> Iterator[Respondent]:
        encoding = sniff_encoding(self.path)
        delimiter, skip = self._dialect(encoding)
        try:
            with open(self.path, encoding=encoding, newline="") as handle:
                if skip:
                    handle.readline()
                yield from self._csv_rows(csv.reader(handle, delimiter=delimiter), 1 + skip)
        except UnicodeDecodeError as exc:
            self._error(0, 0, "msg_cannot_read_as_encoding", "exp_csv_encoding",
                        encoding=encoding, why=explain(exc))
            self.rejected += 1
        except csv.Error as exc:
            self._error(0, 0, "msg_not_csv", "exp_csv", why=explain(exc))
            self.rejected += 1

    def _dialect(self, encoding: str) -> tuple[str, int]:
        """The delimiter and whether an Excel ``sep=`` line comes first."""
        with open(self.path, encoding=encoding, newline="", errors="replace") as handle:
            sample = handle.read(SAMPLE_CHARS)
        first = sample.split("\n", 1)[0].rstrip("\r")
        if len(first) == 5 and first.lower().startswith("sep="):
            return first[4], 1
        try:
            sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
        except csv.Error:
            sniffed = ","
        # a question's text may hold the delimiter, and decimal commas fool the Sniffer:
        # the delimiter that makes the most header cells name a question wins
        best, known = sniffed, -1
        for candidate in dict.fromkeys(sniffed + DELIMITERS):
            header = next(csv.reader(io.StringIO(first), delimiter=candidate), [])
            found = sum(1 for h in header if self.vocabulary.column(h) or _is_respondent(h))
            if found > known:
                best, known = candidate, found
        return best, 0

    def _csv_rows(self, reader: Iterator[list[str]], first_line: int) -> Iterator[Respondent]:
        header = next(reader, None)
        if header is None:
            raise InputError([Problem.of(self.path, 0, 0, "msg_empty_file", "exp_header_row")])
        columns, who = self._columns(header, first_line)
        line = getattr(reader, "line_num", 0) + first_line
        number = 0
        for row in reader:
            start = line
            line = getattr(reader, "line_num", 0) + first_line
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            found = self._csv_row(row, columns, who, start, number, len(header))
            if found is not None:
                self.read += 1
                yield found

    def _columns(self, header: list[str], line: int) -> tuple[dict[int, str], int | None]:
        columns: dict[int, str] = {}
        seen: dict[str, int] = {}
        ignored: list[str] = []
        who: int | None = None
        problems = []
        for col, name in enumerate(header):
            qid = self.vocabulary.column(name)
            if qid is None:
                if _is_respondent(name) and who is None:
                    who = col
                elif name.strip():
                    ignored.append(name.strip())
                continue
            if qid in seen:
                problems.append(Problem.of(self.path, line, col + 1, "msg_second_column",
                                           "exp_one_column", qid=qid, first=seen[qid] + 1))
            seen[qid] = col
            columns[col] = qid
        if problems:
            raise InputError(problems)
        if not columns:
            raise InputError([Problem.of(self.path, line, 1, "msg_no_question_column",
                                         "exp_question_header", path=self.bank.path)])
        self.ignored = tuple(ignored)
        if ignored:
            self.on_problem(Problem.made(self.path, line, 1, "msg_ignored_columns", None,
                                         {"n": len(ignored),
                                          "names": ", ".join(map(visible, ignored))},
                                         "warning"))
        return columns, who

    def _csv_row(self, row: list[str], columns: Mapping[int, str], who: int | None,
                 line: int, number: int, width: int) -> Respondent | None:
        answers: dict[str, Answer] = {}
        bad = False
        for col, qid in columns.items():
            cell = row[col].strip() if col < len(row) else ""
            if not cell:
                continue
            question = self.bank.questions[self.bank.question_index[qid]]
            value = self.vocabulary.answer(question, cell)
            if value is None:
                self._error(line, col + 1, "msg_not_an_answer", "exp_said", text=repr(cell),
                            qid=qid, what=self.vocabulary.expected(question))
                bad = True
            else:
                answers[qid] = value
        extra = [i for i in range(width, len(row)) if row[i].strip()]
        if extra:
            self._error(line, extra[0] + 1, "msg_headless_value", "exp_cells_per_row",
                        n=width)
            bad = True
        if bad:
            self.rejected += 1
            return None
        name = row[who].strip() if who is not None and who < len(row) else ""
        return Respondent(name or str(number), line, answers)

    # -- JSON Lines -------------------------------------------------------------------------
    def _jsonl(self) -> Iterator[Respondent]:
        encoding = sniff_encoding(self.path)
        number = 0
        ignored: dict[str, None] = {}
        try:
            with open(self.path, encoding=encoding, newline="") as handle:
                for line_no, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    number += 1
                    found = self._jsonl_row(line, line_no, number, ignored)
                    if found is not None:
                        self.read += 1
                        yield found
        except UnicodeDecodeError as exc:
            self._error(0, 0, "msg_cannot_read_as_encoding", "exp_utf8", encoding=encoding,
                        why=explain(exc))
            self.rejected += 1
        self.ignored = tuple(ignored)
        if ignored:
            self.on_problem(Problem.made(self.path, 0, 0, "msg_ignored_keys", None,
                                         {"n": len(ignored),
                                          "names": ", ".join(map(visible, ignored))},
                                         "warning"))

    def _jsonl_row(self, line: str, line_no: int, number: int,
                   ignored: dict[str, None]) -> Respondent | None:
        try:
            data = json.loads(line)
        except ValueError as exc:
            col = getattr(exc, "colno", 1)
            self._error(line_no, col, "msg_not_json", "exp_json_lines", why=explain(exc))
            self.rejected += 1
            return None
        if not isinstance(data, dict):
            self._error(line_no, 1, "msg_found", "exp_json_object",
                        found=type(data).__name__)
            self.rejected += 1
            return None
        answers: dict[str, Answer] = {}
        bad = False
        who = str(number)
        for key, value in data.items():
            if key == RESPONDENT:
                if value is not None and str(value).strip():
                    who = str(value).strip()
                continue
            qid = self.vocabulary.column(key)
            if qid is None:
                ignored.setdefault(key, None)
                continue
            if value is None:
                continue
            question = self.bank.questions[self.bank.question_index[qid]]
            given = self._json_answer(question, value)
            if given is None:
                col = line.find(json.dumps(key, ensure_ascii=False)) + 1
                self._error(line_no, max(col, 1), "msg_not_an_answer", "exp_said",
                            text=repr(value), qid=qid, what=self.vocabulary.expected(question))
                bad = True
            else:
                answers[qid] = given
        if bad:
            self.rejected += 1
            return None
        return Respondent(who, line_no, answers)

    def _json_answer(self, question: Question, value: object) -> Answer | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int) and check_answer(self.bank, question, value) is None:
            return value
        if isinstance(value, str):
            return self.vocabulary.answer(question, value)
        return None


def _is_respondent(name: str) -> bool:
    return normal(name) == RESPONDENT


def sniff_encoding(path: str) -> str:
    """``utf-8-sig`` or ``utf-16`` by the byte-order mark; UTF-16 without one by its NUL
    bytes; otherwise ``utf-8``. Raises :class:`InputError` when the file cannot be read."""
    from pm_quiz.parsing.files import read_bytes

    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError:
        read_bytes(path, "a CSV or JSON Lines file")  # raises with a clear message
        raise
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) >= 2 and head[1] == 0 and head[0] != 0:
        return "utf-16-le"
    if len(head) >= 2 and head[0] == 0 and head[1] != 0:
        return "utf-16-be"
    return "utf-8"


@dataclass(slots=True)
class Respondents:
    """The respondents of several files in turn: CSV and JSON Lines files row by row, a
    YAML or JSON answers file as one respondent (named after the file). ``rejected``
    counts the rows (or files) left out for their problems."""

    paths: Sequence[str]
    bank: Bank
    on_problem: Callable[[Problem], None] = print
    rejected: int = 0

    def __iter__(self) -> Iterator[Respondent]:
        from pm_quiz.quiz.answers import load_answers

        for path in self.paths:
            if is_batch(path):
                reader = BatchReader(path, self.bank, self.on_problem)
                yield from reader
                self.rejected += reader.rejected
                continue
            try:
                answers = load_answers(path, self.bank)
            except InputError as exc:
                for problem in exc.problems:
                    self.on_problem(problem)
                self.rejected += 1
                continue
            yield Respondent(os.path.basename(path), 0, answers)


def write_answers(out: TextIO, fmt: str, bank: Bank, respondents: Iterable[Respondent]) -> int:
    """Write respondents in the batch format :class:`BatchReader` reads: ``csv`` (a
    ``respondent`` column, then one column per question id in bank order) or ``jsonl``.
    Returns how many were written."""
    count = 0
    if fmt == "csv":
        rows = csv.writer(out, lineterminator="\n")
        rows.writerow([RESPONDENT, *(q.id for q in bank.questions)])
        for r in respondents:
            rows.writerow([r.id, *(r.answers.get(q.id, "") for q in bank.questions)])
            count += 1
        return count
    for r in respondents:
        out.write(json.dumps({RESPONDENT: r.id, **r.answers}, ensure_ascii=False) + "\n")
        count += 1
    return count
