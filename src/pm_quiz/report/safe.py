"""Bank text is data: shown literally, never obeyed.

Rich :class:`~rich.text.Text` never parses markup, but it passes escape sequences through
to the terminal. :func:`literal` makes every control character visible instead.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with every control character (but newline and tab) written as an escape."""
    return _CONTROL.sub(_visible, text)


def literal(text: str, style: str = "") -> Text:
    """A Rich text that shows ``text`` exactly as written: no markup, no escapes obeyed."""
    return Text(clean(text), style=style)
