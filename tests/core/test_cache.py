"""The cache of loaded banks: the same bank back, never a stale one, never an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pm_quiz.bank.cache import FORMAT, load_bank_cached
from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.model import Bank
from pm_quiz.parsing.problems import InputError

from helpers import CORPUS, ROOT


def same(a: Bank, b: Bank) -> None:
    for name in ("path", "title", "intro", "languages", "close_call", "scale", "dimensions",
                 "profiles", "questions", "context", "warnings", "fingerprint"):
        assert getattr(a, name) == getattr(b, name), name


@pytest.mark.parametrize("path", [ROOT / "questions.yaml", CORPUS / "good" / "minimal.yaml",
                                  CORPUS / "bad" / "unmeasured_dimension.yaml"],
                         ids=lambda p: p.stem)
def test_a_cached_bank_equals_the_parsed_one(tmp_path: Path, path: Path) -> None:
    parsed = load_bank(path)
    first = load_bank_cached(path, tmp_path)  # parses and writes the entry
    entries = list(tmp_path.glob("bank-*.json"))
    assert len(entries) == 1 and entries[0].name == f"bank-{parsed.fingerprint}.json"
    second = load_bank_cached(path, tmp_path)  # from the entry
    same(first, parsed)
    same(second, parsed)


def test_an_edited_file_is_never_answered_from_the_cache(tmp_path: Path) -> None:
    bank = tmp_path / "questions.yaml"
    bank.write_text((CORPUS / "good" / "minimal.yaml").read_text(encoding="utf-8"))
    load_bank_cached(bank, tmp_path / "cache")
    bank.write_text(bank.read_text().replace('"I listen."', '"I listen closely."'))
    assert load_bank_cached(bank, tmp_path / "cache").question("l1").text.get("en") == \
        "I listen closely."  # type: ignore[union-attr]
    bank.write_text(bank.read_text().replace("dimension: listening, text", "dimension: x, text"))
    with pytest.raises(InputError):
        load_bank_cached(bank, tmp_path / "cache")


def test_a_damaged_or_foreign_entry_is_ignored(tmp_path: Path) -> None:
    path = CORPUS / "good" / "minimal.yaml"
    parsed = load_bank(path)
    entry = tmp_path / f"bank-{parsed.fingerprint}.json"
    for content in ("not json", json.dumps({"format": "other", "bank": {}}),
                    json.dumps({"format": FORMAT, "bank": {"title": 3}})):
        entry.write_text(content)
        same(load_bank_cached(path, tmp_path), parsed)


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    path = CORPUS / "good" / "minimal.yaml"
    same(load_bank_cached(path, blocker / "cache"), load_bank(path))
