"""Storage of an event document: SQLModel tables, the engine, migrations, copies."""
