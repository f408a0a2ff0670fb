"""Errors from outside the program (the operating system, PyYAML with either loader, json,
csv, SQLite) speak the user's language: a German run reads German and not the library's
English; a text no table knows is kept as it came."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from pm_quiz.i18n import catalog, catalog_languages, set_message_language
from pm_quiz.i18n.external import (
    ORIGINAL,
    OS_KEYS,
    YAML_CONTEXTS,
    YAML_RULES,
    explain,
    keys,
    yaml_problem,
)
from pm_quiz.parsing import yamldoc
from pm_quiz.parsing.problems import InputError
from pm_quiz.store.database import StoreBusy, StoreError, _error

from helpers import Run


@pytest.fixture
def in_german() -> Iterator[None]:
    set_message_language("de")
    yield
    set_message_language("en")


def test_every_key_of_the_tables_is_in_every_catalogue() -> None:
    for lang in catalog_languages():
        found = catalog(lang)
        assert found is not None
        assert sorted(keys() - set(found.entries)) == [], lang


# -- the operating system ---------------------------------------------------------------
@pytest.mark.parametrize("code", sorted(OS_KEYS), ids=lambda c: errno.errorcode[c])
def test_an_os_error_in_german(code: int) -> None:
    exc = OSError(code, os.strerror(code), "/some/file")
    phrase = explain(exc)
    assert phrase.key == OS_KEYS[code]
    said = phrase.said("de")
    assert os.strerror(code).lower() not in said.lower()
    assert said.strip() and said != phrase.said("en")


def test_the_common_errnos_are_all_known() -> None:
    wanted = ("ENOENT", "EACCES", "EPERM", "EEXIST", "ENOTDIR", "EISDIR", "ENOSPC", "EROFS",
              "ELOOP", "ENAMETOOLONG", "EBUSY", "EXDEV", "ENOTEMPTY", "EDQUOT", "EIO")
    assert [name for name in wanted if getattr(errno, name) not in OS_KEYS] == []


def test_a_real_os_error_in_german(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        (tmp_path / "missing" / "file").read_text()
    said = explain(caught.value).said("de")
    assert said == "die Datei oder das Verzeichnis gibt es nicht"
    assert explain(caught.value).said("en") == "no such file or directory"


def test_an_unknown_os_error_keeps_its_text() -> None:
    assert explain(OSError(4242, "Something odd happened")).said("de") == \
        "Something odd happened"
    assert explain(OSError("no errno at all")).said("de") == "no errno at all"


def test_an_unknown_host_in_german() -> None:
    import socket

    exc = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert explain(exc).said("de") == "den Rechnernamen gibt es nicht"


def test_an_uncreatable_data_dir_in_german(run: Run) -> None:
    out = run("--lang", "de", "history", "--data-dir", "/proc/pm-quiz-test/x")
    assert out.returncode == 2
    assert "No such file" not in out.stderr
    assert "kann nicht angelegt werden: die Datei oder das Verzeichnis gibt es nicht" in \
        out.stderr, out.stderr
    english = run("history", "--data-dir", "/proc/pm-quiz-test/x")
    assert "cannot be created: no such file or directory" in english.stderr or \
        "no such file or directory" in english.stderr, english.stderr


def test_output_to_a_full_device_in_german(tmp_path: Path) -> None:
    import subprocess

    from helpers import pm_quiz_command

    with open("/dev/full", "w") as full:
        out = subprocess.run([*pm_quiz_command(), "--lang", "de", "schema"], stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=60, check=False)
    assert out.returncode == 2
    assert out.stderr == "pm-quiz: die Ausgabe kann nicht geschrieben werden: auf dem " \
                         "Datenträger ist kein Platz mehr frei\n"


def test_an_export_that_cannot_be_written_in_german(tmp_path: Path) -> None:
    from pm_quiz.report.write import write_file

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError) as caught:
        write_file(blocker / "result.md", "text")
    said = caught.value.problems[0].said("de")
    assert "Not a directory" not in said
    assert said.endswith("ein Teil des Pfads ist kein Verzeichnis (erwartet: ein "
                         "beschreibbarer Ort)")


# -- PyYAML, with the C and the pure-Python loader ----------------------------------------
LOADERS = [pytest.param(yaml.SafeLoader, id="python")]
if getattr(yaml, "__with_libyaml__", False):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))

BROKEN_YAML = {
    "value_after_value": "title: a: b\n",
    "indentation": "a:\n  b: 1\n c: 2\n",
    "open_quote": 'a: "x\n',
    "at_sign": "a: @x\n",
    "list_after_mapping": "a: b\n- c\n",
    "flow_mapping": "a: {b: 1 c: 2\n",
    "flow_sequence": "a: [1, 2\nb: 3\n",
    "missing_colon": "a: b\nplain key\nc: d\n",
    "document_marker": "a: [1,\n---\n",
    "bad_escape": 'a: "\\q"\n',
    "backquote": "a: `x`\n",
}


def _yaml_error(text: str, loader: type) -> yaml.MarkedYAMLError:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        for _ in yaml.parse(text, Loader=loader):
            pass
    return caught.value


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_a_yaml_syntax_error_in_german(loader: type, name: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = BROKEN_YAML[name]
    exc = _yaml_error(text, loader)
    assert exc.problem is not None
    # every text of both loaders is in the tables
    assert explain(exc).key != ORIGINAL, exc.problem
    if exc.context:
        assert any(rule.match(exc.context.strip()) for rule in YAML_CONTEXTS), \
            exc.context
    monkeypatch.setattr(yamldoc, "_Loader", loader)
    with pytest.raises(InputError) as caught:
        yamldoc.parse(text, "bank.yaml")
    said = caught.value.problems[0].said("de")
    assert "YAML-Syntaxfehler" in said
    assert exc.problem.strip() not in said, said
    if exc.context:
        assert exc.context.strip() not in said, said


@pytest.mark.parametrize("loader", LOADERS)
def test_both_loaders_name_the_character_that_cannot_start_a_value(
        loader: type, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "_Loader", loader)
    with pytest.raises(InputError) as caught:
        yamldoc.parse("a: @x\n", "bank.yaml")
    assert "mit dem Zeichen '@' kann kein Wert beginnen" in caught.value.problems[0].said("de")
    assert "found the character '@'" in caught.value.problems[0].said("en")


def test_the_python_loaders_token_names_are_put_in_words() -> None:
    said = yaml_problem("expected <block end>, but found '<block mapping start>'",
                        "while parsing a block mapping").said("de")
    assert said == ("in einer Zuordnung (Zeilen mit „Schlüssel: Wert“): hier sollte ein "
                    "eingerückter Block enden, doch es folgt der Beginn einer Zuordnung; "
                    "stimmt die Einrückung?")


@pytest.mark.parametrize("problem", [
    "found undefined alias 'x'", "found undefined alias", "found unknown escape character 'q'",
    "found unknown escape character", "did not find expected key",
    "expected <block end>, but found '<scalar>'", "could not find expected ':'",
    "mapping values are not allowed here", "mapping values are not allowed in this context",
    "found character '\\t' that cannot start any token",
    "found character that cannot start any token",
    "expected the node content, but found ','", "did not find expected node content",
    "found unexpected end of stream", "control characters are not allowed",
    "sequence entries are not allowed here",
    "block sequence entries are not allowed in this context",
])
def test_the_fixed_yaml_texts_are_known(problem: str) -> None:
    assert any(rule.match(problem) for rule in YAML_RULES), problem
    assert problem not in yaml_problem(problem).said("de")


def test_an_answers_file_with_broken_yaml_in_german(tmp_path: Path) -> None:
    from pm_quiz.bank.loader import load_bank
    from pm_quiz.quiz.answers import load_answers

    bank = load_bank(Path(__file__).parents[2] / "questions.yaml")
    answers = tmp_path / "answers.json"
    answers.write_text('{"listen-1": 3,, }\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_answers(answers, bank)
    said = caught.value.problems[0].said("de")
    assert said.startswith(f"{answers}:1:")
    assert "JSON-Syntaxfehler" in said and "did not find" not in said
    assert "hier wurde ein Wert erwartet" in said


# -- json ----------------------------------------------------------------------------------
BROKEN_JSON = ['{"a": }', '{"a": 1 "b": 2}', '{"a" 1}', "{'a': 1}", '{"a": "x', '{"a": 1} x',
               '{"a": "x\ty"}', '{"a": "\\q"}', '{"a": "\\u12"}', "", "[1,]", '{"a": 1,}']


@pytest.mark.parametrize("text", BROKEN_JSON)
def test_a_json_error_in_german(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    phrase = explain(caught.value)
    assert phrase.key != ORIGINAL, caught.value.msg
    assert caught.value.msg not in phrase.said("de")


def test_a_json_lines_file_in_german(tmp_path: Path) -> None:
    from pm_quiz.bank.loader import load_bank
    from pm_quiz.quiz.batch import Respondents

    bank = load_bank(Path(__file__).parents[2] / "questions.yaml")
    path = tmp_path / "answers.jsonl"
    path.write_text('{"listen-1": 3,}\n{"listen-1" 3}\n', encoding="utf-8")
    problems: list[str] = []
    list(Respondents([str(path)], bank, lambda p: problems.append(p.said("de"))))
    assert problems == [
        f"{path}:1:16: kein JSON: hier wurde ein Name in doppelten Anführungszeichen erwartet "
        "(oder ein Komma zu viel?) (erwartet: ein JSON-Objekt je Zeile)",
        f"{path}:2:13: kein JSON: hier fehlt der Doppelpunkt nach dem Namen (erwartet: ein "
        "JSON-Objekt je Zeile)"]


# -- csv -------------------------------------------------------------------------------------
def test_a_csv_error_in_german() -> None:
    with pytest.raises(csv.Error) as caught:
        list(csv.reader(io.StringIO('a,"' + "x" * (csv.field_size_limit() + 1))))
    said = explain(caught.value).said("de")
    assert said == f"ein Feld ist länger als {csv.field_size_limit()} Zeichen (ein " \
                   "Anführungszeichen nicht geschlossen?)"
    with pytest.raises(csv.Error) as strict:
        list(csv.reader(io.StringIO('"a"b\n'), strict=True))
    assert explain(strict.value).key != ORIGINAL, str(strict.value)
    assert str(strict.value) not in explain(strict.value).said("de")


def test_a_csv_form_export_that_csv_cannot_read_in_german(tmp_path: Path) -> None:
    from pm_quiz.bank.loader import load_bank
    from pm_quiz.quiz.batch import Respondents

    bank = load_bank(Path(__file__).parents[2] / "questions.yaml")
    path = tmp_path / "form.csv"
    path.write_text('respondent,listen-1\n1,"' + "x" * (csv.field_size_limit() + 1),
                    encoding="utf-8")
    problems: list[str] = []
    list(Respondents([str(path)], bank, lambda p: problems.append(p.said("de"))))
    assert problems == [f"{path}: die Datei kann nicht als CSV gelesen werden: ein Feld ist "
                        f"länger als {csv.field_size_limit()} Zeichen (ein Anführungszeichen "
                        "nicht geschlossen?) (erwartet: CSV-Text)"]


def test_an_undecodable_csv_in_german(tmp_path: Path) -> None:
    from pm_quiz.bank.loader import load_bank
    from pm_quiz.quiz.batch import Respondents

    bank = load_bank(Path(__file__).parents[2] / "questions.yaml")
    path = tmp_path / "answers.jsonl"
    path.write_bytes(b'{"listen-1": 3}\n{"listen-1": "\xff"}\n')
    problems: list[str] = []
    list(Respondents([str(path)], bank, lambda p: problems.append(p.said("de"))))
    assert len(problems) == 1 and "invalid start byte" not in problems[0]
    assert "ein Byte, mit dem kein Zeichen beginnen kann" in problems[0]


# -- SQLite ----------------------------------------------------------------------------------
def _sqlite_errors(tmp_path: Path) -> Iterator[sqlite3.Error]:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    try:
        sqlite3.connect(garbage).execute("SELECT * FROM sqlite_master")
    except sqlite3.Error as exc:
        yield exc
    good = tmp_path / "good.db"
    db = sqlite3.connect(good, isolation_level=None)
    db.execute("CREATE TABLE t (x)")
    try:
        db.execute("SELECT * FROM missing")
    except sqlite3.Error as exc:
        yield exc
    try:
        db.execute("SELECT y FROM t")
    except sqlite3.Error as exc:
        yield exc
    read_only = sqlite3.connect(f"file:{good}?mode=ro", uri=True)
    try:
        read_only.execute("INSERT INTO t VALUES (1)")
    except sqlite3.Error as exc:
        yield exc
    db.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(good, timeout=0)
    try:
        other.execute("SELECT * FROM t")
    except sqlite3.Error as exc:
        yield exc
    db.execute("ROLLBACK")
    for connection in (db, other, read_only):
        connection.close()
    try:
        sqlite3.connect(tmp_path / "no" / "such" / "dir.db")
    except sqlite3.Error as exc:
        yield exc


def test_sqlite_errors_in_german(tmp_path: Path) -> None:
    errors = list(_sqlite_errors(tmp_path))
    assert len(errors) == 6
    for exc in errors:
        phrase = explain(exc)
        assert phrase.key != ORIGINAL, str(exc)
        said = phrase.said("de")
        english = str(exc).split(":")[0]
        assert english not in said, (str(exc), said)


@pytest.mark.parametrize(("text", "german"), [
    ("database is locked", "die Datenbank ist gesperrt"),
    ("disk I/O error", "Ein-/Ausgabefehler auf dem Datenträger"),
    ("file is not a database", "die Datei ist keine Datenbank"),
    ("attempt to write a readonly database", "die Datenbank ist schreibgeschützt"),
    ("database or disk is full", "der Datenträger ist voll"),
])
def test_the_stores_reasons_in_german(text: str, german: str) -> None:
    error = _error(sqlite3.OperationalError(text))
    assert isinstance(error, StoreError)
    said = error.said("de")
    assert german in said and text not in said, said
    if "locked" in text:
        assert isinstance(error, StoreBusy)


def test_the_keeper_says_why_it_is_not_saving_in_german(tmp_path: Path) -> None:
    from pm_quiz.i18n import t

    reason = _error(sqlite3.OperationalError("attempt to write a readonly database"))
    shown = t("de", "not_saving", reason=reason.said("de"))
    assert "readonly" not in shown and "schreibgeschützt" in shown


def test_an_unusable_store_in_german(run: Run, tmp_path: Path) -> None:
    (tmp_path / "pm-quiz.sqlite3").write_bytes(b"this is not a database" * 100)
    out = run("--lang", "de", "history", "--data-dir", str(tmp_path))
    assert "(die Datei ist keine Datenbank)" in out.stderr, out.stderr
    assert "not a database" not in out.stderr


# -- what no table knows -------------------------------------------------------------------
@pytest.mark.parametrize("error", [
    OSError(4242, "Something odd happened"),
    sqlite3.OperationalError("some future SQLite complaint"),
    json.JSONDecodeError("A new kind of JSON trouble", "x", 0),
    yaml.scanner.ScannerError(problem="a new YAML complaint"),
    csv.Error("a new CSV complaint"),
    UnicodeDecodeError("utf-8", b"x", 0, 1, "a new codec complaint"),
    ValueError("anything else"),
])
def test_an_unknown_text_falls_back_to_the_original(error: Exception) -> None:
    phrase = explain(error)
    assert phrase.key == ORIGINAL
    original = getattr(error, "problem", None) or getattr(error, "msg", None) or \
        getattr(error, "reason", None) or getattr(error, "strerror", None) or str(error)
    assert phrase.said("de") == phrase.said("en") == original


def test_an_unknown_yaml_context_is_kept() -> None:
    said = yaml_problem("did not find expected key", "while doing something new").said("de")
    assert said == "while doing something new: hier wurde ein Schlüssel erwartet; stimmt " \
                   "die Einrückung?"


def test_a_phrase_given_as_the_reason_is_said_as_it_is(in_german: None) -> None:
    from pm_quiz.store.groups import group_name

    with pytest.raises(ValueError) as caught:
        group_name("  ")
    assert str(explain(caught.value)) == "der Gruppenname ist leer"


def test_a_store_from_a_newer_pm_quiz_in_german(tmp_path: Path) -> None:
    from pm_quiz.store.database import FILE_NAME, SCHEMA_VERSION, Store

    Store.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / FILE_NAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path)
    said = caught.value.said("de")
    assert f"stammt von einem neueren pm-quiz (Schema {SCHEMA_VERSION + 1}" in said, said
    assert "written by" not in said
    assert "written by a newer pm-quiz" in caught.value.said("en")
