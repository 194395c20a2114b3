"""Generating, storing and re-planning the schedule of a realistic event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from eventdesk.domain.enums import TicketType
from eventdesk.domain.errors import Cancelled, ValidationError
from eventdesk.domain.matchmaking.checks import ImpossibleSchedule
from eventdesk.domain.matchmaking.model import Objective
from eventdesk.domain.matchmaking.replan import ChangeKind
from eventdesk.domain.matchmaking.scoring import ScoreMode
from eventdesk.domain.progress import Progress
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, MatchmakingSetup, ScheduleRun, Wish
from eventdesk.persistence.tables import Meeting as MeetingRow
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.events import event_summary
from eventdesk.services.matchmaking.edits import set_meeting_locked
from eventdesk.services.matchmaking.exports import export_master_grid
from eventdesk.services.matchmaking.plan import (
    SetupOverrides,
    generate_schedule,
    latest_report,
    matchmaking_settings,
    replan_schedule,
    save_settings,
)
from eventdesk.services.matchmaking.view import schedule_view
from tests.factories import EventFactory
from tests.services.matchmaking.support import assert_stored_schedule_valid, check_in, stored_rows


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=260, companies=18, seed=5)
    yield document
    document.close()


def count(doc: EventDocument, table: type) -> int:
    with doc.session() as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def test_defaults_start_an_hour_after_doors_open(doc: EventDocument) -> None:
    settings = matchmaking_settings(doc=doc)
    event = event_summary(doc=doc)
    assert settings.first_start == event.starts_local.replace(minute=0) + timedelta(hours=1)
    assert str(settings.first_start.tzinfo) == event.timezone
    assert (settings.slot_count, settings.meeting_minutes, settings.max_meetings) == (16, 15, 6)
    assert settings.objective is Objective.FAIR


def test_generate_saves_a_valid_schedule_and_its_figures(doc: EventDocument) -> None:
    report = generate_schedule(doc=doc)
    assert_stored_schedule_valid(doc)
    rows = stored_rows(doc)
    assert report.meetings == len(rows) > 0
    assert report.version == 1 and report.optimal and report.quality_percent == 100.0
    assert sum(report.people_by_meetings.values()) == report.participants
    assert report.total_score == pytest.approx(sum(r.score for r in rows))
    assert latest_report(doc=doc) == report
    # Times are the slot's, stored as aware UTC.
    first = min(rows, key=lambda r: r.slot_index)
    assert first.slot_index == 0 and first.starts_at == matchmaking_settings(doc=doc).first_start


def test_exhibitor_staff_and_cancelled_people_take_no_part(doc: EventDocument) -> None:
    generate_schedule(doc=doc)
    with doc.session() as session:
        bad = session.execute(
            select(func.count())
            .select_from(MeetingRow)
            .join(Attendee, Attendee.id == MeetingRow.attendee_id)
            .where(
                (Attendee.company_id.is_not(None))
                | (Attendee.ticket_type != TicketType.VISITOR.value)
                | (Attendee.status != "registered")
            )
        ).scalar_one()
    assert bad == 0


def test_overrides_apply_and_the_setup_keeps_them(doc: EventDocument) -> None:
    overrides = SetupOverrides(
        objective=Objective.TOTAL,
        score_mode=ScoreMode.TAGS,
        slot_count=6,
        start=time(13, 30),
        meeting_minutes=20,
        gap_minutes=10,
        tables=1,
        max_meetings=3,
    )
    report = generate_schedule(doc=doc, overrides=overrides)
    assert report.objective == "total" and report.slots == 6
    settings = matchmaking_settings(doc=doc)
    assert (settings.first_start.hour, settings.first_start.minute) == (13, 30)
    assert (settings.slot_count, settings.meeting_minutes, settings.gap_minutes) == (6, 20, 10)
    assert (settings.tables_override, settings.max_meetings, settings.score_mode) == (1, 3, ScoreMode.TAGS)
    rows = stored_rows(doc)
    assert {r.table_number for r in rows} == {1}
    assert max(r.slot_index for r in rows) <= 5
    assert max(report.people_by_meetings) <= 3
    assert_stored_schedule_valid(doc)


def test_a_refused_run_saves_nothing_not_even_the_overrides(doc: EventDocument) -> None:
    generate_schedule(doc=doc)
    before = [(r.id, r.slot_index) for r in stored_rows(doc)]
    with pytest.raises(ValidationError, match="gives every company 0 meeting tables"):
        generate_schedule(doc=doc, overrides=SetupOverrides(tables=0))
    with pytest.raises(ValidationError, match="would make slots overlap"):
        generate_schedule(doc=doc, overrides=SetupOverrides(gap_minutes=-5))
    assert [(r.id, r.slot_index) for r in stored_rows(doc)] == before
    assert matchmaking_settings(doc=doc).tables_override is None
    assert count(doc, ScheduleRun) == 1


def test_a_company_without_tables_that_someone_must_meet_is_refused(doc: EventDocument) -> None:
    with doc.session() as session:
        company = session.execute(select(Company).order_by(Company.id)).scalars().first()
        person = (
            session.execute(
                select(Attendee).where(
                    Attendee.company_id.is_(None),
                    Attendee.ticket_type == "visitor",
                    Attendee.status == "registered",
                )
            )
            .scalars()
            .first()
        )
        company.meeting_tables = 0
        session.add(Wish(attendee_id=person.id, company_id=company.id, must=True))
        names = (company.name, f"{person.given_name} {person.family_name}".strip())
    with pytest.raises(ImpossibleSchedule) as caught:
        generate_schedule(doc=doc)
    assert str(caught.value) == f"{names[0]} has no meeting tables, but {names[1]} must meet it."
    assert count(doc, MeetingRow) == 0 and count(doc, MatchmakingSetup) == 0


def test_cancel_during_generation_changes_nothing(doc: EventDocument) -> None:
    with pytest.raises(Cancelled):
        generate_schedule(doc=doc, progress=Progress(is_cancelled=lambda: True))
    assert count(doc, MeetingRow) == 0 and count(doc, ScheduleRun) == 0


def test_same_seed_same_schedule_and_print_dates_survive_unchanged_meetings(doc: EventDocument) -> None:
    generate_schedule(doc=doc)
    first = [(r.attendee_id, r.company_id, r.slot_index, r.table_number) for r in stored_rows(doc)]
    printed_at = datetime(2027, 3, 11, 17, 0, tzinfo=UTC)
    with doc.session() as session:
        session.execute(update(MeetingRow).values(printed_at=printed_at))
    report = generate_schedule(doc=doc)
    rows = stored_rows(doc)
    assert [(r.attendee_id, r.company_id, r.slot_index, r.table_number) for r in rows] == first
    assert all(r.printed_at == printed_at for r in rows) and report.version == 2


def test_locked_meetings_survive_regeneration_with_other_settings(doc: EventDocument) -> None:
    generate_schedule(doc=doc)
    with doc.session() as session:
        row = session.execute(select(MeetingRow).where(MeetingRow.slot_index == 3)).scalars().first()
        row.locked = True
        kept = (row.attendee_id, row.company_id, row.slot_index, row.table_number)
    generate_schedule(doc=doc, overrides=SetupOverrides(objective=Objective.TOTAL, max_meetings=2))
    rows = stored_rows(doc)
    assert kept in {(r.attendee_id, r.company_id, r.slot_index, r.table_number) for r in rows if r.locked}
    assert_stored_schedule_valid(doc)


def test_a_lock_the_new_setup_cannot_keep_is_named(doc: EventDocument) -> None:
    generate_schedule(doc=doc)
    with doc.session() as session:
        row = session.execute(select(MeetingRow).where(MeetingRow.slot_index == 12)).scalars().first()
        row.locked = True
    with pytest.raises(
        ImpossibleSchedule, match="The locked meetings cannot all be kept: Slot 13 does not exist"
    ):
        generate_schedule(doc=doc, overrides=SetupOverrides(slot_count=8))


def test_replan_uses_only_checked_in_people_and_lists_the_changes(doc: EventDocument) -> None:
    generate_schedule(doc=doc)
    rows = stored_rows(doc)
    people = sorted({r.attendee_id for r in rows})
    present = people[: len(people) * 2 // 3]
    check_in(doc, present)
    with doc.session() as session:
        session.execute(
            update(MeetingRow)
            .where(MeetingRow.attendee_id == present[0])
            .values(printed_at=datetime.now(UTC))
        )
    before_start = matchmaking_settings(doc=doc).first_start - timedelta(hours=1)
    result = replan_schedule(doc=doc, now=before_start)
    after = stored_rows(doc)
    assert {r.attendee_id for r in after} <= set(present)
    removed = [c for c in result.changes if c.kind is ChangeKind.REMOVED]
    assert len(removed) == sum(1 for r in rows if r.attendee_id not in present)
    assert all(c.reason == "did not check in" for c in removed)
    kept = {
        (r.attendee_id, r.company_id, r.slot_index, r.table_number) for r in rows if r.attendee_id in present
    }
    assert kept <= {(r.attendee_id, r.company_id, r.slot_index, r.table_number) for r in after}
    assert result.report.kind == "replanned" and result.report.version == 2
    assert result.checked_in == len(present)
    printed_before = {(r.company_id, r.slot_index) for r in rows if r.attendee_id == present[0]}
    still = [
        r for r in after if r.attendee_id == present[0] and (r.company_id, r.slot_index) in printed_before
    ]
    assert len(still) == len(printed_before) and all(r.printed_at is not None for r in still)
    added = [c for c in result.changes if c.kind is ChangeKind.ADDED]
    assert len(after) == len(rows) - len(removed) + len(added)
    assert all(c.after and c.attendee for c in added)
    assert_stored_schedule_valid(doc)


def test_replan_after_the_start_keeps_what_already_began(doc: EventDocument) -> None:
    generate_schedule(doc=doc)
    rows = stored_rows(doc)
    check_in(doc, sorted({r.attendee_id for r in rows})[::2])
    # 25 minutes in: slots 0 (+0) and 1 (+20 min) have begun.
    now = matchmaking_settings(doc=doc).first_start + timedelta(minutes=25)
    replan_schedule(doc=doc, now=now, keep_unprinted=False)
    before = {(r.attendee_id, r.company_id, r.slot_index, r.table_number) for r in rows if r.slot_index < 2}
    after = stored_rows(doc)
    assert {
        (r.attendee_id, r.company_id, r.slot_index, r.table_number) for r in after if r.slot_index < 2
    } == before


def test_replan_without_a_schedule_is_refused(doc: EventDocument) -> None:
    with pytest.raises(ValidationError, match="There is no schedule to re-plan yet"):
        replan_schedule(doc=doc)


def test_the_view_has_a_column_per_table_and_why_each_pair_matched(doc: EventDocument) -> None:
    generate_schedule(doc=doc)
    view = schedule_view(doc=doc)
    with doc.session() as session:
        tables = session.execute(select(func.sum(Company.meeting_tables))).scalar_one()
    assert len(view.tables) == tables and view.version == 1
    m = view.meetings[0]
    assert view.cell(m.slot, m.company_id, m.table) == m
    assert any(meeting.why for meeting in view.meetings)
    assert view.of_attendee(m.attendee_id)[0].attendee == m.attendee


def test_save_settings_validates(doc: EventDocument) -> None:
    settings = matchmaking_settings(doc=doc)
    from dataclasses import replace

    with pytest.raises(ValidationError, match="one minute"):
        save_settings(doc=doc, settings=replace(settings, meeting_minutes=0))
    save_settings(doc=doc, settings=replace(settings, slot_count=10))
    assert matchmaking_settings(doc=doc).slot_count == 10


def test_a_replan_is_shown_before_it_is_saved_and_a_stale_one_is_refused(doc: EventDocument) -> None:
    from eventdesk.services.matchmaking.edits import delete_meeting
    from eventdesk.services.matchmaking.plan import apply_replan, plan_replan

    generate_schedule(doc=doc)
    rows = stored_rows(doc)
    people = sorted({r.attendee_id for r in rows})
    check_in(doc, people[::2])
    before_start = matchmaking_settings(doc=doc).first_start - timedelta(hours=1)
    plan = plan_replan(doc=doc, now=before_start)
    removed = plan.preview.count(ChangeKind.REMOVED)
    assert removed == sum(1 for r in rows if r.attendee_id not in people[::2]) > 0
    assert plan.preview.report.version == 2
    assert stored_rows(doc) == rows and latest_report(doc=doc).version == 1, "a plan saves nothing"
    saved = apply_replan(doc=doc, plan=plan)
    assert saved.changes == plan.preview.changes and saved.report.version == 2
    assert {r.attendee_id for r in stored_rows(doc)} <= set(people[::2])
    assert_stored_schedule_valid(doc)

    stale = plan_replan(doc=doc, now=before_start)
    delete_meeting(doc=doc, meeting_id=stored_rows(doc)[0].id)
    after_edit = stored_rows(doc)
    with pytest.raises(ValidationError, match="The schedule changed while the re-plan was being shown"):
        apply_replan(doc=doc, plan=stale)
    assert stored_rows(doc) == after_edit and latest_report(doc=doc).version == 2


@pytest.mark.postgres
def test_the_whole_cycle_on_a_postgresql_event(postgres_url: str, tmp_path: Path) -> None:
    """A multi-desk event lives in PostgreSQL: generate, edit, re-plan and print work there too."""
    doc = generate_demo(target=postgres_url, spec=DemoSpec(attendees=200, companies=12, seed=5))
    try:
        report = generate_schedule(doc=doc, overrides=SetupOverrides(max_meetings=3))
        assert report.optimal and report.meetings == len(stored_rows(doc))
        assert_stored_schedule_valid(doc)
        row = stored_rows(doc)[0]
        set_meeting_locked(doc=doc, meeting_id=row.id, locked=True)
        check_in(doc, sorted({r.attendee_id for r in stored_rows(doc)})[::2])
        before_start = matchmaking_settings(doc=doc).first_start - timedelta(hours=1)
        replan_schedule(doc=doc, now=before_start)
        assert_stored_schedule_valid(doc)
        assert export_master_grid(doc=doc, output=tmp_path / "grid.pdf").pages >= 1
    finally:
        doc.close()
