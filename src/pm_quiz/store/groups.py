"""Groups: attempts are tagged with a group name (``pm-quiz --group NAME``, a workshop, a
class); no names of people are stored. Which names a group may have is said here; a
group's finished attempts are read as respondents by :mod:`pm_quiz.store.respondents`.
"""

from __future__ import annotations

from pm_quiz.i18n import say

ENV_VAR = "PM_QUIZ_GROUP"
MAX_LENGTH = 100


def group_name(text: str) -> str:
    """A group name as given, checked: 1-100 characters, no control characters.
    Raises :class:`ValueError` saying what is wrong (a :class:`~pm_quiz.i18n.Phrase`)."""
    name = text.strip()
    if not name:
        raise ValueError(say("msg_group_empty"))
    if len(name) > MAX_LENGTH:
        raise ValueError(say("msg_group_too_long", n=len(name)))
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name):
        raise ValueError(say("msg_group_control"))
    return name
