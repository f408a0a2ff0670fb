"""Writing the user's files without ever losing one: the one way pm-quiz writes a file.

Every file pm-quiz writes for the user (``--output``, the app's export, ``init``,
``check --witness``) goes through :func:`write_files`:

* nothing that exists is replaced unless the caller says so (``--force``, a yes in the app);
* a replaced file is kept as ``NAME.bak`` (or ``NAME.bak.2``, ``NAME.bak.3``, …);
* only regular files are ever replaced: a directory, device, FIFO, socket or a symbolic
  link that points nowhere is refused with a message saying what it is; a link to a
  regular file is followed, so the file it points to is replaced and the link stays;
* the new content appears at once or not at all (a temporary file, then a rename), and
  several files are all checked before the first is written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pm_quiz.i18n import Phrase, say
from pm_quiz.i18n.external import explain
from pm_quiz.parsing.problems import InputError, Problem

#: What the messages suggest when a file exists; front ends may say it their own way.
FORCE_HINT = say("exp_force_hint")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a file will go: ``path`` as given, ``real`` with links followed, and whether a
    regular file is there already."""

    path: Path
    real: Path
    exists: bool


@dataclass(frozen=True, slots=True)
class Written:
    """A file written; ``backup`` is where the file it replaced was kept, if there was one."""

    path: Path
    backup: Path | None


def _problem(path: Path, key: str, expected_key: str, **params: object) -> InputError:
    return InputError([Problem.of(str(path), 0, 0, key, expected_key, **params)])


def _kind(mode: int) -> str | None:
    """The catalogue key saying what a file that is not regular is; ``None`` for a
    regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "msg_is_directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "msg_write_device"
    if stat.S_ISFIFO(mode):
        return "msg_write_fifo"
    if stat.S_ISSOCK(mode):
        return "msg_write_socket"
    return "msg_write_special"


def _os_problem(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ENAMETOOLONG:
        return _problem(path, "msg_file_name_too_long", "exp_shorter_file_name",
                        n=len(path.name))
    return _problem(path, "msg_cannot_write", "exp_writable", why=explain(exc))


def check_target(path: Path, force: bool = False, hint: str | Phrase = FORCE_HINT) -> Target:
    """Where ``path`` leads, or an :class:`InputError` saying why nothing may be written
    there: not a regular file, or one that exists while ``force`` is false."""
    try:
        real = Path(os.path.realpath(path)) if os.path.islink(path) else path
        info = os.stat(real)
    except FileNotFoundError:
        if real is not path:
            raise _problem(path, "msg_dangling_link", "exp_not_dangling",
                           target=os.readlink(path)) from None
        return Target(path, path, exists=False)
    except OSError as exc:
        raise _os_problem(path, exc) from None
    kind = _kind(info.st_mode)
    if kind is not None:
        raise _problem(path, kind, "exp_regular_file")
    if not force:
        raise _problem(path, "msg_exists", "exp_said", what=hint)
    return Target(path, real, exists=True)


def write_files(items: Sequence[tuple[Path, str]], force: bool = False,
                hint: str | Phrase = FORCE_HINT) -> list[Written]:
    """Write each ``(path, content)``; every target is checked before the first is
    written, so a refusal writes nothing. Raises :class:`InputError` with every problem."""
    targets: list[Target] = []
    problems: list[Problem] = []
    for path, _ in items:
        try:
            targets.append(check_target(path, force, hint))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return [_write(target, content) for target, (_, content) in zip(targets, items,
                                                                    strict=True)]


def write_file(path: Path, content: str, force: bool = False,
               hint: str | Phrase = FORCE_HINT) -> Written:
    """Write one file; see :func:`write_files`."""
    return write_files([(path, content)], force, hint)[0]


def _write(target: Target, content: str) -> Written:
    real = target.real
    directory = real.parent if str(real.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".pm-quiz-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _os_problem(target.path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
    except OSError as exc:
        _remove(tmp)
        raise _os_problem(target.path, exc) from None
    except BaseException:
        _remove(tmp)
        raise
    return place(target, tmp)


def place(target: Target, tmp: str) -> Written:
    """Put the finished temporary file ``tmp`` (beside the target) in the target's place:
    a new file only where nothing appeared meanwhile, a replaced file kept as a backup
    first. ``tmp`` is gone afterwards, whatever happens."""
    real = target.real
    try:
        # mkstemp makes the file private (0600); a new file gets the usual mode, a
        # replaced one keeps its own (a private file stays private)
        if target.exists:
            os.chmod(tmp, stat.S_IMODE(os.stat(real).st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        backup = _keep_backup(real) if target.exists else None
        if target.exists:
            os.replace(tmp, real)
        else:
            _place_new(tmp, real)
    except OSError as exc:
        _remove(tmp)
        if exc.errno == errno.EEXIST:
            raise _problem(target.path, "msg_exists_meanwhile", "exp_said",
                           what=FORCE_HINT) from None
        raise _os_problem(target.path, exc) from None
    except BaseException:
        _remove(tmp)
        raise
    return Written(target.path, backup)


def _place_new(tmp: str, path: Path) -> None:
    """Move ``tmp`` to ``path`` only if nothing is there (a hard link never replaces)."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(path):  # no hard links here: check, then rename
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp, path)
        return
    _remove(tmp)


def _keep_backup(path: Path) -> Path:
    """Keep the file at ``path`` as ``NAME.bak`` (or ``.bak.2``, …) before it is replaced;
    a hard link where possible, else a copy. Returns the backup's path."""
    n = 1
    while True:
        backup = path.with_name(f"{path.name}.bak" + (f".{n}" if n > 1 else ""))
        try:
            try:
                os.link(path, backup)
            except OSError as exc:
                if exc.errno in (errno.EEXIST, errno.ENAMETOOLONG):
                    raise
                _copy_new(path, backup)
            return backup
        except FileExistsError:
            n += 1


def _copy_new(source: Path, backup: Path) -> None:
    with open(source, "rb") as reading, open(backup, "xb") as writing:
        while chunk := reading.read(1 << 16):
            writing.write(chunk)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def make_directory(path: Path) -> None:
    """Create the directory ``path`` (and its parents) for files to be written into, or
    raise :class:`InputError` saying why it cannot be."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _problem(path, "msg_is_file_not_dir", "exp_directory") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise _problem(path, "msg_name_too_long", "exp_shorter_name") from None
        if exc.errno == errno.ENOTDIR:
            raise _problem(path, "msg_part_is_file", "exp_directory") from None
        raise _problem(path, "msg_cannot_create_dir", "exp_writable",
                       why=explain(exc)) from None
