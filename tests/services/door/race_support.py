"""Several desk processes scanning the same badges at the same instants, for the race tests
and the benchmark: each badge is released to every desk at once by a barrier."""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from eventdesk.domain.enums import AttendeeStatus, ScanVerdict
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event, Scan
from tests.factories import event_seed


def badge_tokens(doc: EventDocument, count: int) -> list[tuple[int, str]]:
    """(attendee id, signed badge text) for `count` registered attendees."""
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        people = session.execute(
            select(Attendee.id, Attendee.badge_version)
            .where(Attendee.status == AttendeeStatus.REGISTERED.value)
            .order_by(Attendee.id)
            .limit(count)
        ).all()
    assert len(people) == count, f"the event has only {len(people)} registered attendees"
    return [
        (person.id, encode_token(event_code=event.code, serial=person.id, version=person.badge_version,
                                 private_key=event_seed(event)))
        for person in people
    ]  # fmt: skip


def _unlocked(doc: EventDocument) -> None:
    """The door as it was before issue 13, for the benchmark's baseline: read, then insert,
    in a transaction that takes no lock first (pysqlite's deferred BEGIN, no row lock)."""
    from eventdesk.services.door import checkin
    from eventdesk.services.door.admission import _PERSON_COLUMNS, DoorPerson

    def read_without_lock(session, attendee_id):  # type: ignore[no-untyped-def]
        row = session.execute(select(*_PERSON_COLUMNS).where(Attendee.id == attendee_id)).first()
        return DoorPerson(*row) if row is not None else None

    checkin.lock_attendee = read_without_lock  # type: ignore[assignment]
    doc.door_session = doc.session  # type: ignore[method-assign]


def _desk(location: str, desk: str, tokens: list[str], barrier, results, unlocked: bool = False) -> None:  # type: ignore[no-untyped-def]
    from eventdesk.services.door.checkin import CheckInDesk

    doc = EventDocument.open(location)
    if unlocked:
        _unlocked(doc)
    try:
        door = CheckInDesk(doc=doc, desk=desk)
        verdicts = []
        for token in tokens:
            barrier.wait(timeout=60)
            verdicts.append(door.scan(token).verdict.value)
        results.put((desk, verdicts))
    except BaseException as error:
        results.put((desk, repr(error)))
        raise
    finally:
        doc.close()


@dataclass(frozen=True)
class RaceOutcome:
    verdicts: dict[str, list[str]]
    """Per desk, the verdict it showed for each badge, in order."""
    admissions_per_person: Counter[int]
    scans_logged: int

    @property
    def double_admissions(self) -> int:
        return sum(1 for n in self.admissions_per_person.values() if n > 1)


def _outcome(location: str, verdicts: dict[str, list[str]]) -> RaceOutcome:
    doc = EventDocument.open(location)
    try:
        with doc.session() as session:
            admitted = Counter(
                session.execute(
                    select(Scan.attendee_id).where(Scan.verdict == ScanVerdict.ADMITTED.value)
                ).scalars()
            )
            logged = session.execute(select(func.count()).select_from(Scan)).scalar_one()
    finally:
        doc.close()
    return RaceOutcome(verdicts, admitted, logged)


def race_processes(
    location: str, tokens: list[str], *, desks: int = 4, unlocked: bool = False
) -> RaceOutcome:
    """`desks` separate processes (spawned: each its own interpreter, engine and connections)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(desks)
    results = context.Queue()
    processes = [
        context.Process(target=_desk, args=(location, f"Door {n + 1}", tokens, barrier, results, unlocked))
        for n in range(desks)
    ]
    for process in processes:
        process.start()
    try:
        collected = dict(results.get(timeout=300) for _ in processes)
    finally:
        for process in processes:
            process.join(timeout=60)
    failed = {desk: v for desk, v in collected.items() if isinstance(v, str)}
    assert not failed, f"a desk process failed: {failed}"
    return _outcome(location, collected)


def race_threads(location: str, tokens: list[str], *, names: tuple[str, ...]) -> RaceOutcome:
    """Desks in one process, each with its own open document (the desk window and the kiosk
    on one laptop, one file)."""
    barrier = threading.Barrier(len(names))
    results: list[tuple[str, object]] = []

    class _Collect:
        def put(self, item: tuple[str, object]) -> None:
            results.append(item)

    threads = [
        threading.Thread(target=_desk, args=(location, name, tokens, barrier, _Collect())) for name in names
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    collected = dict(results)
    failed = {desk: v for desk, v in collected.items() if isinstance(v, str)}
    assert not failed, f"a desk failed: {failed}"
    return _outcome(location, collected)  # type: ignore[arg-type]
