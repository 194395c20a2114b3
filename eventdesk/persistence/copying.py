"""Copy every row of an event from one database to another of the same schema.

Used for "Save a copy" of a PostgreSQL event into a single `.eventdesk` file; tables go in
dependency order so that foreign keys hold at every insert.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert, select, text
from sqlmodel import SQLModel

import eventdesk.persistence.tables  # noqa: F401  (registers the tables)
from eventdesk.persistence.sync_tables import DESK_ID_BASE

BATCH = 5_000
# A hub's change feed and a desk's link to its hub belong to that one database: a copy that
# took them would clash with the next hub's numbering or pose as a second copy of that desk.
NOT_COPIED = frozenset({"sync_change", "sync_outbox", "sync_replica"})


def copy_all_rows(source: Engine, target: Engine) -> None:
    with source.connect() as src, target.begin() as dst:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in NOT_COPIED:
                continue
            result = src.execution_options(yield_per=BATCH).execute(select(table))
            for chunk in result.mappings().partitions(BATCH):
                dst.execute(insert(table), [dict(row) for row in chunk])


def reset_sequences(engine: Engine) -> None:
    """After rows were copied with their ids into PostgreSQL, move each id sequence past them.

    Explicit ids do not advance a serial column's sequence; without this the next insert
    (a walk-in at a desk) would collide with a copied row.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for column in table.primary_key.columns:
                sequence = conn.execute(
                    text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
                ).scalar()
                if sequence:
                    # Desks' walk-ins have ids in ranges of their own (sync.replica): the hub's
                    # own numbering stays below them, however many walk-ins came back.
                    below = f' WHERE "{column.name}" < {DESK_ID_BASE}' if table.name == "attendee" else ""
                    highest = f'(SELECT MAX("{column.name}") FROM "{table.name}"{below})'
                    conn.execute(
                        text(f"SELECT setval(:s, COALESCE({highest}, 0) + 1, false)"), {"s": sequence}
                    )
