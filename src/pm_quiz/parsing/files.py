"""Reading the user's files: size limits, encodings and clear messages, no parsing.

Kept apart from :mod:`pm_quiz.parsing.yamldoc` so that reading a file does not import PyYAML.
Only regular files are read: a FIFO would block forever, and a device such as ``/dev/zero``
reports a size of 0 and never ends. Whatever size a file reports, no more than
:data:`MAX_BYTES` are read.
"""

from __future__ import annotations

import os
import stat

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



def read_bytes(path: PathLike, what: str = "a YAML file") -> bytes:
    """Read the regular file ``path`` (at most :data:`MAX_BYTES`), or raise
    :class:`InputError` saying why not."""
    name = os.fspath(path)

    def fail(message: str, expected: str = what) -> InputError:
        return InputError([Problem(name, 0, 0, message, expected)])

    try:
        fd = os.open(name, _OPEN_FLAGS)
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("this is a directory") from None
    except PermissionError:
        raise fail("permission denied: the file cannot be read") from None
    except OSError as exc:
        raise fail(f"the file cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise fail("this is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise fail(f"this is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > MAX_BYTES:
            raise fail(f"the file is too large ({info.st_size:,} bytes)",
                       f"at most {MAX_BYTES:,} bytes")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a file may grow, or report no size
    except OSError as exc:
        raise fail(f"the file cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise fail(f"the file is too large (more than {MAX_BYTES:,} bytes)",
                   f"at most {MAX_BYTES:,} bytes")
    return data


#: How standard input is named in messages, and given on the command line.
STDIN_NAME = "<standard input>"


def read_stdin(what: str) -> bytes:
    """Standard input, read to its end (at most :data:`MAX_BYTES`): ``--answers -``."""
    import sys

    def fail(message: str) -> InputError:
        return InputError([Problem(STDIN_NAME, 0, 0, message, what)])

    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    except (OSError, ValueError, AttributeError) as exc:
        raise fail(f"it cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > MAX_BYTES:
        raise fail(f"it is too large (more than {MAX_BYTES:,} bytes)")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"  # pragma: no cover - no other kinds on common systems


def decode(data: bytes, name: str) -> str:
    """UTF-8 bytes to text; a byte-order mark is dropped, binary and other encodings refused."""

    def fail(message: str, line: int = 0, col: int = 0) -> InputError:
        return InputError([Problem(name, line, col, message, "UTF-8 text")])

    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise fail("the file is UTF-32 encoded")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("the file is UTF-16 encoded")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise fail("the file looks binary: it contains a NUL byte", line, col)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise fail(f"the byte 0x{data[exc.start]:02x} is not valid UTF-8", line, col) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, col
