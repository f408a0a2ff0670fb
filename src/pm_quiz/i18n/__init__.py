"""The words of the program itself (not of the bank), one gettext catalogue per language.

The catalogues are ``.po`` files beside this module (``en.po``, ``de.po``), keyed by ids
such as ``best_fit``; a third language is one more file. Their paths are strings, as in
:mod:`pm_quiz.bank.locate`: ``pm-quiz validate`` speaks through this module without
importing ``pathlib``. A bank may be in any language;
the program's own words fall back to English when there is no catalogue for it, or a key
is missing from it (a test keeps every catalogue complete). :func:`choose_language` picks
the language to use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from pm_quiz.i18n.catalog import Catalog, read_po

HERE = os.path.dirname(__file__)
FALLBACK = "en"

#: The language of the program's messages in this process (see :func:`set_message_language`).
_message_lang = [FALLBACK]


def set_message_language(lang: str) -> None:
    """Speak ``lang`` in the program's messages from now on (problems, notices, prompts);
    a language without a catalogue speaks English."""
    _message_lang[0] = lang


def message_language() -> str:
    """The language of the program's messages: English unless set."""
    return _message_lang[0]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A text of the catalogue not yet put into words: ``key`` with ``params``; a param that
    is itself a :class:`Phrase` is said in the same language. ``str()`` says it in the
    message language."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def said(self, lang: str) -> str:
        values = {k: v.said(lang) if isinstance(v, Phrase) else v
                  for k, v in self.params.items()}
        return t(lang, self.key, **values)

    def __str__(self) -> str:
        return self.said(message_language())


def say(key: str, **params: object) -> Phrase:
    """The catalogue text ``key`` with ``params``, said when shown (see :class:`Phrase`)."""
    return Phrase(key, params)


def catalog_languages() -> list[str]:
    """The languages the program has its own words in."""
    return sorted(name[:-3] for name in os.listdir(HERE) if name.endswith(".po"))


@cache
def catalog(lang: str) -> Catalog | None:
    path = os.path.join(HERE, f"{lang}.po")
    return read_po(path) if os.path.isfile(path) else None


def has(key: str) -> bool:
    """Whether the program has a text ``key`` (in English, and so in every catalogue)."""
    english = catalog(FALLBACK)
    return english is not None and key in english.entries


def unformatted(lang: str, key: str, n: int = 1) -> str | None:
    """The program's text ``key`` in ``lang`` (English when missing) as the catalogue has
    it, for a plural entry the form for ``n``; ``None`` when no catalogue has it."""
    for code in (lang, FALLBACK):
        found = catalog(code)
        entry = None if found is None else found.text(key)
        if isinstance(entry, tuple) and found is not None:
            return entry[min(found.plural(n), len(entry) - 1)]
        if isinstance(entry, str):
            return entry
    return None


def t(lang: str, key: str, /, **values: object) -> str:
    """The program's text ``key`` in ``lang`` (English when missing), formatted with
    ``values``. For a plural entry, ``n`` chooses the form."""
    count = values.get("n", 1)
    entry = unformatted(lang, key, count if isinstance(count, int) else 1)
    if entry is None:
        raise KeyError(f"no text '{key}' in the catalogues")
    return entry.format(**values) if values else entry


#: A typed yes or no, in every language the program speaks.
YES = ("y", "yes", "j", "ja")
NO = ("n", "no", "nein")


def yes_or_no(reply: str, default: bool | None = None) -> bool | None:
    """``True`` for a typed yes, ``False`` for a no, ``default`` for an empty reply, and
    ``None`` for anything else (case and surrounding spaces do not count)."""
    word = reply.strip().lower()
    if not word:
        return default
    return True if word in YES else False if word in NO else None


def number(lang: str, value: float, digits: int = 0) -> str:
    """``value`` rounded to ``digits`` places, written as people of ``lang`` write it (the
    catalogue's ``decimal_mark``)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", t(lang, "decimal_mark"))


def band(lang: str, score: float) -> str:
    """A word for a 0..100 score, so meaning never rests on colour or bar length alone."""
    return t(lang, f"band_{min(4, int(score // 20))}")


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of the user's locale (``de`` for ``de_DE.UTF-8``), or ``None``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if var == "LANGUAGE":
            value = value.split(":")[0]
        code = value.split(".")[0].split("@")[0].split("_")[0].lower()
        if code and code not in ("c", "posix"):
            return code
        if value:
            return None  # set to C/POSIX: no language preference
    return None


def choose_language(
    bank_languages: Sequence[str],
    requested: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """``--lang``, then ``$PM_QUIZ_LANG``, then the locale, then the bank's first language.

    ``requested`` (from ``--lang``) must be one of the bank's languages; the caller checks
    that and reports it. The environment and locale are used only when the bank has them.
    """
    env = os.environ if environ is None else environ
    if requested:
        return requested
    for candidate in (env.get("PM_QUIZ_LANG"), locale_language(env)):
        if candidate and (candidate in bank_languages or not bank_languages):
            return candidate
    return bank_languages[0] if bank_languages else "en"
