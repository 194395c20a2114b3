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
from sqlalchemy.exc import OperationalError

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
    if engine.dialect.name == "sqlite":
        _upgrade_sqlite(engine, config)
        return
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def _upgrade_sqlite(engine: Engine, config: Config) -> None:
    """SQLite's own recipe for altering tables (sqlite.org/lang_altertable.html).

    Python's sqlite3 commits before every CREATE/ALTER/DROP, so a failing revision would leave
    a half-migrated file: we issue BEGIN ourselves. And SQLite alters a table by copying it
    and dropping the original; with foreign keys on, that DROP would fire ON DELETE SET NULL
    and CASCADE on every row that points at it, so they are off while migrating and checked
    before the commit instead.
    """
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
