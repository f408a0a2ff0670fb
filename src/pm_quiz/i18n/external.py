"""Errors from outside the program (the operating system, PyYAML, json, csv, SQLite, the
UTF-8 codec) in the user's language.

Their texts are English and fixed: a table per source turns each known one into a
catalogue text (``err_…`` keys), so a German run reads German. :func:`explain` is the one
place that does it; a text no table knows is kept as it came (nothing is lost).

Imports nothing of the libraries it explains (no PyYAML, no sqlite3): it reads their
exceptions by their attributes.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pm_quiz.i18n import Phrase, say

#: The key of a text no table knows: shown as it came.
ORIGINAL = "err_original"


def original(text: object) -> Phrase:
    """``text`` exactly as it came, as a :class:`Phrase`."""
    return say(ORIGINAL, text=str(text).strip())


@dataclass(frozen=True, slots=True)
class _Rule:
    """A fixed message (``pattern``, matched whole) and its catalogue ``key``; named groups
    and ``fixed`` fill the key's fields. The pattern is compiled when a message is first
    explained (``re`` keeps it), not when the program starts: most runs explain none."""

    pattern: str
    key: str
    fixed: Mapping[str, str] = field(default_factory=dict)
    flags: int = 0

    def match(self, text: str) -> re.Match[str] | None:
        """The whole of ``text`` matched, or ``None``."""
        return re.fullmatch(self.pattern, text, self.flags)


def _rules(rows: Iterable[tuple[str, str] | tuple[str, str, dict[str, str]]],
           flags: int = 0) -> tuple[_Rule, ...]:
    made = []
    for row in rows:
        fixed = row[2] if len(row) == 3 else {}
        made.append(_Rule(row[0], row[1], fixed, flags))
    return tuple(made)


def _match(rules: tuple[_Rule, ...], text: str, found: Mapping[str, str] | None = None
           ) -> Phrase | None:
    """The phrase of the first rule matching ``text``; a ``found`` group is put in words
    through ``found`` (PyYAML's token names)."""
    text = text.strip()
    for rule in rules:
        hit = rule.match(text)
        if hit is None:
            continue
        params: dict[str, object] = dict(rule.fixed)
        for name, value in hit.groupdict().items():
            if value is not None:
                key = (found or {}).get(value.strip())
                params[name] = say(key) if key else value.strip()
        return say(rule.key, **params)
    return None


# -- the operating system ---------------------------------------------------------------
#: errno names and their keys; a name this system lacks is skipped.
_ERRNO_NAMES = (
    "ENOENT", "EACCES", "EPERM", "EEXIST", "ENOTDIR", "EISDIR", "ENOSPC", "EROFS", "ELOOP",
    "ENAMETOOLONG", "EBUSY", "EXDEV", "ENOTEMPTY", "EDQUOT", "EIO", "EMFILE", "ENFILE",
    "EFBIG", "ETXTBSY", "EPIPE", "EADDRINUSE", "EADDRNOTAVAIL", "ENXIO", "ENODEV", "EAGAIN",
    "EINVAL", "ENOTSUP", "EMLINK", "ENOMEM", "ESTALE", "ECONNRESET", "ETIMEDOUT",
)
_ALIASES = {"EOPNOTSUPP": "ENOTSUP", "EWOULDBLOCK": "EAGAIN"}
OS_KEYS: dict[int, str] = {}
for _name in (*_ERRNO_NAMES, *_ALIASES):
    _code = getattr(errno, _name, None)
    if _code is not None:
        OS_KEYS.setdefault(_code, f"err_os_{_ALIASES.get(_name, _name).lower()}")
#: Name resolution (``socket.gaierror``): the ``socket.EAI_*`` codes, which differ between
#: systems, that mean the host name cannot be found (now or at all).
_GAI_UNKNOWN_HOST = ("EAI_NONAME", "EAI_NODATA", "EAI_AGAIN")


def _name_lookup_key(code: int) -> str | None:
    import socket

    codes = {getattr(socket, name) for name in _GAI_UNKNOWN_HOST if hasattr(socket, name)}
    return "err_os_unknown_host" if code in codes else None


def os_error(exc: OSError) -> Phrase:
    """An operating system error by its errno, else its own text."""
    code = exc.errno
    if code is not None:
        key = _name_lookup_key(code) if type(exc).__name__ == "gaierror" else OS_KEYS.get(code)
        if key is not None:
            return say(key)
    return original(exc.strerror or exc)


# -- PyYAML and libyaml -------------------------------------------------------------------
#: The problems of PyYAML's pure-Python scanner, parser and composer and of libyaml (the C
#: loader), which words many of them differently.
YAML_RULES = _rules([
    (r"mapping values are not allowed (?:here|in this context)", "err_yaml_mapping_values"),
    (r"mapping keys are not allowed (?:here|in this context)", "err_yaml_mapping_keys"),
    (r"(?:block )?sequence entries are not allowed (?:here|in this context)",
     "err_yaml_sequence_entries"),
    (r"could not find expected ':'", "err_yaml_expected_colon"),
    (r"found character (?P<char>.+) that cannot start any token", "err_yaml_bad_char"),
    (r"found character that cannot start any token", "err_yaml_bad_char_unnamed"),
    (r"expected <block end>, but found (?P<found>.+)", "err_yaml_block_end"),
    (r"did not find expected key", "err_yaml_expected_key"),
    (r"did not find expected '-' indicator", "err_yaml_expected_dash"),
    (r"found unexpected end of stream", "err_yaml_end_of_stream"),
    (r"found undefined alias(?: .+)?", "err_yaml_undefined_alias"),
    (r"found duplicate anchor.*", "err_yaml_duplicate_anchor"),
    (r"found unknown escape character(?: .+)?", "err_yaml_unknown_escape"),
    (r"found a tab character (?:that violates indentation|where an indentation space is "
     r"expected)", "err_yaml_tab"),
    (r"expected the node content, but found (?P<found>.+)", "err_yaml_node_found"),
    (r"did not find expected node content", "err_yaml_node"),
    (r"expected ',' or '(?P<close>[\]}])', but got (?P<found>.+)", "err_yaml_comma_found"),
    (r"did not find expected ',' or '(?P<close>[\]}])'", "err_yaml_comma"),
    (r"expected a comment or a line break, but found (?P<found>.+)", "err_yaml_line_end"),
    (r"did not find expected comment or line break", "err_yaml_line_end_unnamed"),
    (r"expected '<document start>', but found (?P<found>.+)", "err_yaml_document_start"),
    (r"did not find expected <document start>", "err_yaml_document_start_unnamed"),
    (r"expected a single document in the stream", "err_yaml_single_document"),
    (r"found unexpected document (?:separator|indicator)", "err_yaml_document_marker"),
    (r"expected alphabetic or numeric character, but found .+", "err_yaml_name"),
    (r"did not find expected alphabetic or numeric character", "err_yaml_name"),
    (r"found unexpected ':'", "err_yaml_unexpected_colon"),
    (r"expected chomping or indentation indicators, but found .+", "err_yaml_block_header"),
    (r"expected indentation indicator in the range 1-9, but found 0",
     "err_yaml_block_header"),
    (r"found an indentation indicator equal to 0", "err_yaml_block_header"),
    (r"expected escape sequence of \d+ hexadecimal numbers, but found .+", "err_yaml_hex"),
    (r"did not find expected hexdecimal number", "err_yaml_hex"),
    (r"found invalid Unicode character escape code", "err_yaml_hex"),
    (r"expected '!', but found .+|did not find expected '!'|expected URI, but found .+|"
     r"did not find expected tag URI|expected '>', but found .+|did not find the expected "
     r"'>'|found undefined tag handle(?: .+)?|expected URI escape sequence .+|did not find "
     r"URI escaped octet|found non-specific tag '!'", "err_yaml_tag"),
    (r"expected ' ', but found .+|did not find expected whitespace(?: or line break)?",
     "err_yaml_space"),
    (r"found duplicate %?(?:YAML|TAG) directive|found incompatible YAML document.*|"
     r"incompatible %YAML directive|found unknown directive name|could not find expected "
     r"directive name|did not find expected version number|found extremely long version "
     r"number|found unexpected non-alphabetical character|expected a digit.*|did not find "
     r"expected digit or '\.' character", "err_yaml_directive"),
    (r"control characters are not allowed", "err_yaml_control"),
    (r"(?:invalid|found an incorrect) (?:leading|trailing) UTF-8 octet|invalid length of a "
     r"UTF-8 sequence|invalid Unicode character|unexpected low surrogate area",
     "err_yaml_utf8"),
])

#: Where the parser was when it met the problem.
YAML_CONTEXTS = _rules([
    (r"while scanning a simple key", "err_yaml_in_key"),
    (r"while parsing a block mapping|while composing a mapping", "err_yaml_in_mapping"),
    (r"while parsing a block collection", "err_yaml_in_list"),
    (r"while parsing a flow mapping", "err_yaml_in_flow_mapping"),
    (r"while parsing a flow sequence", "err_yaml_in_flow_list"),
    (r"while parsing a flow node", "err_yaml_in_flow_node"),
    (r"while parsing a (?:block )?node", "err_yaml_in_node"),
    (r"while (?:scanning|parsing) a (?:double-)?quoted scalar", "err_yaml_in_quoted"),
    (r"while scanning a plain scalar", "err_yaml_in_plain"),
    (r"while scanning a block scalar", "err_yaml_in_block_text"),
    (r"while scanning an anchor", "err_yaml_in_anchor"),
    (r"while scanning an alias", "err_yaml_in_alias"),
    (r"while (?:scanning|parsing) a tag", "err_yaml_in_tag"),
    (r"while scanning for the next token", "err_yaml_in_token"),
    (r"while (?:scanning|parsing) an? (?:%TAG |%YAML |tag )?directive", "err_yaml_in_directive"),
    (r"but found another document", "err_yaml_another_document"),
])

#: PyYAML's token names, as its pure-Python parser shows what it found ('[', '{', ']', '}'
#: and ',' are shown as they are).
YAML_TOKENS = {
    "'<block mapping start>'": "err_yaml_token_mapping",
    "'<block sequence start>'": "err_yaml_token_list",
    "'-'": "err_yaml_token_entry",
    "'<block end>'": "err_yaml_token_block_end",
    "'<scalar>'": "err_yaml_token_value",
    "'?'": "err_yaml_token_key",
    "':'": "err_yaml_token_colon",
    "'<anchor>'": "err_yaml_token_anchor",
    "'<alias>'": "err_yaml_token_alias",
    "'<tag>'": "err_yaml_token_tag",
    "'<stream end>'": "err_yaml_token_end",
    "'<document start>'": "err_yaml_token_document_start",
    "'<document end>'": "err_yaml_token_document_end",
    "'<directive>'": "err_yaml_token_directive",
}


def yaml_problem(problem: str | None, context: str | None = None) -> Phrase:
    """A PyYAML or libyaml syntax error (its ``problem`` and ``context``) in words."""
    what = _match(YAML_RULES, problem or "", YAML_TOKENS) or original(problem or "?")
    if not context or not context.strip():
        return what
    where = _match(YAML_CONTEXTS, context) or original(context)
    return say("err_yaml_where", where=where, what=what)


# -- json, csv, the UTF-8 codec ---------------------------------------------------------------
JSON_RULES = _rules([
    (r"Expecting value", "err_json_value"),
    (r"Expecting ',' delimiter", "err_json_comma"),
    (r"Expecting ':' delimiter", "err_json_colon"),
    (r"Expecting property name enclosed in double quotes", "err_json_name"),
    (r"Unterminated string starting at", "err_json_unterminated"),
    (r"Extra data", "err_json_extra"),
    (r"Invalid control character(?: .+)? at", "err_json_control"),
    (r"Invalid \\uXXXX escape", "err_json_unicode_escape"),
    (r"Invalid \\escape(?:: .+)?", "err_json_escape"),
    (r"Illegal trailing comma before end of (?:object|array)", "err_json_trailing_comma"),
])

CSV_RULES = _rules([
    (r"line contains NUL", "err_csv_nul"),
    (r"new-line character seen in unquoted field.*", "err_csv_newline"),
    (r"field larger than field limit \((?P<limit>\d+)\)", "err_csv_field_limit"),
    (r"'(?P<want>.+)' expected after '(?P<after>.+)'", "err_csv_expected_after"),
    (r"unexpected end of data", "err_csv_end"),
    (r"Could not determine delimiter", "err_csv_delimiter"),
])

CODEC_RULES = _rules([
    (r"invalid start byte", "err_utf8_start"),
    (r"invalid continuation byte", "err_utf8_continuation"),
    (r"unexpected end of data", "err_utf8_end"),
])


# -- SQLite ------------------------------------------------------------------------------------
SQLITE_RULES = _rules([
    (r"database (?:table )?is locked", "err_sql_locked"),
    (r"disk I/O error", "err_sql_io"),
    (r"file is (?:encrypted or is )?not a database", "err_sql_not_database"),
    (r"attempt to write a readonly database", "err_sql_readonly"),
    (r"database or disk is full", "err_sql_full"),
    (r"unable to open database file", "err_sql_cannot_open"),
    (r"database disk image is malformed: (?P<detail>.+)", "err_sql_malformed_detail"),
    (r"database disk image is malformed", "err_sql_malformed"),
    (r"no such table: (?P<name>.+)", "err_sql_no_table"),
    (r"no such column: (?P<name>.+)", "err_sql_no_column"),
    (r"out of memory", "err_os_enomem"),
    (r"interrupted", "err_sql_interrupted"),
], re.IGNORECASE | re.DOTALL)

#: SQLite's primary result codes, for a message the table above does not know.
SQLITE_CODES = {5: "err_sql_locked", 6: "err_sql_locked", 8: "err_sql_readonly",
                10: "err_sql_io", 11: "err_sql_malformed", 13: "err_sql_full",
                14: "err_sql_cannot_open", 26: "err_sql_not_database"}


def sqlite_error(exc: BaseException) -> Phrase:
    text = str(exc)
    found = _match(SQLITE_RULES, text)
    if found is not None:
        return found
    key = SQLITE_CODES.get((getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF)
    return say(key) if key else original(text)


# -- the one entry -------------------------------------------------------------------------
def explain(error: BaseException | str) -> Phrase:
    """``error`` (an exception from outside the program, or its text) in the message
    language, said when shown (a :class:`Phrase`: put it in a ``{why}``). A text no table
    knows stays as it came. An exception whose first argument is already a :class:`Phrase`
    gives that."""
    if isinstance(error, str):
        return original(error)
    if error.args and isinstance(error.args[0], Phrase):
        return error.args[0]
    module = type(error).__module__
    if isinstance(error, UnicodeError):
        reason = str(getattr(error, "reason", error))
        return _match(CODEC_RULES, reason) or original(reason)
    if isinstance(error, OSError):
        return os_error(error)
    if module == "sqlite3":
        return sqlite_error(error)
    if module == "_csv":
        return _match(CSV_RULES, str(error)) or original(error)
    if module.split(".")[0] == "yaml" and hasattr(error, "problem"):
        problem = getattr(error, "problem", None)
        if problem is None:
            return original(error)
        return yaml_problem(problem, getattr(error, "context", None))
    msg = getattr(error, "msg", None)
    if isinstance(error, ValueError) and isinstance(msg, str) and hasattr(error, "doc"):
        return _match(JSON_RULES, msg) or original(msg)
    return original(error)


def keys() -> set[str]:
    """Every catalogue key the tables may give."""
    found = {ORIGINAL, "err_yaml_where", *OS_KEYS.values(), "err_os_unknown_host",
             *YAML_TOKENS.values(), *SQLITE_CODES.values()}
    for rules in (YAML_RULES, YAML_CONTEXTS, JSON_RULES, CSV_RULES, CODEC_RULES,
                  SQLITE_RULES):
        found |= {rule.key for rule in rules}
    return found
