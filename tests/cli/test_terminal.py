"""The progress line long commands draw on stderr: only on a terminal, and always ended."""

from __future__ import annotations

import sys

import pytest

from eventdesk.cli.terminal import progress_line


def test_on_a_terminal_the_line_is_redrawn_in_place_and_ended_even_on_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with pytest.raises(RuntimeError), progress_line(pad=12) as progress:
        progress.report(1, 4, "Reading")
        progress.report(2, 4, "Writing")
        raise RuntimeError
    assert capsys.readouterr().err == "\rReading       25%\rWriting       50%\n"


def test_piped_or_asked_for_json_it_stays_silent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with progress_line() as progress:
        progress.report(1, 2, "Reading")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress_line(quiet=True) as progress:
        progress.report(1, 2, "Reading")
    assert capsys.readouterr().err == ""
