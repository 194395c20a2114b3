"""Alembic, run in-process: which schema revisions exist, and bringing a document up to date.

Migrations live in the top-level `db/` folder (bundled with the wheel and the frozen app).
The script directory is read once per process: opening a document should not pay for it twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from eventdesk.paths import migrations_dir


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


@cache
def head_revisions() -> frozenset[str]:
    return frozenset(_script().get_heads())


def unknown_revisions(revisions: Iterable[str]) -> list[str]:
    return sorted(set(revisions) - known_revisions())


def is_current(revisions: Iterable[str]) -> bool:
    return frozenset(revisions) == head_revisions()


def upgrade(engine: Engine) -> None:
    """Apply every pending revision in one transaction (all of them, or none on failure)."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
