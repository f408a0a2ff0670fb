"""The JSON Schema: generated from the loader's definitions, shipped, and right."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pm_quiz.bank.definition import json_schema, json_schema_text
from pm_quiz.bank.locate import MODELINE, SCHEMA_NAME

from helpers import CORPUS, ROOT

#: The schema shipped in the package (generated; the tests below keep it current).
PACKAGED_SCHEMA = ROOT / "src" / "pm_quiz" / "data" / SCHEMA_NAME

#: Bad banks whose fault a schema can express: types, unknown keys, ranges, counts.
EXPRESSIBLE = [
    "wrong_types", "unknown_key_hint", "unknown_top_key", "target_out_of_range",
    "bad_weights", "choice_one_option", "unknown_question_type", "empty_id",
    "not_a_mapping", "empty_targets", "number_as_text", "missing_required",
    "yaml11_bool_language", "nan_inf",
]


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert PACKAGED_SCHEMA.read_text(encoding="utf-8") == json_schema_text(), (
        "run: pm-quiz --lang en schema > src/pm_quiz/data/questions.schema.json")


def test_the_schema_accepts_the_default_bank_and_the_good_corpus(validator: Any) -> None:
    for path in [ROOT / "questions.yaml", *sorted((CORPUS / "good").glob("*.yaml"))]:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text("utf-8-sig"))))
        assert errors == [], (path, [e.message for e in errors])


@pytest.mark.parametrize("name", EXPRESSIBLE)
def test_the_schema_rejects_what_it_can_express(validator: Any, name: str) -> None:
    document = yaml.safe_load((CORPUS / "bad" / f"{name}.yaml").read_text("utf-8"))
    assert list(validator.iter_errors(document)), f"{name} passed the schema"


def test_the_repository_bank_names_the_shipped_schema() -> None:
    first = (ROOT / "questions.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    target = ROOT / first[len(MODELINE):]  # the copy in the source tree
    assert target.read_text(encoding="utf-8") == json_schema_text()
    assert target.read_bytes() == PACKAGED_SCHEMA.read_bytes()  # and in the package


def test_schema_command_prints_it(run: Any) -> None:
    out = run("schema")
    assert out.returncode == 0
    assert json.loads(out.stdout) == json_schema()
    markdown = run("schema", "--markdown")
    assert markdown.stdout.startswith("#### Bank")
    assert run("--lang", "de", "schema", "--markdown").stdout.startswith("#### Fragendatei")


def test_every_description_is_in_every_catalogue() -> None:
    """What an editor shows on hover is in the language of the run: a description that a
    catalogue lacks would stay English there."""
    from pm_quiz.bank.spec import SCHEMA_CONTEXT
    from pm_quiz.i18n import catalog, catalog_languages
    from pm_quiz.i18n.catalog import in_context

    for lang in catalog_languages():
        found = catalog(lang)
        assert found is not None
        missing = [d for d in dict.fromkeys(_descriptions(json_schema()))
                   if found.text(in_context(SCHEMA_CONTEXT, d)) is None]
        assert missing == [], (lang, missing)


def test_every_word_of_the_reference_is_in_every_catalogue(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The Markdown reference looks its words up as it writes them: each one looked up is
    in every catalogue (a new field, type or rule fails here until it is translated)."""
    from pm_quiz.bank import definition, spec
    from pm_quiz.i18n import catalog, catalog_languages
    from pm_quiz.i18n.catalog import in_context

    looked_up: list[str] = []
    real = spec.schema_text

    def recording(lang: str, english: str) -> str:
        looked_up.append(english)
        return real(lang, english)

    monkeypatch.setattr(spec, "schema_text", recording)
    monkeypatch.setattr(definition, "schema_text", recording)
    german = definition.reference_markdown("de")
    assert len(set(looked_up)) > 50
    for lang in catalog_languages():
        found = catalog(lang)
        assert found is not None
        missing = [w for w in dict.fromkeys(looked_up)
                   if found.text(in_context(spec.SCHEMA_CONTEXT, w)) is None]
        assert missing == [], (lang, missing)
    assert "#### Regeln über die ganze Datei" in german and "| Schlüssel | Typ |" in german
    assert definition.reference_markdown() == definition.reference_markdown("en")


def test_the_schema_speaks_the_language_of_the_run(run: Any, tmp_path: Path) -> None:
    english = set(_descriptions(json_schema()))
    out = run("--lang", "de", "schema")
    german = json.loads(out.stdout)
    assert german["$defs"]["bank"]["description"] == "Die ganze Datei."
    said = set(_descriptions(german))
    assert said & english <= {"`likert`.", "`choice`."}  # only what is code in every language
    assert run("--lang", "de", "init", "quiz").returncode == 0
    written = json.loads((tmp_path / "quiz" / "questions.schema.json").read_text())
    assert written == german
    # the same schema apart from its words: validation is the same in every language
    assert _without_descriptions(german) == _without_descriptions(json_schema())


def _descriptions(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [d for k, v in node.items()
                for d in ([v] if k == "description" and isinstance(v, str) else _descriptions(v))]
    if isinstance(node, list):
        return [d for v in node for d in _descriptions(v)]
    return []


def _without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items()
                if not (k == "description" and isinstance(v, str))}
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node


def test_init_writes_the_schema_beside_the_bank(run: Any, tmp_path: Path) -> None:
    assert run("init", "quiz").returncode == 0
    bank = (tmp_path / "quiz" / "questions.yaml").read_text(encoding="utf-8")
    assert bank.splitlines()[0] == f"{MODELINE}./questions.schema.json"
    shipped = (ROOT / "questions.yaml").read_text(encoding="utf-8").splitlines()[1:]
    assert bank.splitlines()[1:] == shipped
    assert (tmp_path / "quiz" / "questions.schema.json").read_text() == json_schema_text()


def test_the_definition_reads_every_field_of_the_model() -> None:
    """One definition: each record's fields are the keys of its mapping in the format,
    apart from those the loader gives (where the mapping stood, the file, the warnings)."""
    from pm_quiz.bank.definition import BANK
    from pm_quiz.bank.model import Bank

    read: dict[type, set[str]] = {}
    for obj in BANK.walk():  # the kinds of question share one record
        read.setdefault(obj.model, set()).update(f.name for f in obj.fields)
    for obj in BANK.walk():
        given = {"line"} | ({"path", "source", "warnings"} if obj.model is Bank else set())
        assert set(obj.defaults) - given == read[obj.model], obj.name


def test_a_definition_that_disagrees_with_its_model_is_refused() -> None:
    from pm_quiz.bank.model import Dimension
    from pm_quiz.bank.spec import Field, Obj, Str

    with pytest.raises(TypeError, match="has no field 'colour'"):
        Obj("d", "dimension", Dimension, [Field("colour", Str(), "")])
    with pytest.raises(TypeError, match="optional but has no default"):
        Obj("d", "dimension", Dimension, [Field("id", Str(), "")])
