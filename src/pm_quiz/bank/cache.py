"""A cache of loaded banks, so that the quiz starts without parsing an unchanged file.

Parsing and validating the bank (and importing PyYAML to do it) is most of what the app
does before its first screen beyond what Textual itself does. A bank that loaded cleanly
is kept as JSON under the data directory, named by the SHA-256 of the file's bytes: any
change to the file means another name, so a stale entry is never used.

The entry is written from the model's records, field by field, and read back against their
type hints, so it follows the model without a list of its own. JSON, never pickle: reading
the cache runs no code. Each entry carries the SHA-256 of its content; one that was changed,
cut short, or does not fit the model is ignored, never an error. A bank with warnings is
not kept: they name the path it was loaded from, in the language of the run. Only the
:data:`KEEP` entries used last are kept, none over :data:`~pm_quiz.parsing.files.MAX_BYTES`,
and a half-written one (a full disk) is removed. ``pm-quiz validate``, ``check`` and
``score`` always parse the file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import math
import os
import time
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pm_quiz import __version__
from pm_quiz.bank.locate import WHAT
from pm_quiz.bank.model import Bank
from pm_quiz.parsing.files import MAX_BYTES, read_bytes
from pm_quiz.parsing.problems import InputError

#: Entries written by another version of pm-quiz are not used.
FORMAT = f"pm-quiz-bank-cache/2/{__version__}"
#: How many entries are kept: the ones used last.
KEEP = 4
#: A temporary file older than this (seconds) was left by a writer that died.
STALE_AFTER = 3600
_PREFIX, _SUFFIX = "bank-", ".json"
#: The cache's folder in the data directory.
CACHE_DIR = "cache"


def entry_path(cache_dir: Path, digest: str) -> Path:
    """Where the bank whose file has SHA-256 ``digest`` is kept."""
    return cache_dir / f"{_PREFIX}{digest}{_SUFFIX}"


#: Fields of the bank that are not stored: given when it is read back.
_GIVEN = ("path", "source")


def load_bank_cached(path: str | Path, cache_dir: Path | None) -> Bank:
    """:func:`~pm_quiz.bank.loader.load_bank`, answered from the cache when the file's
    content was loaded before. Raises :class:`~pm_quiz.parsing.problems.InputError` like it."""
    if cache_dir is None:
        from pm_quiz.bank.loader import load_bank

        return load_bank(path)
    data = read_bytes(path, WHAT)
    digest = hashlib.sha256(data).hexdigest()
    entry = entry_path(cache_dir, digest)
    bank = _read(entry, os.fspath(path), data)
    if bank is None:
        from pm_quiz.bank.loader import load_bank_bytes

        bank = load_bank_bytes(data, os.fspath(path))
        _write(entry, bank)
    bank.know_fingerprint(digest)  # hashed once already, to find the entry
    return bank


# -- entries: a header line with the format and the SHA-256 of the rest, then the bank ----

def encode_entry(bank: Bank) -> bytes:
    fields = {name: value for name, value in to_json(bank).items() if name not in _GIVEN}
    body = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()
    header = json.dumps({"format": FORMAT, "sha256": hashlib.sha256(body).hexdigest()})
    return header.encode() + b"\n" + body


def decode_entry(raw: bytes, path: str, source: bytes) -> Bank | None:
    """The bank in an entry, or None when the entry is not one this version wrote."""
    header, _, body = raw.partition(b"\n")
    try:
        meta = json.loads(header)
        if (not isinstance(meta, dict) or meta.get("format") != FORMAT
                or meta.get("sha256") != hashlib.sha256(body).hexdigest()):
            return None
        bank: Bank = decode(Bank, {**json.loads(body), "path": path, "source": source})
    except (ValueError, TypeError, RecursionError):  # json's errors are ValueErrors
        return None
    return bank


def cached_bank(cache_dir: Path, fingerprint: str) -> Bank | None:
    """The bank the cache holds for the file with SHA-256 ``fingerprint`` (an earlier
    version of an edited bank), or ``None``; read with the same bound and checks as any."""
    entry = entry_path(cache_dir, fingerprint)
    return _read(entry, str(entry), b"")


def _read(entry: Path, path: str, source: bytes) -> Bank | None:
    try:
        raw = read_bytes(entry, "a cache entry")
    except InputError:
        return None
    bank = decode_entry(raw, path, source)
    if bank is not None:
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: kept when older entries are pruned
    return bank


def _write(entry: Path, bank: Bank) -> None:
    if bank.warnings:
        return  # they name the file's path and speak this run's language: parsed each time
    data = encode_entry(bank)
    if len(data) > MAX_BYTES:
        return  # it would not be read back
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, entry)
    except OSError:  # a cache that cannot be written costs only time
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)  # a full disk leaves a partial file
        return
    prune(entry.parent)


def prune(cache_dir: Path, keep: int = KEEP) -> None:
    """Keep the ``keep`` entries used last; remove temporary files of dead writers."""
    try:
        found = [(p.stat().st_mtime, p) for p in cache_dir.iterdir()
                 if p.name.startswith((_PREFIX, f".{_PREFIX}"))]
    except OSError:
        return
    entries = sorted((item for item in found if item[1].name.startswith(_PREFIX)
                      and item[1].name.endswith(_SUFFIX)), reverse=True)
    stale = [path for mtime, path in found
             if path.name.startswith(".") and mtime < time.time() - STALE_AFTER]
    for path in [path for _, path in entries[keep:]] + stale:
        with contextlib.suppress(OSError):
            path.unlink()


# -- records to JSON and back, by the dataclasses' fields and type hints --------------------

def to_json(value: Any) -> Any:
    """A record (a dataclass), and what it holds, as JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.init}
    if isinstance(value, Mapping):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [to_json(item) for item in value]
    return value


Decoder = Callable[[Any], Any]
_decoders: dict[Any, Decoder] = {}


def decode(kind: Any, value: Any) -> Any:
    """``value`` (from JSON) as the type ``kind``; TypeError when it does not fit."""
    return decoder(kind)(value)


def decoder(kind: Any) -> Decoder:
    """A function that turns JSON into ``kind`` (a record, or a type hint of its fields),
    raising TypeError for what does not fit; made once per type."""
    found = _decoders.get(kind)
    if found is None:
        found = _decoders[kind] = _make_decoder(kind)
    return found


def _make_decoder(kind: Any) -> Decoder:
    if dataclasses.is_dataclass(kind):
        return _record_decoder(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is None:
        return _plain_decoder(kind)
    if origin is typing.Literal:
        return lambda value: value if type(value) is str and value in args else _misfit(kind)
    if origin is types.UnionType or origin is typing.Union:
        return _union_decoder(kind, [decoder(arm) for arm in args])
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = decoder(args[0])
        return lambda value: (tuple([item(x) for x in value]) if type(value) is list
                              else _misfit(kind))
    if origin in (dict, Mapping):
        key, item = decoder(args[0]), decoder(args[1])
        return lambda value: ({key(k): item(x) for k, x in value.items()}
                              if type(value) is dict else _misfit(kind))
    raise NotImplementedError(f"the cache cannot store {kind}")  # a new kind of field


def _misfit(kind: Any) -> Any:
    raise TypeError(f"the entry does not fit {kind}")


def _record_decoder(kind: Any) -> Decoder:
    fields: dict[str, Decoder] = {}

    def record(value: Any) -> Any:
        if not fields:  # on first use: a record's fields may name records defined later
            hints = typing.get_type_hints(kind)
            fields.update((f.name, decoder(hints[f.name]))
                          for f in dataclasses.fields(kind) if f.init)
        if type(value) is not dict or not value.keys() <= fields.keys():
            return _misfit(kind)
        return kind(**{name: fields[name](item) for name, item in value.items()})

    return record


def _plain_decoder(kind: Any) -> Decoder:
    if kind is float:
        return lambda value: (float(value) if type(value) in (int, float)
                              and math.isfinite(value) else _misfit(kind))
    if kind is type(None):
        return lambda value: None if value is None else _misfit(kind)
    if kind is Any:
        return lambda value: value
    return lambda value: value if type(value) is kind else _misfit(kind)


def _union_decoder(kind: Any, arms: list[Decoder]) -> Decoder:
    def union(value: Any) -> Any:
        for arm in arms:
            try:
                return arm(value)
            except TypeError:
                continue
        return _misfit(kind)

    return union
