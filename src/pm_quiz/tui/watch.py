"""Noticing edits to the bank file while the quiz runs (the app's live preview).

:class:`BankWatcher` is polled by a front end; it looks at the file's size and time stamp
and reads it again only when they changed, then reports a new :class:`Bank`, or the
problems of an edit that does not load (the last good bank stays in use).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pm_quiz.bank.model import Bank
from pm_quiz.parsing.problems import InputError, Problem


@dataclass(frozen=True, slots=True)
class BankChanged:
    bank: Bank


@dataclass(frozen=True, slots=True)
class BankBroken:
    problems: list[Problem]


class BankWatcher:
    """Watches the file at ``path`` of the bank with ``fingerprint``. The first poll reads
    the file, if it is there, whatever its time stamp: an edit made before the watching
    began is seen."""

    def __init__(self, path: str | Path, fingerprint: str) -> None:
        self.path = Path(path)
        self.fingerprint = fingerprint
        self._stamp: tuple[int, int] | None = None  # as if there were no file yet
        self.broken = False  # the last edit did not load

    def _read_stamp(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def poll(self) -> BankChanged | BankBroken | None:
        """``None`` when nothing changed; else the new bank, or why the edit does not load.
        After a broken edit, the bank loading again is reported even when it is the same as
        before, so that a front end can say it is good again."""
        stamp = self._read_stamp()
        if stamp == self._stamp:
            return None
        self._stamp = stamp
        import hashlib

        from pm_quiz.bank.loader import load_bank_bytes  # PyYAML only once there is an edit
        from pm_quiz.bank.locate import WHAT
        from pm_quiz.parsing.files import read_bytes

        try:
            data = read_bytes(self.path, WHAT)
            digest = hashlib.sha256(data).hexdigest()
            if digest == self.fingerprint and not self.broken:
                return None  # touched, not changed: nothing to parse
            bank = load_bank_bytes(data, str(self.path))
        except InputError as exc:
            self.broken = True
            return BankBroken(exc.errors or exc.problems)
        self.broken = False
        bank.know_fingerprint(digest)
        self.fingerprint = digest
        return BankChanged(bank)
