"""eventdesk: an offline-first desktop app that runs career fairs."""

from __future__ import annotations

from importlib import metadata


def _read_version() -> str:
    # The frozen bundle and an editable install both carry the distribution metadata;
    # a bare source checkout falls back to pyproject.toml so `python -m eventdesk` still knows.
    try:
        return metadata.version("eventdesk")
    except metadata.PackageNotFoundError:
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
        except (OSError, KeyError):
            return "0+unknown"


__version__ = _read_version()
