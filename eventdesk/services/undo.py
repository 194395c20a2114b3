"""Undo and redo of edits, bulk actions, deletes and imports, kept in the core (as Anki does).

Every mutating service records, in the same transaction as its change, what it needs to
reverse itself: the keys of the rows it created, the full rows it deleted, and the before
and after values of the columns it updated. Undo deletes, re-inserts and restores; redo
does the opposite. The rows an undo deletes are read just before, so a redo can put them
back without keeping a copy of every imported row in memory in the meantime.

Other desks and other services may change the event in between. Before touching
anything, undo checks that the rows still look as the step left them, and that nothing
outside the step has come to depend on rows it would delete (a scan of an imported
person, a meeting with a deleted company); if so it refuses with one sentence and drops
the step rather than silently destroying newer work. The history lives as long as the
open document (one per `EventDocument`); it is not saved with the event.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, inspect, select
from sqlmodel import Session, SQLModel

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.errors import EventdeskError
from eventdesk.i18n import N_, _, gettext, ngettext
from eventdesk.persistence.document import EventDocument

HISTORY_LIMIT = 100
CHUNK = 500


class UndoConflict(EventdeskError):
    """The event changed since the step was recorded; undoing it would lose newer work."""


@dataclass(frozen=True)
class RowUpdate:
    key: Any
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class UndoStep:
    label: str
    entities: frozenset[Entity]
    created: dict[str, list[Any]] = field(default_factory=dict)
    deleted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updated: dict[str, list[RowUpdate]] = field(default_factory=dict)
    # Filled by undo with the created rows it removed, so that redo can restore them.
    recreate: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (any(self.created.values()) or any(self.deleted.values()) or any(self.updated.values()))

    def attendee_ids(self) -> set[int]:
        """Attendees whose search entry may have changed (for the people index)."""
        ids: set[int] = set(self.created.get("attendee", ()))
        ids.update(row["id"] for row in self.deleted.get("attendee", ()))
        ids.update(u.key for u in self.updated.get("attendee", ()))
        for rows in (self.deleted.get("external_code", ()), self.recreate.get("external_code", ())):
            ids.update(row["attendee_id"] for row in rows)
        ids.update(row["id"] for row in self.recreate.get("attendee", ()))
        return ids


class StepRecorder:
    """Collects what one operation did; hand `step()` to `history(doc).push` after commit."""

    def __init__(self, label: str, *entities: Entity) -> None:
        self._step = UndoStep(label, frozenset(entities))

    def created(self, model: type[SQLModel] | Table, keys: Iterable[Any]) -> None:
        self._step.created.setdefault(_table(model).name, []).extend(keys)

    def deleted(self, model: type[SQLModel] | Table, rows: Iterable[dict[str, Any]]) -> None:
        self._step.deleted.setdefault(_table(model).name, []).extend(rows)

    def updated(
        self, model: type[SQLModel] | Table, key: Any, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        changed = {c for c in after if before.get(c) != after[c]}
        if changed:
            self._step.updated.setdefault(_table(model).name, []).append(
                RowUpdate(key, {c: before.get(c) for c in changed}, {c: after[c] for c in changed})
            )

    def step(self) -> UndoStep | None:
        return None if self._step.is_empty() else self._step


def _table(model: type[SQLModel] | Table) -> Table:
    return model if isinstance(model, Table) else model.__table__  # type: ignore[attr-defined, no-any-return]


def _tables_in_order(session: Session | Connection) -> list[Table]:
    """The event's tables, parents before children (as foreign keys require for inserts).

    Only tables the database really has: a newer eventdesk module may declare tables that
    an older event file does not hold yet.
    """
    connection = session.connection() if isinstance(session, Session) else session
    present = set(inspect(connection).get_table_names())
    return [t for t in SQLModel.metadata.sorted_tables if t.name in present]


def _pk(table: Table) -> Any:
    """The single-column primary key every eventdesk table has."""
    return table.primary_key.columns.values()[0]


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def read_rows(session: Session, table: Table, keys: Sequence[Any]) -> list[dict[str, Any]]:
    """Whole rows by primary key, as plain dicts (what undo re-inserts)."""
    pk = _pk(table)
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(list(keys)):
        rows.extend(dict(r._mapping) for r in session.execute(select(table).where(pk.in_(chunk))))
    return rows


def delete_recorded(
    session: Session, recorder: StepRecorder, model: type[SQLModel] | Table, keys: Iterable[Any]
) -> None:
    """Delete rows and whatever depends on them, recording it all so undo can restore it.

    Follows every foreign key that points at these rows, whichever module declared it
    (scans, badge prints, wishes, meetings, leads …): rows that cascade are deleted and
    recorded first, references that become NULL are set to NULL and recorded as updates, so
    the database's own cascades find nothing left to do and nothing is lost to undo.
    """
    table = _table(model)
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return
    for child in _tables_in_order(session):
        for fk in child.foreign_keys:
            if fk.column.table is not table:
                continue
            column, child_pk = fk.parent, _pk(child)
            refs: list[tuple[Any, Any]] = []
            for chunk in _chunks(wanted):
                refs.extend(
                    tuple(r) for r in session.execute(select(child_pk, column).where(column.in_(chunk)))
                )
            if not refs:
                continue
            action = (fk.ondelete or "").upper()
            if action == "CASCADE":
                delete_recorded(session, recorder, child, [key for key, _ in refs])
            elif action == "SET NULL":
                for key, old in refs:
                    recorder.updated(child, key, {column.name: old}, {column.name: None})
                for chunk in _chunks([key for key, _ in refs]):
                    session.execute(child.update().where(child_pk.in_(chunk)).values({column.name: None}))
            else:
                raise EventdeskError(
                    ngettext(
                        "Cannot delete: {n} {table} row still refers to it.",
                        "Cannot delete: {n} {table} rows still refer to it.",
                        len(refs),
                        table=child.name.replace("_", " "),
                    )
                )
    recorder.deleted(table, read_rows(session, table, wanted))
    pk = _pk(table)
    for chunk in _chunks(wanted):
        session.execute(table.delete().where(pk.in_(chunk)))


class UndoHistory:
    """A linear history: a new step clears what could be redone."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self.limit = limit
        self._undo: list[UndoStep] = []
        self._redo: list[UndoStep] = []

    def push(self, step: UndoStep | None) -> None:
        if step is None:
            return
        self._undo.append(step)
        del self._undo[: -self.limit]
        self._redo.clear()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def undo(self, doc: EventDocument) -> Changes:
        if not self._undo:
            raise UndoConflict(_("There is nothing to undo."))
        step = self._undo.pop()
        try:
            with doc.session() as session:
                _check(session, step, forward=False)
                step.recreate = {}
                for table in reversed(_tables_in_order(session)):
                    keys = step.created.get(table.name)
                    if keys:
                        step.recreate[table.name] = read_rows(session, table, keys)
                _apply(session, step, forward=False)
        except UndoConflict:
            self._redo.clear()
            raise
        self._redo.append(step)
        _refresh_search(doc, step)
        return Changes(step.entities, _("Undid: {step}", step=step.label))

    def redo(self, doc: EventDocument) -> Changes:
        if not self._redo:
            raise UndoConflict(_("There is nothing to redo."))
        step = self._redo.pop()
        try:
            with doc.session() as session:
                _check(session, step, forward=True)
                _apply(session, step, forward=True)
        except UndoConflict:
            self._redo.clear()
            raise
        self._undo.append(step)
        _refresh_search(doc, step)
        return Changes(step.entities, _("Redid: {step}", step=step.label))


def _refresh_search(doc: EventDocument, step: UndoStep) -> None:
    if Entity.ATTENDEES in step.entities or step.attendee_ids():
        from eventdesk.services.search import attendees_changed

        attendees_changed(doc, step.attendee_ids())


def _check(session: Session, step: UndoStep, *, forward: bool) -> None:
    """UndoConflict when the event no longer looks as the step left it (or found it)."""
    tables = {t.name: t for t in _tables_in_order(session)}
    what = step.label
    # Rows this direction removes must exist; rows it inserts must not.
    removes = step.deleted if forward else step.created
    inserts = step.recreate if forward else step.deleted
    for name, items in removes.items():
        table = tables[name]
        keys = [row[_pk(table).name] for row in items] if forward else list(items)
        if _count_existing(session, table, keys) != len(set(keys)):
            said = (
                N_("Cannot redo “{step}”: some of its {table} rows are gone.")
                if forward
                else N_("Cannot undo “{step}”: some of its {table} rows are gone.")
            )
            raise UndoConflict(gettext(said, step=what, table=name))
        _check_no_new_dependants(session, step, table, keys, removes, forward=forward)
    removed = _removes(step, tables, forward=forward)
    for name, rows in inserts.items():
        table = tables[name]
        freed = set(removed.get(name, ()))
        if _count_existing(
            session, table, [k for k in (row[_pk(table).name] for row in rows) if k not in freed]
        ):
            said = (
                N_("Cannot redo “{step}”: {table} rows with the same keys exist again.")
                if forward
                else N_("Cannot undo “{step}”: {table} rows with the same keys exist again.")
            )
            raise UndoConflict(gettext(said, step=what, table=name))
    for name, updates in step.updated.items():
        table = tables[name]
        expected = {u.key: (u.before if forward else u.after) for u in updates}
        columns = sorted({c for u in updates for c in u.after})
        pk = _pk(table)
        for chunk in _chunks(list(expected)):
            found = {
                r[0]: r
                for r in session.execute(select(pk, *(table.c[c] for c in columns)).where(pk.in_(chunk)))
            }
            for key in chunk:
                row = found.get(key)
                if row is None or any(
                    _same(row._mapping[c], value) is False for c, value in expected[key].items()
                ):
                    said = (
                        N_("Cannot redo “{step}”: it was changed again since ({table} {key}).")
                        if forward
                        else N_("Cannot undo “{step}”: it was changed again since ({table} {key}).")
                    )
                    raise UndoConflict(gettext(said, step=what, table=name, key=key))


def _comparable(value: Any) -> Any:
    # SQLite hands stored datetimes back without their (UTC) zone.
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _same(found: Any, expected: Any) -> bool:
    return bool(_comparable(found) == _comparable(expected))


def _count_existing(session: Session, table: Table, keys: Sequence[Any]) -> int:
    pk = _pk(table)
    return sum(
        session.execute(select(func.count()).select_from(table).where(pk.in_(chunk))).scalar_one()
        for chunk in _chunks(list(set(keys)))
    )


def _check_no_new_dependants(
    session: Session,
    step: UndoStep,
    table: Table,
    keys: Sequence[Any],
    removes: dict[str, Any],
    *,
    forward: bool,
) -> None:
    """Rows outside this step that point at rows it would delete: refuse, not cascade."""
    for child in _tables_in_order(session):
        for fk in child.foreign_keys:
            if fk.column.table is not table:
                continue
            child_pk = _pk(child)
            own = removes.get(child.name, [])
            own_keys = {row[_pk(child).name] for row in own} if forward else set(own)
            column = fk.parent
            for chunk in _chunks(list(keys)):
                query = select(child_pk).where(column.in_(chunk))
                outside = [k for (k,) in session.execute(query) if k not in own_keys]
                # A deleted row's children recorded as updates (scans unlinked) are the step's own.
                updated = {u.key for u in step.updated.get(child.name, ())}
                outside = [k for k in outside if k not in updated]
                if outside:
                    if forward:
                        said = ngettext(
                            "Cannot redo “{step}”: {n} {table} row now refers to what it would remove.",
                            "Cannot redo “{step}”: {n} {table} rows now refer to what it would remove.",
                            len(outside),
                            step=step.label,
                            table=child.name,
                        )
                    else:
                        said = ngettext(
                            "Cannot undo “{step}”: {n} {table} row now refers to what it would remove.",
                            "Cannot undo “{step}”: {n} {table} rows now refer to what it would remove.",
                            len(outside),
                            step=step.label,
                            table=child.name,
                        )
                    raise UndoConflict(said)


def _apply(session: Session, step: UndoStep, *, forward: bool) -> None:
    """Deletes first (SQLite reuses freed keys, so a row to re-insert may have the key of
    one to remove), children before parents; then inserts, parents first; then updates,
    which may point at the rows just inserted."""
    ordered = _tables_in_order(session)
    by_name = {t.name: t for t in ordered}
    removes = _removes(step, by_name, forward=forward)
    for table in reversed(ordered):
        keys = removes.get(table.name)
        if keys:
            pk = _pk(table)
            for chunk in _chunks(list(keys)):
                session.execute(table.delete().where(pk.in_(chunk)))
    inserts = step.recreate if forward else step.deleted
    for table in ordered:
        rows = inserts.get(table.name)
        if rows:
            for chunk in _chunks(rows):
                session.execute(table.insert(), list(chunk))
    for table in ordered:
        updates = step.updated.get(table.name)
        if updates:
            bulk_update(session, table, [(u.key, u.after if forward else u.before) for u in updates])


def _removes(step: UndoStep, tables: dict[str, Table], *, forward: bool) -> dict[str, list[Any]]:
    if not forward:
        return step.created
    return {name: [row[_pk(tables[name]).name] for row in rows] for name, rows in step.deleted.items()}


def bulk_update(
    session: Session | Connection, table: Table, changes: list[tuple[Any, dict[str, Any]]]
) -> None:
    """One executemany per set of changed columns, not one statement per row."""
    pk = _pk(table)
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for key, values in changes:
        columns = tuple(sorted(values))
        groups[columns].append({"_key": key, **{f"_v_{c}": values[c] for c in columns}})
    for columns, params in groups.items():
        statement = (
            table.update().where(pk == bindparam("_key")).values({c: bindparam(f"_v_{c}") for c in columns})
        )
        for chunk in _chunks(params):
            session.execute(statement, list(chunk))


_HISTORIES: weakref.WeakKeyDictionary[EventDocument, UndoHistory] = weakref.WeakKeyDictionary()


def history(doc: EventDocument) -> UndoHistory:
    """The undo history of an open document, created on first use."""
    found = _HISTORIES.get(doc)
    if found is None:
        found = _HISTORIES[doc] = UndoHistory()
    return found
