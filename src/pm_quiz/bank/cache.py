"""A cache of loaded banks, so that the quiz starts without parsing an unchanged file.

Parsing and validating the bank (and importing PyYAML to do it) is most of what the app
does before its first screen beyond what Textual itself does. A bank that loaded cleanly
is kept as JSON under the data directory, named by the SHA-256 of the file's bytes: any
change to the file means another name, so a stale entry is never used. JSON, never
pickle: reading the cache runs no code. A cache entry that cannot be read or written is
simply ignored; ``pm-quiz validate``, ``check`` and ``score`` always parse the file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pm_quiz import __version__
from pm_quiz.bank.model import (
    EMPTY,
    Bank,
    Context,
    Dimension,
    LText,
    Option,
    Profile,
    Question,
    Scale,
)
from pm_quiz.parsing.files import read_bytes, sha256_hex

#: Entries written by another version of pm-quiz are not used.
FORMAT = f"pm-quiz-bank-cache/1/{__version__}"
WHAT = "a questions.yaml file"


def load_bank_cached(path: str | Path, cache_dir: Path | None) -> Bank:
    """:func:`~pm_quiz.bank.loader.load_bank`, answered from the cache when the file's
    content was loaded before. Raises :class:`~pm_quiz.parsing.problems.InputError` like it."""
    path = Path(path)
    if cache_dir is None:
        from pm_quiz.bank.loader import load_bank

        return load_bank(path)
    data = read_bytes(path, WHAT)
    digest = sha256_hex(data)
    entry = cache_dir / f"bank-{digest}.json"
    bank = _read(entry, str(path), data, digest)
    if bank is not None:
        return bank
    from pm_quiz.bank.loader import load_bank_bytes

    bank = load_bank_bytes(data, str(path))
    _write(entry, bank)
    return bank


def _read(entry: Path, name: str, data: bytes, digest: str) -> Bank | None:
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        if stored.get("format") != FORMAT:
            return None
        bank = from_json(stored["bank"], name, data)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    bank._fingerprint = digest
    return bank


def _write(entry: Path, bank: Bank) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_name(f".{entry.name}.{os.getpid()}")
        tmp.write_text(json.dumps({"format": FORMAT, "bank": to_json(bank)},
                                  ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, entry)
    except OSError:
        pass  # a cache that cannot be written costs only time


def _text(value: LText) -> dict[str, str]:
    return dict(value.by_lang)


def to_json(bank: Bank) -> dict[str, Any]:
    context = bank.context
    return {
        "title": _text(bank.title),
        "intro": _text(bank.intro),
        "languages": list(bank.languages),
        "close_call": bank.close_call,
        "scale": [bank.scale.min, bank.scale.max,
                  {k: list(v) for k, v in bank.scale.labels.items()}],
        "dimensions": [[d.id, _text(d.name), _text(d.description), d.line]
                       for d in bank.dimensions],
        "profiles": [[p.id, _text(p.name), _text(p.description), dict(p.targets),
                      dict(p.weights), [_text(t) for t in p.tips],
                      [_text(i) for i in p.industries], p.line] for p in bank.profiles],
        "questions": [[q.id, q.type, _text(q.text), q.dimension, q.reverse, q.weight,
                       [[o.id, _text(o.text), dict(o.scores), o.line] for o in q.options],
                       q.line] for q in bank.questions],
        "context": None if context is None else [
            _text(context.heading), [_text(p) for p in context.points],
            _text(context.source)],
        "warnings": list(bank.warnings),
    }


def _ltext(value: dict[str, str]) -> LText:
    return LText(value) if value else EMPTY


def from_json(d: dict[str, Any], name: str, data: bytes) -> Bank:
    low, high, labels = d["scale"]
    context = d["context"]
    return Bank(
        path=name,
        data=data,
        title=_ltext(d["title"]),
        intro=_ltext(d["intro"]),
        languages=tuple(d["languages"]),
        close_call=float(d["close_call"]),
        scale=Scale(int(low), int(high), {k: tuple(v) for k, v in labels.items()}),
        dimensions=tuple(Dimension(i, _ltext(n), _ltext(desc), line)
                         for i, n, desc, line in d["dimensions"]),
        profiles=tuple(
            Profile(i, _ltext(n), _ltext(desc), targets, weights,
                    tuple(_ltext(t) for t in tips), tuple(_ltext(x) for x in industries),
                    line)
            for i, n, desc, targets, weights, tips, industries, line in d["profiles"]),
        questions=tuple(
            Question(i, kind, _ltext(text), dim, bool(reverse), float(weight),
                     tuple(Option(o[0], _ltext(o[1]), o[2], o[3]) for o in options), line)
            for i, kind, text, dim, reverse, weight, options, line in d["questions"]),
        context=None if context is None else Context(
            _ltext(context[0]), tuple(_ltext(p) for p in context[1]), _ltext(context[2])),
        warnings=tuple(d["warnings"]),
    )
