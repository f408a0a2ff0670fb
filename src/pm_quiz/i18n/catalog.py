"""Reading gettext ``.po`` catalogues, the format translators' tools (Poedit, Weblate,
Babel, GNU gettext) edit.

Only what the program's catalogues use: a header entry (``Plural-Forms``), entries of
``msgid``/``msgstr`` and plural entries of ``msgid_plural``/``msgstr[N]``, an optional
``msgctxt`` before an entry, strings split over several quoted lines, C escapes, and ``#``
comments. Ids are keys (``best_fit``), not English sentences, so a catalogue is complete
only when it has every key. An entry with a context is keyed ``CONTEXT\x04MSGID`` (see
:func:`in_context`), as gettext keys them, so it never meets an id of the program's own.
"""

from __future__ import annotations

import ast
import gettext
import os
from collections.abc import Callable
from dataclasses import dataclass, field

Entry = str | tuple[str, ...]
#: Between a context and a msgid in a key, as in gettext's compiled catalogues.
CONTEXT_SEPARATOR = "\x04"


def in_context(context: str, msgid: str) -> str:
    """The key of ``msgid`` under ``msgctxt`` ``context``."""
    return f"{context}{CONTEXT_SEPARATOR}{msgid}"


class CatalogError(ValueError):
    """A catalogue that cannot be read: names the file and line."""


@dataclass
class Catalog:
    language: str
    entries: dict[str, Entry] = field(default_factory=dict)
    plural: Callable[[int], int] = lambda n: int(n != 1)

    def text(self, key: str) -> Entry | None:
        return self.entries.get(key)


def _string(line: str, path: str, number: int) -> str:
    if len(line) > 1 and line[0] == line[-1] == '"' and '"' not in line[1:-1] \
            and "\\" not in line:
        return line[1:-1]  # nothing to unescape, as in most lines: no parsing needed
    try:
        value = ast.literal_eval(line)
    except (ValueError, SyntaxError):
        raise CatalogError(f"{path}:{number}: expected a quoted string") from None
    if not isinstance(value, str):
        raise CatalogError(f"{path}:{number}: expected a quoted string")
    return value


def read_po(path: str | os.PathLike[str]) -> Catalog:
    """The catalogue in ``path``; raises :class:`CatalogError` naming the line if broken."""
    path = os.fspath(path)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    raw: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    keyword = ""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            if not keyword:
                raise CatalogError(f"{path}:{number}: a string outside an entry")
            current[keyword] += _string(line, path, number)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and "msgid" in current:
            raw[_key(current)] = current
            current = {}
        current[keyword] = _string(rest.strip(), path, number)
    if "msgid" in current:
        raw[_key(current)] = current
    return _catalog(path, raw)


def _key(entry: dict[str, str]) -> str:
    context = entry.get("msgctxt")
    return entry["msgid"] if context is None else in_context(context, entry["msgid"])


def _catalog(path: str, raw: dict[str, dict[str, str]]) -> Catalog:
    catalog = Catalog(os.path.splitext(os.path.basename(path))[0])
    header = raw.pop("", {}).get("msgstr", "")
    for line in header.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            formula = value.split("plural=", 1)[-1].strip().rstrip(";")
            catalog.plural = gettext.c2py(formula)
    for key, entry in raw.items():
        if "msgid_plural" in entry:
            forms = sorted((k for k in entry if k.startswith("msgstr[")),
                           key=lambda k: int(k[7:-1]))
            catalog.entries[key] = tuple(entry[k] for k in forms)
        else:
            catalog.entries[key] = entry.get("msgstr", "")
    return catalog
