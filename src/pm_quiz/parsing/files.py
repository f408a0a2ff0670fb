"""Reading the user's files: size limits, encodings and clear messages, no parsing.

Kept apart from :mod:`pm_quiz.parsing.yamldoc` so that reading a file does not import PyYAML.
Only regular files are read: a FIFO would block forever, and a device such as ``/dev/zero``
reports a size of 0 and never ends. Whatever size a file reports, no more than
:data:`MAX_BYTES` are read.
"""

from __future__ import annotations

import os
import stat

from pm_quiz.i18n import Phrase, say
from pm_quiz.i18n.external import explain
from pm_quiz.parsing.problems import InputError, Problem

#: Larger files are refused.
MAX_BYTES = 16 * 1024 * 1024

PathLike = str | os.PathLike[str]

#: Opening a FIFO that has no writer would wait forever; without blocking it returns.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

#: Files of many respondents (see :mod:`pm_quiz.quiz.batch`), by their ending.
CSV_SUFFIXES = (".csv", ".tsv")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def is_batch(path: PathLike) -> bool:
    """Whether ``path`` holds many respondents (CSV or JSON Lines), by its suffix; cheap, so
    that scoring one answers file does not import the batch reader."""
    return os.fspath(path).lower().endswith(CSV_SUFFIXES + JSONL_SUFFIXES)


def read_bytes(path: PathLike, what: str | Phrase = "a YAML file") -> bytes:
    """Read the regular file ``path`` (at most :data:`MAX_BYTES`), or raise
    :class:`InputError` saying why not. ``what`` says what the file should be."""
    name = os.fspath(path)

    def fail(key: str, expected: str = "exp_said", **params: object) -> InputError:
        return InputError([Problem.of(name, 0, 0, key, expected, what=what,
                                      limit=f"{MAX_BYTES:,}", **params)])

    try:
        fd = os.open(name, _OPEN_FLAGS)
    except FileNotFoundError:
        raise fail("msg_no_such_file") from None
    except IsADirectoryError:
        raise fail("msg_is_directory") from None
    except PermissionError:
        raise fail("msg_permission_denied") from None
    except OSError as exc:
        raise fail("msg_cannot_read", why=explain(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise fail("msg_is_directory")
        if not stat.S_ISREG(info.st_mode):
            raise fail("msg_not_regular", kind=_kind(info.st_mode))
        if info.st_size > MAX_BYTES:
            raise fail("msg_too_large", "exp_at_most_bytes", size=f"{info.st_size:,}")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a file may grow, or report no size
    except OSError as exc:
        raise fail("msg_cannot_read", why=explain(exc)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise fail("msg_too_large_grown", "exp_at_most_bytes")
    return data


#: How standard input is named in messages, and given on the command line.
STDIN_NAME = "<standard input>"


def read_stdin(what: str | Phrase) -> bytes:
    """Standard input, read to its end (at most :data:`MAX_BYTES`): ``--answers -``."""
    import sys

    def fail(key: str, **params: object) -> InputError:
        return InputError([Problem.of(STDIN_NAME, 0, 0, key, "exp_said", what=what,
                                      **params)])

    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    except (OSError, ValueError, AttributeError) as exc:
        raise fail("msg_stdin_unreadable", why=explain(exc)) from None
    if len(data) > MAX_BYTES:
        raise fail("msg_stdin_too_large", limit=f"{MAX_BYTES:,}")
    return data


def _kind(mode: int) -> Phrase:
    if stat.S_ISFIFO(mode):
        return say("msg_kind_fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return say("msg_kind_device")
    if stat.S_ISSOCK(mode):
        return say("msg_kind_socket")
    return say("msg_kind_special")  # pragma: no cover - no other kinds on common systems


def decode(data: bytes, name: str) -> str:
    """UTF-8 bytes to text; a byte-order mark is dropped, binary and other encodings refused."""

    def fail(key: str, line: int = 0, col: int = 0, **params: object) -> InputError:
        return InputError([Problem.of(name, line, col, key, "exp_utf8", **params)])

    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise fail("msg_utf32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("msg_utf16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise fail("msg_binary", line, col)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise fail("msg_bad_utf8", line, col, byte=f"0x{data[exc.start]:02x}") from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, col
