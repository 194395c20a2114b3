from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.domain.errors import EventdeskError
from eventdesk.exports.atomic import ExportError, atomic_output


class _OwnError(EventdeskError):
    pass


def test_the_file_appears_only_when_the_block_ends_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "list.pdf"
    target.write_text("yesterday's list")
    with atomic_output(target) as part:
        part.write_text("today's list")
        assert part.parent == tmp_path and part != target
        assert target.read_text() == "yesterday's list"
    assert target.read_text() == "today's list"
    assert list(tmp_path.iterdir()) == [target]


def test_a_failed_export_keeps_the_old_file_and_leaves_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "list.pdf"
    target.write_text("yesterday's list")
    with pytest.raises(ZeroDivisionError), atomic_output(target) as part:
        part.write_text("half a list")
        _ = 1 / 0
    assert target.read_text() == "yesterday's list"
    assert list(tmp_path.iterdir()) == [target]


def test_problems_are_reported_as_the_callers_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"), atomic_output(tmp_path / "no" / "x.csv"):
        pass
    with (
        pytest.raises(_OwnError, match="cannot be written"),
        atomic_output(tmp_path / "x.csv", error=_OwnError),
    ):
        raise PermissionError(13, "Permission denied")
    assert list(tmp_path.iterdir()) == []
