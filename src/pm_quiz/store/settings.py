"""What the app remembers between runs: the language chosen with ``l`` and the theme.

One small JSON file, ``settings.json``, in ``$PM_QUIZ_CONFIG_DIR``, else the user config
directory (platformdirs: ``~/.config/pm-quiz`` on Linux). A damaged or unreadable file is
ignored (the defaults apply); writing goes through a temporary file, so a crash never
leaves half a file. Deleting the file resets everything.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from pm_quiz.i18n import Phrase, say
from pm_quiz.i18n.external import explain

FILE_NAME = "settings.json"


@dataclass(frozen=True, slots=True)
class Settings:
    """``None`` means not chosen yet: the usual default applies."""

    language: str | None = None
    theme: str | None = None

    def but(self, **changes: str | None) -> Settings:
        return replace(self, **changes)


def default_config_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("PM_QUIZ_CONFIG_DIR"):
        return Path(env["PM_QUIZ_CONFIG_DIR"]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("pm-quiz", appauthor=False))


def settings_path(environ: Mapping[str, str] | None = None) -> Path:
    return default_config_dir(environ) / FILE_NAME


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value and len(value) <= 100 else None


def load_settings(path: Path) -> Settings:
    """The settings in ``path``; the defaults when it is missing, unreadable or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return Settings(language=_text(data.get("language")), theme=_text(data.get("theme")))


def save_settings(path: Path, settings: Settings) -> Phrase | None:
    """Write ``settings`` to ``path``; ``None`` when done, else why it could not be."""
    data = {key: value for key, value in
            (("language", settings.language), ("theme", settings.theme)) if value is not None}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=2)
                out.write("\n")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError) as exc:  # ValueError: text that cannot be UTF-8
        return say("err_at_path", path=path, why=explain(exc))
    return None
