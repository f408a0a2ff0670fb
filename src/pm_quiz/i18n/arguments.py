"""argparse's own words ("usage:", "options", its error messages) from the catalogues.

argparse says its words through gettext: it calls ``_()`` and ``ngettext()`` with English
msgids. The catalogues hold those msgids under ``msgctxt "argparse"``, so they never meet
the program's own ids, and a word a newer Python adds is one entry more in each ``.po``
file (a test lists every msgid argparse has and finds it in every catalogue). A msgid no
catalogue has is said as argparse wrote it.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager

from pm_quiz.i18n import unformatted
from pm_quiz.i18n.catalog import in_context

#: The ``msgctxt`` of argparse's words in the catalogues.
CONTEXT = "argparse"


class ArgparseTranslations(gettext.NullTranslations):
    """gettext's lookups answered from the catalogue of ``lang``."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        if not message:  # argparse passes None for a subcommand group without a description
            return message
        return unformatted(self.lang, in_context(CONTEXT, message)) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = unformatted(self.lang, in_context(CONTEXT, msgid1), n)
        return found or (msgid1 if n == 1 else msgid2)


@contextmanager
def argparse_speaking(lang: str) -> Iterator[None]:
    """Within the block, argparse says its words in ``lang``: in the parsers built and
    the help and errors they print.

    argparse has no public way to give it translations: it imported ``gettext`` and
    ``ngettext`` from the gettext module under the names ``_`` and ``ngettext``, which
    consult only compiled ``.mo`` files of the global domain and the locale's language.
    So those two module names are replaced here, and only here, for the block.
    """
    import argparse

    words = ArgparseTranslations(lang)
    saved = vars(argparse)["_"], vars(argparse)["ngettext"]
    setattr(argparse, "_", words.gettext)  # noqa: B010  (names typeshed does not list)
    setattr(argparse, "ngettext", words.ngettext)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010
