"""Matchmaking: the solver on the issue's instance, and personal schedule PDFs for 2,000 people.

Solver figures use a generated problem (`domain.matchmaking.synthetic`) of the issue's
shape — 2,000 attendees × 120 companies × 16 slots × 2 tables, at most 6 meetings each, the
15 best companies per attendee as candidates — timed from the problem in memory to the
checked schedule (the flow, the colouring, the repair and the figures; not reading the
event). Each schedule is checked by the independent validator outside the timing. Baseline
in the same run: greedy by score (best pairs first, earliest slot that fits), its time and
its score as a share of the same proven bound.

The PDF figure is the whole `export_attendee_schedules` service on a demo event: reading
the schedule, signing 2,000 badge tokens for the QR codes, drawing and writing the file, and
recording the print. Baseline: the same number of pages with the same lines drawn in
reportlab's built-in Helvetica with no QR — reportlab's own floor for such a batch.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, select

from benchmarks.table import Row
from eventdesk.domain.matchmaking.greedy import greedy_schedule
from eventdesk.domain.matchmaking.model import Objective, Problem
from eventdesk.domain.matchmaking.solver import Outcome, objective_value, solve
from eventdesk.domain.matchmaking.synthetic import synthetic_problem
from eventdesk.domain.matchmaking.validator import validate
from eventdesk.persistence.tables import Meeting as MeetingRow
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.matchmaking.exports import export_attendee_schedules
from eventdesk.services.matchmaking.plan import SetupOverrides, generate_schedule
from eventdesk.services.matchmaking.view import schedule_view

SHAPE = dict(attendees=2000, companies=120, slots=16, tables=2, max_meetings=6, candidates=15)
EXACT_SECONDS, SLOTTED_SECONDS, SLOTTED_QUALITY = 1.0, 2.0, 0.999
PDF_PEOPLE, PDF_SECONDS = 2000, 10.0


def _timed_solve(problem: Problem, objective: Objective, repeats: int) -> tuple[Outcome, float]:
    times, outcome = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        outcome = solve(problem, objective=objective, seed=1)
        times.append(time.perf_counter() - started)
    assert outcome is not None
    problems = validate(problem, outcome.meetings)
    if problems:
        raise AssertionError(f"invalid schedule: {problems[0].message}")
    return outcome, statistics.median(times)


def _greedy(problem: Problem, bound: int) -> str:
    started = time.perf_counter()
    meetings = greedy_schedule(problem)
    seconds = time.perf_counter() - started
    assert not validate(problem, meetings)
    share = objective_value(problem, meetings, Objective.TOTAL) / bound
    return f"greedy {seconds:.2f} s, {100 * share:.2f} % of the bound"


def _solver_rows(repeats: int) -> list[Row]:
    rows = []
    exact = synthetic_problem(**SHAPE, seed=2027)  # type: ignore[arg-type]
    total, seconds = _timed_solve(exact, Objective.TOTAL, repeats)
    rows.append(
        Row(
            figure=f"Certified optimum of `total`, 2,000 × 120 × 16 slots × 2 tables (median of {repeats})",
            measured=f"{seconds:.2f} s, {'certified' if total.optimal else 'NOT certified'}, "
            f"{len(total.meetings):,} meetings",
            target=f"optimum in ≤ {EXACT_SECONDS:.0f} s",
            baseline=_greedy(exact, total.objective_bound),
            met=total.optimal and seconds <= EXACT_SECONDS,
        )
    )
    fair, seconds = _timed_solve(exact, Objective.FAIR, repeats)
    rows.append(
        Row(
            figure=f"`fair` on the same instance (median of {repeats})",
            measured=f"{seconds:.2f} s, {'certified' if fair.optimal else 'NOT certified'}, "
            f"nobody without a meeting: {fair.people_by_meetings.get(0, 0) == 0}",
            target=f"optimum in ≤ {EXACT_SECONDS:.0f} s",
            baseline=f"`total` leaves {total.people_by_meetings.get(0, 0):,} people without a meeting",
            met=fair.optimal and seconds <= EXACT_SECONDS,
        )
    )
    slotted = synthetic_problem(**SHAPE, unavailable_per_attendee=3, seed=2027)  # type: ignore[arg-type]
    outcome, seconds = _timed_solve(slotted, Objective.TOTAL, repeats)
    rows.append(
        Row(
            figure=f"`total` with 3 of 16 slots unavailable per attendee (median of {repeats})",
            measured=f"{100 * outcome.quality:.3f} % of the proven bound in {seconds:.2f} s",
            target=f"≥ {100 * SLOTTED_QUALITY:.1f} % in ≤ {SLOTTED_SECONDS:.0f} s",
            baseline=_greedy(slotted, outcome.objective_bound),
            met=outcome.quality >= SLOTTED_QUALITY and seconds <= SLOTTED_SECONDS,
        )
    )
    return rows


def _baseline_pages(path: Path, doc_view: object, people: int) -> float:
    """The same lines per person in Helvetica, no QR: what reportlab costs at the least."""
    view = doc_view
    by_person: dict[int, list] = {}
    for m in view.meetings:  # type: ignore[attr-defined]
        by_person.setdefault(m.attendee_id, []).append(m)
    chosen = sorted(by_person)[:people]
    started = time.perf_counter()
    canvas = Canvas(str(path), pagesize=A4, pageCompression=1)
    for attendee in chosen:
        meetings = by_person[attendee]
        canvas.setFont("Helvetica-Bold", 22)
        canvas.drawString(42, 760, meetings[0].attendee)
        canvas.setFont("Helvetica", 10)
        y = 700
        for m in meetings:
            slot = view.slots[m.slot]  # type: ignore[attr-defined]
            canvas.drawString(42, y, f"{slot.start:%H:%M}-{slot.end:%H:%M}  Table {m.table}  {m.company}")
            canvas.drawString(340, y, ", ".join(m.why))
            y -= 36
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - started


def _pdf_row(quick: bool) -> Row:
    people = 500 if quick else PDF_PEOPLE
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as name:
        folder = Path(name)
        doc = generate_demo(
            target=folder / "fair.eventdesk",
            spec=DemoSpec(attendees=int(people * 1.5), companies=120, seed=2027),
        )
        try:
            generate_schedule(doc=doc, overrides=SetupOverrides(max_meetings=6))
            view = schedule_view(doc=doc)
            with doc.session() as session:
                with_meetings = sorted(
                    session.execute(select(MeetingRow.attendee_id).group_by(MeetingRow.attendee_id)).scalars()
                )
                session.execute(select(func.count()).select_from(MeetingRow)).scalar_one()
            chosen = with_meetings[:people]
            started = time.perf_counter()
            result = export_attendee_schedules(doc=doc, output=folder / "people.pdf", attendee_ids=chosen)
            seconds = time.perf_counter() - started
            baseline = _baseline_pages(folder / "baseline.pdf", view, len(chosen))
        finally:
            doc.close()
    return Row(
        figure=f"Personal schedule PDFs with badge QR, {len(chosen):,} people",
        measured=f"{seconds:.2f} s for {result.pages:,} pages",
        target=f"≤ {PDF_SECONDS:.0f} s for 2,000" if not quick else f"≤ {PDF_SECONDS / 4:.1f} s for 500",
        baseline=f"{baseline:.2f} s Helvetica text only, no QR",
        met=seconds <= (PDF_SECONDS if not quick else PDF_SECONDS / 4),
    )


def run(quick: bool) -> list[Row]:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"bench_schedule: {os.cpu_count()} cores, load average {load:.2f} at start", file=sys.stderr)
    return [*_solver_rows(1 if quick else 3), _pdf_row(quick)]
