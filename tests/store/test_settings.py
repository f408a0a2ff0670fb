"""The settings file: what is kept between runs, and nothing breaks over a bad file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_quiz.store.settings import (
    FILE_NAME,
    Settings,
    default_config_dir,
    load_settings,
    save_settings,
    settings_path,
)


def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / FILE_NAME) == Settings()


def test_what_is_saved_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / FILE_NAME
    assert save_settings(path, Settings(language="de", theme="nord")) is None
    assert load_settings(path) == Settings(language="de", theme="nord")
    assert save_settings(path, Settings(language="en")) is None
    assert load_settings(path) == Settings(language="en")
    assert [p.name for p in path.parent.iterdir()] == [FILE_NAME]  # no temporary file left


@pytest.mark.parametrize("content", [
    b"", b"{", b"[1, 2]", b'"de"', b"\xff\xfe\x00", b'{"language": 3, "theme": ["x"]}',
    b'{"language": ""}',
])
def test_a_damaged_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(content)
    assert load_settings(path) == Settings()


def test_unknown_keys_are_ignored_and_known_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text('{"language": "de", "colour": "red"}', encoding="utf-8")
    assert load_settings(path) == Settings(language="de")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_place_is_reported_not_raised(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        reason = save_settings(locked / FILE_NAME, Settings(language="de"))
    finally:
        locked.chmod(0o700)
    assert reason is not None and str(locked) in str(reason)
    assert not (locked / FILE_NAME).exists()


def test_a_file_in_the_way_of_the_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert save_settings(tmp_path / "file" / FILE_NAME, Settings(theme="nord")) is not None


def test_the_environment_chooses_the_directory(tmp_path: Path) -> None:
    assert default_config_dir({"PM_QUIZ_CONFIG_DIR": str(tmp_path)}) == tmp_path
    assert settings_path({"PM_QUIZ_CONFIG_DIR": str(tmp_path)}) == tmp_path / FILE_NAME
    assert default_config_dir({}).name == "pm-quiz"


@given(language=st.none() | st.text(min_size=1, max_size=20),
       theme=st.none() | st.text(min_size=1, max_size=20))
def test_any_settings_survive_a_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                           language: str | None, theme: str | None) -> None:
    path = tmp_path_factory.mktemp("settings") / FILE_NAME
    assert save_settings(path, Settings(language=language, theme=theme)) is None
    assert load_settings(path) == Settings(language=language, theme=theme)
