"""Untrusted text is data: shown literally, never obeyed. The one place that makes it so.

Text from a bank, an answers file, the store, a path or the person's input may hold Rich or
Textual markup, terminal escape sequences, bidirectional overrides or characters that
XML forbids. Everything that shows such text goes through this module:

* :func:`clean` writes every control character (but newline and tab) as a visible
  escape; the result is safe for a terminal, for Rich and for XML (SVG, HTML);
* :func:`literal` is a Rich :class:`~rich.text.Text` of it (Text never parses markup);
* :func:`message` is one line for a message that repeats a key, value or path;
* :func:`cut` shortens a cleaned text to a width without splitting an escape.

Front ends that use markup at all (Textual's ``notify``) pass ``markup=False`` as well.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Rich is imported only where a Rich text is made: `validate` needs none
    from rich.text import Text

# C0 and C1 controls, DEL, line/paragraph separators, bidirectional overrides and
# isolates, lone surrogates, and the noncharacters XML refuses (U+FFFE, U+FFFF, …)
_UNSAFE = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069" \
          r"\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_CONTROL = re.compile(f"[{_UNSAFE}]")
_LINE_CONTROL = re.compile(f"[\\n\\t{_UNSAFE}]")
_TOKEN = re.compile(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|.", re.DOTALL)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with every control character (but newline and tab) written as an escape."""
    return _CONTROL.sub(_visible, text)


def literal(text: str, style: str = "") -> Text:
    """A Rich text that shows ``text`` exactly as written: no markup, no escapes obeyed."""
    from rich.text import Text

    return Text(clean(text), style=style)


def message(value: object) -> str:
    """``str(value)`` as one safe line: for messages that repeat a key, value or path from a
    file (a :class:`~pm_quiz.parsing.problems.Problem`, a store notice). Newlines show as
    ``\\x0a``, so a crafted key cannot forge a line of its own."""
    return _LINE_CONTROL.sub(_visible, str(value))


def cut(text: str, width: int) -> str:
    """:func:`message` of ``text``, shortened with ``…`` to at most ``width`` cells; an
    escape such as ``\\x1b`` is kept whole or left out whole."""
    from rich.cells import cell_len

    shown = message(text)
    if cell_len(shown) <= width:
        return shown
    out, used = [], 0
    for token in _TOKEN.findall(shown):
        size = cell_len(token)
        if used + size > width - 1:
            break
        out.append(token)
        used += size
    return "".join(out) + "…"
