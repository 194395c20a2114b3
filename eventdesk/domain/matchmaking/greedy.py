"""The greedy baseline: best-scoring pairs first, each in the earliest slot that fits.

Not used to make schedules in the app; the benchmark runs it in the same process as the
solver so the published figures carry their own yardstick, and the tests check that the
solver never does worse.
"""

from __future__ import annotations

from collections import Counter

from eventdesk.domain.matchmaking.model import Meeting, Problem


def greedy_schedule(problem: Problem) -> tuple[Meeting, ...]:
    seated: set[tuple[int, int, int]] = set()
    busy: set[tuple[int, int]] = set()
    count: Counter[int] = Counter()
    met: set[tuple[int, int]] = set()
    meetings: list[Meeting] = []

    def seat(m: Meeting) -> None:
        seated.add(m.place)
        busy.add((m.attendee, m.slot))
        count[m.attendee] += 1
        met.add(m.pair)
        meetings.append(m)

    for lock in problem.locks:
        seat(lock)
    pairs = sorted(problem.points.items(), key=lambda item: (item[0] not in problem.must, -item[1], item[0]))
    for (attendee, company), points in pairs:
        if (attendee, company) in met or (attendee, company) in problem.never:
            continue
        if attendee not in problem.attendees or company not in problem.companies:
            continue
        if count[attendee] >= problem.max_meetings:
            continue
        person, firm = problem.attendees[attendee], problem.companies[company]
        for slot in problem.slots:
            s = slot.index
            if s in person.unavailable or s in firm.unavailable or (attendee, s) in busy:
                continue
            table = next((t for t in range(1, firm.tables + 1) if (s, company, t) not in seated), None)
            if table is not None:
                seat(Meeting(s, company, table, attendee, points))
                break
    return tuple(sorted(meetings))
