"""A whole demo career fair, planned in memory from one seed before anything is written.

Planning first keeps the slow part (making up tens of thousands of people) cancellable
without touching a file, and lets the tests compare two plans of the same seed directly.
Everything comes from one `random.Random(seed)` consumed in a fixed order, and every time
is derived from the event's date, so the same seed gives the same rows on any machine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from eventdesk.demo.companies import DemoCompany, make_companies, make_employers
from eventdesk.demo.people import (
    CULTURES,
    DEGREES,
    ORGANISER_TITLES,
    PRESS_OUTLETS,
    PRESS_TITLES,
    REGIONS,
    SHOWCASE,
    SPEAKER_TITLES,
    STAFF_TITLES,
    STILL_IN_ACADEMIA,
    STUDENT_TITLES,
    TITLES_BY_TAG,
    AddressBook,
    PersonName,
    Weighted,
    hospital_name,
    make_name,
    make_phone,
    pick_interests,
    pick_mail_domain,
)
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.event import EventDraft, to_utc
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.domain.taxonomy import FIELDS_OF_WORK, TAG_KEYS, FieldOfWork


@dataclass(frozen=True)
class Fair:
    """A kind of fair the demo can be: where it is, and who comes to it."""

    name: str
    venue: str
    timezone: str
    area: str
    hosts: tuple[tuple[str, float], ...]
    organiser: tuple[str, str]


_BENELUX_HOSTS = (("NL", 60), ("BE-nl", 28), ("BE-fr", 9), ("LU", 3))
_MEDICON_HOSTS = (("DK", 60), ("SE", 40))

FAIRS: tuple[Fair, ...] = (
    Fair(
        "Life Science Career Fair Leiden {year}",
        "Leiden Bio Science Park, Leiden",
        "Europe/Amsterdam",
        "benelux",
        _BENELUX_HOSTS,
        ("BioTalent Events Benelux", "biotalent-events.eu"),
    ),
    Fair(
        "BioPharma Careers Day Utrecht {year}",
        "Jaarbeurs, Utrecht",
        "Europe/Amsterdam",
        "benelux",
        _BENELUX_HOSTS,
        ("BioTalent Events Benelux", "biotalent-events.eu"),
    ),
    Fair(
        "Flanders Biotech Career Event Ghent {year}",
        "ICC Ghent, Ghent",
        "Europe/Brussels",
        "benelux",
        (("BE-nl", 60), ("NL", 25), ("BE-fr", 12), ("LU", 3)),
        ("Scheldt Career Events", "scheldtcareers.be"),
    ),
    Fair(
        "Medicon Valley Biotech Careers Day {year}",
        "Bella Center, Copenhagen",
        "Europe/Copenhagen",
        "medicon",
        _MEDICON_HOSTS,
        ("Øresund Talent Events", "oresundtalent.eu"),
    ),
    Fair(
        "Øresund Life Science Job Fair {year}",
        "Medicon Village, Lund",
        "Europe/Stockholm",
        "medicon",
        (("SE", 55), ("DK", 45)),
        ("Øresund Talent Events", "oresundtalent.eu"),
    ),
)

# Who comes, by name culture, for each area (weights; see demo_people.CULTURES).
CULTURE_MIX: dict[str, tuple[tuple[str, float], ...]] = {
    "benelux": (
        ("NL", 30),
        ("BE-nl", 16),
        ("BE-fr", 7),
        ("DE", 7),
        ("LU", 2),
        ("FR", 4),
        ("DK", 1),
        ("SE", 1),
        ("NO", 1),
        ("PL", 3),
        ("PT", 2),
        ("ES", 4),
        ("IT", 4),
        ("GR", 2),
        ("TR", 3),
        ("MA", 3),
        ("IN", 4),
        ("CN", 4),
        ("VN", 1),
        ("UA", 1),
    ),
    "medicon": (
        ("DK", 30),
        ("SE", 22),
        ("NO", 5),
        ("DE", 7),
        ("NL", 3),
        ("BE-nl", 1),
        ("BE-fr", 1),
        ("FR", 3),
        ("PL", 4),
        ("PT", 2),
        ("ES", 4),
        ("IT", 5),
        ("GR", 2),
        ("TR", 1),
        ("IN", 5),
        ("CN", 5),
        ("VN", 1),
        ("UA", 2),
        ("LU", 0.5),
        ("MA", 0.5),
    ),
}

YEAR = 2027
EVENT_HOURS = (time(9, 0), time(17, 30))
REGISTRATION_DAYS = 75
STAFF_SHARE = 0.2
CANCELLED_SHARE = 0.03
CONSENT_SHARE = 0.65
CODE_SHARE = 1 / 3
PLATFORMS = Weighted((("eventbrite", 45), ("pretix", 35), ("tito", 20)))
PRETIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TITO_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PROGRESS_EVERY = 2_000

# Plain strings: comparing enum members 50,000 times costs more than the rest of a loop turn.
VISITOR = TicketType.VISITOR.value
EXHIBITOR = TicketType.EXHIBITOR.value
SPEAKER = TicketType.SPEAKER.value
ORGANISER = TicketType.ORGANISER.value
PRESS = TicketType.PRESS.value
REGISTERED = AttendeeStatus.REGISTERED.value
CANCELLED = AttendeeStatus.CANCELLED.value


# Registration times are handed out once everyone exists (they are sorted by id).
NOT_YET = datetime.min.replace(tzinfo=UTC)


@dataclass(slots=True)
class DemoAttendee:
    name: PersonName
    email: str
    phone: str
    organisation: str
    job_title: str
    degree: str
    field_of_work: str
    interests: list[str]
    ticket_type: str
    status: str = REGISTERED
    consent_share: bool = False
    company: int | None = None
    registered_at: datetime = NOT_YET
    updated_at: datetime = NOT_YET
    codes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DemoPlan:
    draft: EventDraft
    fair: Fair
    companies: list[DemoCompany]
    attendees: list[DemoAttendee]

    @property
    def code_count(self) -> int:
        return sum(len(a.codes) for a in self.attendees)


def _event_day(rng: random.Random) -> date:
    """A Tuesday, Wednesday or Thursday in spring or autumn: when career fairs are held."""
    month = rng.choice((3, 4, 5, 9, 10, 11))
    day = date(YEAR, month, rng.randint(1, 21))
    while day.weekday() not in (1, 2, 3):
        day += timedelta(days=1)
    return day


def staff_counts(wanted: list[int], budget: int) -> list[int]:
    """Each company's staff, handed out one per company per round so that all get some.

    Staff are attendees too; capping them at a share of all attendees keeps visitors the
    large majority even for a small demo with many companies.
    """
    if sum(wanted) <= budget:
        return list(wanted)
    counts = [0] * len(wanted)
    left = budget
    while left > 0:
        for i, want in enumerate(wanted):
            if left and counts[i] < want:
                counts[i] += 1
                left -= 1
    return counts


def role_counts(attendees: int, staff: int) -> dict[str, int]:
    """How many of each ticket type; every type appears once a fair has 20 non-staff people."""
    rest = attendees - staff
    if rest < 20:
        return {VISITOR: rest, EXHIBITOR: staff}
    speakers = max(1, round(rest * 0.012))
    organisers = max(1, round(rest * 0.008))
    press = max(1, round(rest * 0.005))
    return {
        VISITOR: rest - speakers - organisers - press,
        EXHIBITOR: staff,
        SPEAKER: speakers,
        ORGANISER: organisers,
        PRESS: press,
    }


class _CodeMaker:
    """Platform ticket codes in each platform's own shape, unique per platform."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._taken: set[tuple[str, str]] = set()
        self._order = rng.randrange(10**9, 6 * 10**9)

    def make(self) -> tuple[str, str]:
        rng = self._rng
        platform = PLATFORMS.pick(rng)
        while True:
            if platform == "eventbrite":
                # Order number, attendee number and a ticket counter, all digits.
                self._order += rng.randint(1, 40)
                code = f"{self._order:010d}{rng.randrange(10**9, 10**10):010d}001"
            elif platform == "pretix":
                code = "".join(rng.choices(PRETIX_ALPHABET, k=32))
            else:
                code = "".join(rng.choices(TITO_ALPHABET, k=4)) + f"-{rng.randint(1, 3)}"
            if (platform, code) not in self._taken:
                self._taken.add((platform, code))
                return platform, code


class _PeopleMaker:
    def __init__(self, rng: random.Random, fair: Fair, employers: list[tuple[str, str]]) -> None:
        self.rng = rng
        self.fair = fair
        self.book = AddressBook()
        self.employers = employers
        self._cultures = Weighted(CULTURE_MIX[fair.area])
        self._hosts = Weighted(fair.hosts)
        self._all_regions = tuple(REGIONS)

    def culture(self) -> str:
        return self._cultures.pick(self.rng)

    def region_for(self, culture_key: str) -> str:
        """Most people live where their name comes from; the rest near the fair."""
        rng = self.rng
        home = CULTURES[culture_key].home
        if home and rng.random() < 0.7:
            return rng.choice(home)
        if not home and rng.random() < 0.15:
            return rng.choice(self._all_regions)
        return self._hosts.pick(rng)

    def _field(self) -> FieldOfWork:
        return self.rng.choice(FIELDS_OF_WORK)

    def visitor(self, name: PersonName | None = None) -> DemoAttendee:
        rng = self.rng
        culture = name.culture if name else self.culture()
        name = name or make_name(rng, CULTURES[culture])
        region = REGIONS[self.region_for(culture)]
        degree = DEGREES.pick(rng)
        field_ = self._field()
        interests = pick_interests(rng, field_.related, TAG_KEYS)
        if rng.random() < STILL_IN_ACADEMIA[degree]:
            title = rng.choice(STUDENT_TITLES[degree]).format(field=field_.label.lower())
            if degree == "MD" or (field_.label == "Medicine" and rng.random() < 0.5):
                organisation = hospital_name(rng, region)
                domain = pick_mail_domain(rng, region)
            else:
                organisation, uni_domain = rng.choice(region.universities)
                if rng.random() < 0.55:
                    student = degree in ("BSc", "MSc") and rng.random() < 0.5
                    domain = f"student.{uni_domain}" if student else uni_domain
                else:
                    domain = pick_mail_domain(rng, region)
        else:
            title = rng.choice(TITLES_BY_TAG[interests[0]])
            if degree in ("PhD", "MD") and rng.random() < 0.3:
                title = f"Senior {title[0].lower()}{title[1:]}"
            where = rng.random()
            if where < 0.75 and self.employers:
                organisation, work_domain = rng.choice(self.employers)
            elif where < 0.87:
                organisation, work_domain = hospital_name(rng, region), ""
            else:
                organisation, work_domain = rng.choice(region.universities)
            # People looking for their next job mostly register with a private address.
            domain = work_domain if work_domain and rng.random() < 0.15 else pick_mail_domain(rng, region)
        return DemoAttendee(
            name=name,
            email=self.book.personal(rng, name, domain),
            phone=make_phone(rng, region),
            organisation=organisation,
            job_title=title,
            degree=degree,
            field_of_work=field_.label,
            interests=interests,
            ticket_type=VISITOR,
        )

    def staff(self, company: DemoCompany, index: int, first: bool) -> DemoAttendee:
        rng = self.rng
        culture = company.region if rng.random() < 0.7 and company.region in CULTURES else self.culture()
        name = make_name(rng, CULTURES[culture])
        region = REGIONS[company.region]
        field_ = self._field()
        title = "Talent acquisition partner" if first else rng.choice(STAFF_TITLES)
        attendee = DemoAttendee(
            name=name,
            email=self.book.personal(rng, name, company.domain, formal=True),
            phone=make_phone(rng, region),
            organisation=company.name,
            job_title=title,
            degree=rng.choices(("BSc", "MSc", "PhD"), (10, 50, 40))[0],
            field_of_work=field_.label,
            interests=pick_interests(rng, company.hiring_tags, TAG_KEYS, 2, 4),
            ticket_type=EXHIBITOR,
            company=index,
        )
        if first:
            company.contact_name = f"{name.given} {name.family}"
            company.contact_email = attendee.email
            company.contact_phone = attendee.phone
        return attendee

    def speaker(self) -> DemoAttendee:
        rng = self.rng
        person = self.visitor()
        person.ticket_type = SPEAKER
        person.job_title = rng.choice(SPEAKER_TITLES)
        person.degree = rng.choices(("PhD", "MD", "MSc"), (75, 10, 15))[0]
        return person

    def organiser(self) -> DemoAttendee:
        rng = self.rng
        name = make_name(rng, CULTURES[self.culture()])
        org_name, org_domain = self.fair.organiser
        region = REGIONS[self._hosts.pick(rng)]
        return DemoAttendee(
            name=name,
            email=self.book.personal(rng, name, org_domain, formal=True),
            phone=make_phone(rng, region),
            organisation=org_name,
            job_title=rng.choice(ORGANISER_TITLES),
            degree=rng.choices(("BSc", "MSc", "Other"), (30, 50, 20))[0],
            field_of_work=self._field().label,
            interests=pick_interests(rng, ("project-management", "science-communication"), TAG_KEYS, 2, 3),
            ticket_type=ORGANISER,
            consent_share=True,
        )

    def press(self) -> DemoAttendee:
        rng = self.rng
        culture = self.culture()
        name = make_name(rng, CULTURES[culture])
        outlet, outlet_domain = rng.choice(PRESS_OUTLETS)
        region = REGIONS[self.region_for(culture)]
        freelance = rng.random() < 0.3
        domain = pick_mail_domain(rng, region) if freelance else outlet_domain
        return DemoAttendee(
            name=name,
            email=self.book.personal(rng, name, domain, formal=not freelance),
            phone=make_phone(rng, region),
            organisation=f"Freelance for {outlet}" if freelance else outlet,
            job_title=rng.choice(PRESS_TITLES),
            degree=rng.choices(("BSc", "MSc", "PhD"), (30, 55, 15))[0],
            field_of_work=self._field().label,
            interests=pick_interests(rng, ("science-communication",), TAG_KEYS, 2, 4),
            ticket_type=PRESS,
        )


def plan_demo(*, attendees: int, companies: int, seed: int, progress: Progress = NO_PROGRESS) -> DemoPlan:
    """The event, its companies and its people; reports progress per 2,000 people and can be
    cancelled between them (nothing has been written yet, so nothing needs undoing)."""
    rng = random.Random(seed)
    fair = rng.choice(FAIRS)
    day = _event_day(rng)
    draft = EventDraft(
        name=fair.name.format(year=day.year),
        venue=fair.venue,
        starts_local=datetime.combine(day, EVENT_HOURS[0]),
        ends_local=datetime.combine(day, EVENT_HOURS[1]),
        timezone=fair.timezone,
    )

    universities = [u for key, _ in fair.hosts for u, _ in REGIONS[key].universities]
    cities = {key: region.cities for key, region in REGIONS.items()}
    company_rows = make_companies(
        rng, count=companies, area=fair.area, universities=universities, cities=cities
    )
    taken = {c.name.casefold() for c in company_rows}
    employers = make_employers(rng, count=max(12, min(80, attendees // 40)), area=fair.area, taken=taken)

    staff = staff_counts([c.wanted_staff for c in company_rows], int(attendees * STAFF_SHARE))
    counts = role_counts(attendees, sum(staff))
    roles: list[str] = [role for role, n in counts.items() for _ in range(n)]
    rng.shuffle(roles)
    staff_slots = [(i, n) for i, count in enumerate(staff) for n in range(count)]
    visitor_positions = [i for i, role in enumerate(roles) if role == VISITOR]
    showcase_at = dict(
        zip(rng.sample(visitor_positions, min(len(SHOWCASE), len(visitor_positions))), SHOWCASE, strict=False)
    )

    maker = _PeopleMaker(rng, fair, employers)
    codes = _CodeMaker(rng)
    people: list[DemoAttendee] = []
    staff_iter = iter(staff_slots)
    total = attendees + companies
    progress.report(companies, total, "Making up attendees")
    for position, role in enumerate(roles):
        if role == VISITOR:
            person = maker.visitor(showcase_at.get(position))
            if rng.random() < CODE_SHARE:
                person.codes.append(codes.make())
        elif role == EXHIBITOR:
            index, nth = next(staff_iter)
            person = maker.staff(company_rows[index], index, nth == 0)
            company_rows[index].staff.append(position)
        elif role == SPEAKER:
            person = maker.speaker()
        elif role == ORGANISER:
            person = maker.organiser()
        else:
            person = maker.press()
        if role != ORGANISER:
            person.consent_share = rng.random() < CONSENT_SHARE
            if rng.random() < CANCELLED_SHARE:
                person.status = CANCELLED
        people.append(person)
        if (position + 1) % PROGRESS_EVERY == 0:
            progress.report(companies + position + 1, total, "Making up attendees")

    starts = to_utc(draft.starts_local, draft.timezone)
    _registration_times(rng, people, starts)
    _sign_up_times(rng, company_rows, starts)
    _contacts_without_staff(maker, company_rows)
    progress.report(total, total, "Making up attendees")
    return DemoPlan(draft=draft, fair=fair, companies=company_rows, attendees=people)


def _registration_times(rng: random.Random, people: list[DemoAttendee], starts: datetime) -> None:
    """Registrations pick up towards the day, as they do; a cancellation comes later still."""
    window = REGISTRATION_DAYS * 86_400
    opened = starts - timedelta(seconds=window)
    offsets = sorted(int(window * rng.random() ** 0.5) for _ in people)
    for person, offset in zip(people, offsets, strict=True):
        person.registered_at = opened + timedelta(seconds=offset)
        person.updated_at = person.registered_at
        if person.status == CANCELLED:
            person.updated_at += timedelta(seconds=int((window - offset) * rng.random()))


def _sign_up_times(rng: random.Random, companies: list[DemoCompany], starts: datetime) -> None:
    """Exhibitors book their booths in the weeks before attendee registration opens."""
    opened = starts - timedelta(days=REGISTRATION_DAYS + 45)
    offsets = sorted(rng.randrange(45 * 86_400) for _ in companies)
    for company, offset in zip(companies, offsets, strict=True):
        company.signed_up_at = opened + timedelta(seconds=offset)


def _contacts_without_staff(maker: _PeopleMaker, companies: list[DemoCompany]) -> None:
    """A company whose staff did not fit in the attendee count still has someone to call."""
    rng = maker.rng
    for company in companies:
        if company.contact_email:
            continue
        culture = company.region if company.region in CULTURES else maker.culture()
        name = make_name(rng, CULTURES[culture])
        company.contact_name = f"{name.given} {name.family}"
        company.contact_email = maker.book.personal(rng, name, company.domain, formal=True)
        company.contact_phone = make_phone(rng, REGIONS[company.region])
