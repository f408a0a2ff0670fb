"""The cache of loaded banks: the same bank back, never a stale, changed or foreign one,
never an error, and never more than a few entries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pm_quiz.bank import cache
from pm_quiz.bank.cache import FORMAT, KEEP, load_bank_cached
from pm_quiz.bank.loader import load_bank
from pm_quiz.i18n import set_message_language
from pm_quiz.parsing.problems import InputError

from helpers import CORPUS, ROOT

MINIMAL = CORPUS / "good" / "minimal.yaml"


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("bank-*.json"))


@pytest.mark.parametrize("path", [ROOT / "questions.yaml", MINIMAL], ids=lambda p: p.stem)
def test_a_cached_bank_equals_the_parsed_one(tmp_path: Path, path: Path) -> None:
    parsed = load_bank(path)
    first = load_bank_cached(path, tmp_path)  # parses and writes the entry
    [entry] = entries(tmp_path)
    assert entry.name == f"bank-{parsed.fingerprint}.json"
    second = load_bank_cached(path, tmp_path)  # from the entry
    assert first == parsed
    assert second == parsed
    assert second is not parsed and second.fingerprint == parsed.fingerprint


def test_a_bank_with_warnings_is_parsed_each_time(tmp_path: Path) -> None:
    """Its warnings name the path it is loaded from and speak the run's language: the same
    content under another name, in German, is not told with the first name in English."""
    source = (CORPUS / "bad" / "unmeasured_dimension.yaml").read_bytes()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "q.yaml").write_bytes(source)
    (tmp_path / "b" / "q.yaml").write_bytes(source)
    first = load_bank_cached(tmp_path / "a" / "q.yaml", tmp_path / "cache")
    assert first.warnings and entries(tmp_path / "cache") == []
    set_message_language("de")
    try:
        second = load_bank_cached(tmp_path / "b" / "q.yaml", tmp_path / "cache")
        assert second == load_bank(tmp_path / "b" / "q.yaml")
    finally:
        set_message_language("en")
    where, _, said = second.warnings[0].partition(": ")
    assert where.startswith(str(tmp_path / "b" / "q.yaml"))
    assert said.startswith("Warnung: ")


def test_an_edited_file_is_never_answered_from_the_cache(tmp_path: Path) -> None:
    bank = tmp_path / "questions.yaml"
    bank.write_text(MINIMAL.read_text(encoding="utf-8"))
    load_bank_cached(bank, tmp_path / "cache")
    bank.write_text(bank.read_text().replace('"I listen."', '"I listen closely."'))
    assert load_bank_cached(bank, tmp_path / "cache").question("l1").text.get("en") == \
        "I listen closely."  # type: ignore[union-attr]
    bank.write_text(bank.read_text().replace("dimension: listening, text", "dimension: x, text"))
    with pytest.raises(InputError):
        load_bank_cached(bank, tmp_path / "cache")


def _tampered(original: bytes) -> list[bytes]:
    """Entries that are not what was written: damaged, foreign, edited by hand (with and
    without a matching checksum), cut short, or of the right JSON but the wrong shape."""
    header, _, body = original.partition(b"\n")
    stored = json.loads(body)

    def with_body(changed: object, checksum: bool = True) -> bytes:
        text = json.dumps(changed).encode()
        meta = json.loads(header)
        if checksum:
            import hashlib

            meta["sha256"] = hashlib.sha256(text).hexdigest()
        return json.dumps(meta).encode() + b"\n" + text

    wrong_types = dict(stored, questions=[dict(stored["questions"][0], weight="heavy")])
    nan = dict(stored, close_call=float("nan"))
    unknown = dict(stored, colour="red")
    not_a_bank = ["title", 3]
    edited = dict(stored, title={"by_lang": {"*": "Changed"}})
    return [
        b"not json",
        b"",
        original[: len(original) // 2],
        json.dumps({"format": "other", "bank": {}}).encode(),
        json.dumps({"format": FORMAT, "bank": {"title": 3}}).encode(),
        header + b"\n" + body.replace(b"listening", b"hearing"),
        with_body(edited, checksum=False),
        with_body(wrong_types),
        with_body(nan),
        with_body(unknown),
        with_body(not_a_bank),
        with_body({k: v for k, v in stored.items() if k != "scale"}),
        b"[" * 100_000 + b"\n" + b"]",
    ]


def test_a_damaged_changed_or_foreign_entry_is_ignored(tmp_path: Path) -> None:
    parsed = load_bank(MINIMAL)
    load_bank_cached(MINIMAL, tmp_path)
    [entry] = entries(tmp_path)
    original = entry.read_bytes()
    for content in _tampered(original):
        entry.write_bytes(content)
        assert load_bank_cached(MINIMAL, tmp_path) == parsed
        assert entry.read_bytes() == original  # and it is written anew


def test_an_entry_edited_with_a_matching_checksum_still_fits_the_model(
        tmp_path: Path) -> None:
    """Whoever recomputes the checksum gets what the model allows, not a crash."""
    load_bank_cached(MINIMAL, tmp_path)
    [entry] = entries(tmp_path)
    header, _, body = entry.read_bytes().partition(b"\n")
    stored = json.loads(body)
    stored["title"] = {"by_lang": {"*": "Changed"}}
    import hashlib

    text = json.dumps(stored).encode()
    meta = dict(json.loads(header), sha256=hashlib.sha256(text).hexdigest())
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + text)
    assert load_bank_cached(MINIMAL, tmp_path).title.get("en") == "Changed"


def test_an_entry_that_is_not_a_file_is_ignored(tmp_path: Path) -> None:
    parsed = load_bank(MINIMAL)
    os.mkfifo(tmp_path / f"bank-{parsed.fingerprint}.json")
    assert load_bank_cached(MINIMAL, tmp_path) == parsed


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert load_bank_cached(MINIMAL, blocker / "cache") == load_bank(MINIMAL)


def test_old_entries_are_pruned_and_the_one_in_use_kept(tmp_path: Path) -> None:
    banks = []
    text = MINIMAL.read_text(encoding="utf-8")
    for i in range(KEEP + 3):
        bank = tmp_path / f"q{i}.yaml"
        bank.write_text(text.replace('"I listen."', f'"I listen {i}."'))
        banks.append(bank)
    cache_dir = tmp_path / "cache"
    first = load_bank_cached(banks[0], cache_dir)
    for age, bank in enumerate(banks[1:], start=1):
        load_bank_cached(bank, cache_dir)
        for entry in entries(cache_dir):  # make the order of writing unambiguous
            os.utime(entry, (entry.stat().st_mtime - 10, entry.stat().st_mtime - 10))
        load_bank_cached(banks[0], cache_dir)  # the first bank stays in use
        assert len(entries(cache_dir)) <= KEEP, age
    names = {p.name for p in entries(cache_dir)}
    assert f"bank-{first.fingerprint}.json" in names
    assert f"bank-{load_bank(banks[-1]).fingerprint}.json" in names
    assert f"bank-{load_bank(banks[1]).fingerprint}.json" not in names


def test_a_partial_or_stale_temporary_file_is_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / ".bank-0000.json.4242"
    stale.write_bytes(b"{")
    os.utime(stale, (0, 0))
    fresh = tmp_path / ".bank-1111.json.4343"  # a writer at work now
    fresh.write_bytes(b"{")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", full_disk)
    assert load_bank_cached(MINIMAL, tmp_path) == load_bank(MINIMAL)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, stale.name])
    monkeypatch.undo()
    load_bank_cached(MINIMAL, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        [fresh.name, f"bank-{load_bank(MINIMAL).fingerprint}.json"]
