"""Copy every row of an event from one database to another of the same schema.

Used for "Save a copy" of a PostgreSQL event into a single `.eventdesk` file; tables go in
dependency order so that foreign keys hold at every insert.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert, select
from sqlmodel import SQLModel

import eventdesk.persistence.tables  # noqa: F401  (registers the tables)

BATCH = 5_000


def copy_all_rows(source: Engine, target: Engine) -> None:
    with source.connect() as src, target.begin() as dst:
        for table in SQLModel.metadata.sorted_tables:
            result = src.execution_options(yield_per=BATCH).execute(select(table))
            for chunk in result.mappings().partitions(BATCH):
                dst.execute(insert(table), [dict(row) for row in chunk])
