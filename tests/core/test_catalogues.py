"""The program's own words: one gettext catalogue per language, each complete.

A text missing from a catalogue would show in English in the middle of a German quiz; a
text used in the code but in no catalogue would fail at run time. Both fail here.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import pm_quiz
from pm_quiz.i18n import FALLBACK, catalog, catalog_languages, t, yes_or_no
from pm_quiz.i18n.catalog import CatalogError, in_context, read_po
from pm_quiz.quiz import validity

PACKAGE = Path(pm_quiz.__file__).parent
#: Calls that take a catalogue key as a string literal: t(lang, "key"), tr("key"),
#: self._t("key"), self.tr("key").
LITERAL_KEY = re.compile(
    r"""\b(?:t\(\s*[\w.\[\]"']+,\s*|_?tr?\(\s*|_t\(\s*)"([a-z][a-z0-9_-]*)\"""")
#: The keys of messages (problems, notices, prompts) and of what they expect, wherever they
#: stand: Problem.of(path, line, col, "msg_x", "exp_y", ...), say("msg_x"), ...
MESSAGE_KEY = re.compile(r"""["']((?:msg|exp)_[a-z0-9_]+)["']""")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def english() -> dict[str, object]:
    found = catalog(FALLBACK)
    assert found is not None
    return dict(found.entries)


def test_german_and_english_are_there() -> None:
    assert {"de", "en"} <= set(catalog_languages())


@pytest.mark.parametrize("lang", catalog_languages())
def test_every_catalogue_has_every_text_with_the_same_fields(lang: str) -> None:
    found = catalog(lang)
    assert found is not None
    reference = english()
    assert sorted(found.entries) == sorted(reference), lang
    for key, text in reference.items():
        mine = found.entries[key]
        assert type(mine) is type(text), key
        theirs = text if isinstance(text, tuple) else (text,)
        ours = mine if isinstance(mine, tuple) else (mine,)
        assert all(o.strip() for o in ours), f"{lang}: '{key}' is empty"
        assert {f for o in ours for f in fields(o)} == {f for x in theirs for f in fields(x)}, key


def test_every_key_the_code_names_is_in_the_catalogues() -> None:
    used = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(LITERAL_KEY.findall(text)) | set(MESSAGE_KEY.findall(text))
    assert len(used) > 50  # the pattern finds the calls
    missing = sorted(key for key in used if key not in english())
    assert missing == []


def test_keys_made_from_codes_are_in_the_catalogues() -> None:
    from pm_quiz.report.check import finding_text  # noqa: F401  (the finding_ keys)

    keys = [f"reason_{c}" for c in validity.CODES if c != "close_call"]
    keys += [f"code_{c}" for c in validity.CODES]
    keys += [f"band_{n}" for n in range(5)] + [f"fit_{f}" for f in ("strong", "moderate",
                                                                    "weak")]
    keys += [f"pattern_{p}" for p in ("both_high", "both_low", "you_high", "you_low")]
    keys += [f"msg_node_{k}" for k in ("scalar", "mapping", "sequence")]
    keys += [f"{m}_{w}" for m in ("msg_duplicate", "exp_unique")
             for w in ("dimension", "profile", "question", "option")]
    keys += [f"kind_{k}" for k in ("persona", "random", "acquiescent", "nay_saying",
                                   "straight_lining")]
    assert [k for k in keys if k not in english()] == []


def test_plural_forms_follow_the_count(tmp_path: Path) -> None:
    po = tmp_path / "xx.po"
    po.write_text('msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                  'msgid "apples"\nmsgid_plural "apples"\nmsgstr[0] "{n} apple"\n'
                  'msgstr[1] "{n} apples"\n', encoding="utf-8")
    found = read_po(po)
    assert found.entries["apples"] == ("{n} apple", "{n} apples")
    assert [found.plural(n) for n in (0, 1, 2)] == [1, 0, 1]


def test_an_entry_with_a_context_is_kept_apart_from_an_id(tmp_path: Path) -> None:
    po = tmp_path / "xx.po"
    po.write_text('msgid "options"\nmsgstr "answer options"\n\n'
                  'msgctxt "argparse"\nmsgid "options"\nmsgstr "command options"\n\n'
                  'msgctxt "argparse"\nmsgid "n"\nmsgid_plural "ns"\nmsgstr[0] "one"\n'
                  'msgstr[1] "many"\n', encoding="utf-8")
    found = read_po(po)
    assert found.entries == {"options": "answer options",
                             in_context("argparse", "options"): "command options",
                             in_context("argparse", "n"): ("one", "many")}


def test_a_broken_catalogue_names_its_line(tmp_path: Path) -> None:
    po = tmp_path / "xx.po"
    po.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"xx.po:2: expected a quoted string"):
        read_po(po)


def test_escapes_are_read_and_plain_lines_kept_as_written(tmp_path: Path) -> None:
    po = tmp_path / "xx.po"
    po.write_text('msgid "a"\nmsgstr "say \\"hi\\"\\tthen\\n"\n"go {n}%"\n',
                  encoding="utf-8")
    assert read_po(po).entries["a"] == 'say "hi"\tthen\ngo {n}%'


def test_a_language_without_a_catalogue_falls_back_to_english() -> None:
    assert t("pt-BR", "result") == t("en", "result") == "Your result"
    assert t("de", "result") == "Dein Ergebnis"


def test_the_words_of_the_bank_format_are_in_the_catalogues() -> None:
    """Titles and kinds of the format definition show in messages (``unknown key 'x' in
    scale``); the catalogues have them, keyed by their English words, so a German message
    has no English word of ours in it."""
    from pm_quiz.bank.definition import BANK
    from pm_quiz.bank.spec import Localized, MapOf, Obj, Seq, Spec, Str, Tagged

    found: set[str] = set()
    todo: list[Spec] = [BANK]
    seen: set[int] = set()
    while todo:
        spec = todo.pop()
        if id(spec) in seen:
            continue
        seen.add(id(spec))
        if isinstance(spec, Obj):
            found.add(spec.title)
            todo += [f.spec for f in spec.fields]
        elif isinstance(spec, Tagged):
            found |= {spec.title, spec.type_name()}
            todo += list(spec.variants.values())
        elif isinstance(spec, Str) and spec.pattern_doc:
            found.add(spec.pattern_doc)
        elif isinstance(spec, MapOf):
            found.add(spec.what)
            todo += [spec.key, spec.value]
        elif isinstance(spec, Localized):
            found |= {f"a {spec.what}", f"this {spec.what}", spec.inner.type_name()}
            todo += [spec.inner, spec.language]
        elif isinstance(spec, Seq):
            found.add(spec.item.type_name())
            todo.append(spec.item)
    assert {"scale", "likert question", "a text"} <= found
    reference = english()
    assert sorted(w for w in found if w not in reference) == []
    assert all(reference[w] == w for w in found)  # English says them as they are


def test_a_typed_yes_or_no_in_either_language() -> None:
    assert [yes_or_no(w) for w in ("y", " Ja ", "YES", "j")] == [True] * 4
    assert [yes_or_no(w) for w in ("n", "Nein", " no")] == [False] * 3
    assert yes_or_no("vielleicht") is None and yes_or_no("yess") is None
    assert yes_or_no("") is None and yes_or_no("  ", default=True) is True
