"""Reading the user's files: size limits, encodings and clear messages, no parsing.

Kept apart from :mod:`pm_quiz.parsing.yamldoc` so that reading a file does not import PyYAML; paths
are plain ``os`` paths, because ``pathlib`` alone costs ``pm-quiz validate`` a tenth of its
start-up (BENCHMARKS.md).
"""

from __future__ import annotations

import os

from pm_quiz.parsing.problems import InputError, Problem

#: Larger files are refused before they are read.
MAX_BYTES = 16 * 1024 * 1024


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` in hex. Python's own implementation where there is one
    (``_sha2`` from 3.12, ``_sha256`` before): ``hashlib`` loads OpenSSL, which costs
    start-up time and half a megabyte of memory."""
    import importlib

    for name in ("_sha2", "_sha256", "hashlib"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return str(module.sha256(data).hexdigest())
    raise RuntimeError("no SHA-256 implementation")  # pragma: no cover


PathLike = str | os.PathLike[str]

#: Files of many respondents (see :mod:`pm_quiz.quiz.batch`), by their ending.
CSV_SUFFIXES = (".csv", ".tsv")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def is_batch(path: PathLike) -> bool:
    """Whether ``path`` holds many respondents (CSV or JSON Lines), by its suffix; cheap, so
    that scoring one answers file does not import the batch reader."""
    return os.fspath(path).lower().endswith(CSV_SUFFIXES + JSONL_SUFFIXES)


def read_text(path: PathLike, what: str = "a YAML file") -> str:
    """Read ``path`` as UTF-8 text, or raise :class:`InputError` saying clearly why not."""
    return decode(read_bytes(path, what), os.fspath(path))


def read_bytes(path: PathLike, what: str = "a YAML file") -> bytes:
    """Read ``path`` (at most :data:`MAX_BYTES`), or raise :class:`InputError` saying why not."""
    name = os.fspath(path)

    def fail(message: str, line: int = 0, col: int = 0, expected: str | None = None) -> InputError:
        return InputError([Problem(name, line, col, message, expected)])

    try:
        if os.path.isdir(name):
            raise fail("this is a directory", expected=what)
        size = os.stat(name).st_size
        if size > MAX_BYTES:
            raise fail(f"the file is too large ({size:,} bytes)", expected=f"at most {MAX_BYTES:,}")
        with open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise fail("no such file", expected=what) from None
    except PermissionError:
        raise fail("permission denied: the file cannot be read", expected=what) from None
    except OSError as exc:
        raise fail(f"the file cannot be read: {exc.strerror or exc}", expected=what) from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 bytes to text; a byte-order mark is dropped, binary and other encodings refused."""

    def fail(message: str, line: int = 0, col: int = 0) -> InputError:
        return InputError([Problem(name, line, col, message, "UTF-8 text")])

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


