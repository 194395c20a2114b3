"""Alembic, run in-process: which schema revisions exist, and bringing a document up to date.

Migrations live in the top-level `db/` folder (bundled with the wheel and the frozen app).

Opening an up-to-date document must be quick, and importing Alembic costs more than the rest
of opening put together; so the revision ids are read from the version files' own
`revision = …` / `down_revision = …` lines, and Alembic is imported only to upgrade. A test
holds this reading to what Alembic's ScriptDirectory says.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from eventdesk.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config


class MigrationError(Exception):
    """Alembic refused to upgrade (an unknown or overlapping revision history)."""


_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


@cache
def _graph() -> dict[str, tuple[str, ...]]:
    """revision → the revisions it follows, read from db/versions/*.py."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        found = dict(m.groups() for m in _ASSIGNMENT.finditer(path.read_text("utf-8")))
        if "revision" not in found:
            continue
        down = ast.literal_eval(found.get("down_revision", "None"))
        parents = () if down is None else (down,) if isinstance(down, str) else tuple(down)
        graph[ast.literal_eval(found["revision"])] = parents
    return graph


def known_revisions() -> frozenset[str]:
    return frozenset(_graph())


@cache
def head_revisions() -> frozenset[str]:
    followed = {parent for parents in _graph().values() for parent in parents}
    return frozenset(set(_graph()) - followed)


def unknown_revisions(revisions: Iterable[str]) -> list[str]:
    return sorted(set(revisions) - known_revisions())


def is_current(revisions: Iterable[str]) -> bool:
    return frozenset(revisions) == head_revisions()


def upgrade(engine: Engine) -> None:
    """Apply every pending revision in one transaction (all of them, or none on failure)."""
    from alembic import command
    from alembic.util import CommandError

    config = _config()
    try:
        if engine.dialect.name == "sqlite":
            _upgrade_sqlite(engine, config)
            return
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
    except CommandError as exc:
        raise MigrationError(str(exc)) from exc


def _upgrade_sqlite(engine: Engine, config: Config) -> None:
    """SQLite's own recipe for altering tables (sqlite.org/lang_altertable.html).

    Python's sqlite3 commits before every CREATE/ALTER/DROP, so a failing revision would leave
    a half-migrated file: we issue BEGIN ourselves. And SQLite alters a table by copying it
    and dropping the original; with foreign keys on, that DROP would fire ON DELETE SET NULL
    and CASCADE on every row that points at it, so they are off while migrating and checked
    before the commit instead.
    """
    from alembic import command

    with engine.connect() as connection:
        dbapi = connection.connection.driver_connection
        assert dbapi is not None
        saved_isolation = dbapi.isolation_level
        dbapi.isolation_level = None
        try:
            # On the driver connection: a pragma through SQLAlchemy would begin its transaction.
            dbapi.execute("PRAGMA foreign_keys=OFF")
            with connection.begin():
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                config.attributes["connection"] = connection
                command.upgrade(config, "heads")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise OperationalError(
                        "PRAGMA foreign_key_check", None, Exception(f"a row of '{broken[0]}' lost its link")
                    )
        finally:
            dbapi.execute("PRAGMA foreign_keys=ON")
            dbapi.isolation_level = saved_isolation
