"""Who a scanned code names: shared by the door (check-in) and the booth (exhibitor leads).

A scan is read every way a keyboard layout could have garbled it
(`eventdesk.scanning.keyboard_layouts`); the Ed25519 signature decides which reading is
right, and platform ticket codes are looked up under each reading. The reader only says
*who* (or why nobody); what that means — admitted, a new lead, … — is the caller's rule.
It needs nothing but the event's code and public key, so an exhibitor kit (which has no
signing key) reads badges exactly as the organiser's desks do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.event import to_local
from eventdesk.domain.tokens import TokenCheck, TokenStatus, check_token
from eventdesk.i18n import Message, gettext, message
from eventdesk.i18n.values import Count
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event, ExternalCode, RetiredKey
from eventdesk.scanning.keyboard_layouts import US_LAYOUT, Reading, clean_scan, readings

# Anything longer is not a code any badge or platform prints; do not spend time reading it.
MAX_CODE_CHARS = 512
_TOKEN_RANK = {
    TokenStatus.VALID: 4,
    TokenStatus.REVOKED: 3,
    TokenStatus.OTHER_EVENT: 2,
    TokenStatus.FORGED: 1,
    TokenStatus.UNKNOWN: 0,
}


@dataclass(frozen=True)
class Resolution:
    """Either a person (`verdict` None, `attendee_id` set) or the verdict that refuses the scan.

    `token` is kept for a badge so the door can compare its version with the attendee's
    current one (a reprint revokes older badges); `matched_as` says how the code was read.
    """

    verdict: ScanVerdict | None
    attendee_id: int | None = None
    message: Message | None = None
    matched_as: str = ""
    token: TokenCheck | None = None

    @property
    def reason(self) -> str:
        """Why the scan is refused, in the current language."""
        return self.message.render() if self.message else ""

    @property
    def found(self) -> bool:
        return self.verdict is None and self.attendee_id is not None


class CodeReader:
    """Reads scans for one event; cheap to keep, holds no session."""

    def __init__(
        self,
        *,
        event_code: str,
        public_key: bytes,
        retired_keys: Sequence[tuple[bytes, datetime]] = (),
        timezone: str = "UTC",
    ) -> None:
        self.event_code = event_code
        self.public_key = public_key
        # Keys replaced by "Replace the badge key…": their badges are genuine but withdrawn.
        self.retired_keys = tuple(retired_keys)
        self.timezone = timezone

    @classmethod
    def for_event(cls, session: Session) -> CodeReader:
        event = session.execute(select(Event.code, Event.public_key, Event.timezone)).one()
        retired = tuple(session.execute(select(RetiredKey.public_key, RetiredKey.retired_at)))
        return cls(
            event_code=event.code, public_key=event.public_key, retired_keys=retired, timezone=event.timezone
        )

    def _retired_reason(self, text: str) -> Message | None:
        for key, retired_at in self.retired_keys:
            if check_token(text, event_code=self.event_code, public_key=key).status is TokenStatus.VALID:
                return message(
                    "This badge was signed with the event's old badge key, replaced on {date}; "
                    "a reprint is needed.",
                    date=f"{to_local(retired_at, self.timezone):%d %b %Y}",
                )
        return None

    def badge_as_typed(self, scanned: str) -> Resolution | None:
        """A genuine badge of this event read as typed (nearly every scan), found without the
        database; None for anything that needs `resolve`."""
        cleaned = clean_scan(scanned)
        if not cleaned or len(cleaned) > MAX_CODE_CHARS:
            return None
        first = check_token(cleaned.upper(), event_code=self.event_code, public_key=self.public_key)
        if first.status is TokenStatus.VALID:
            return Resolution(None, first.serial, matched_as=how("badge", US_LAYOUT), token=first)
        return None

    def resolve(self, session: Session, scanned: str) -> Resolution:
        cleaned = clean_scan(scanned)
        if not cleaned:
            return Resolution(ScanVerdict.UNKNOWN, message=message("The scan was empty."))
        if len(cleaned) > MAX_CODE_CHARS:
            return Resolution(
                ScanVerdict.UNKNOWN,
                message=message(
                    "Not a code of this event ({count} characters of unreadable input).",
                    count=Count(len(cleaned)),
                ),
            )
        # Nearly every scan is a badge read as typed: verify that before spelling the scan
        # out in every keyboard layout.
        as_typed = self.badge_as_typed(cleaned)
        if as_typed is not None:
            return as_typed
        candidates = readings(cleaned)
        best: tuple[TokenCheck, str] | None = None
        best_text = cleaned.upper()
        for reading in candidates:
            check = check_token(reading.text.upper(), event_code=self.event_code, public_key=self.public_key)
            if best is None or _TOKEN_RANK[check.status] > _TOKEN_RANK[best[0].status]:
                best = (check, reading.layout)
                best_text = reading.text.upper()
            if check.status is TokenStatus.VALID:
                break
        if best is not None and best[0].status in (TokenStatus.VALID, TokenStatus.REVOKED):
            check, layout = best
            return Resolution(None, check.serial, matched_as=how("badge", layout), token=check)
        found = _find_external_code(session, candidates)
        if found is not None:
            attendee_id, platform, layout = found
            return Resolution(None, attendee_id, matched_as=how(f"{platform} ticket", layout))
        if best is not None and best[0].status is TokenStatus.OTHER_EVENT and best[0].token is not None:
            return Resolution(
                ScanVerdict.OTHER_EVENT,
                message=message(
                    "This badge is for another event (event code {code}).", code=best[0].token.event_code
                ),
            )
        if best is not None and best[0].status is TokenStatus.FORGED:
            retired = self._retired_reason(best_text) if self.retired_keys else None
            if retired is not None:
                return Resolution(ScanVerdict.REVOKED, message=retired)
            return Resolution(
                ScanVerdict.FORGED,
                message=message("This looks like a badge of this event, but its signature is not genuine."),
            )
        return Resolution(ScanVerdict.UNKNOWN, message=message("Not a badge or ticket code of this event."))


def person_for_code(*, doc: EventDocument, scanned: str) -> int | None:
    """Whose badge or platform ticket this scanned text is, read exactly as the door reads it
    (signature verified, every keyboard layout tried), without logging a scan: the lists'
    search boxes use it so a badge scanned into them finds its person."""
    with doc.session() as session:
        resolution = CodeReader.for_event(session).resolve(session, scanned)
    return resolution.attendee_id if resolution.found else None


def _find_external_code(session: Session, candidates: list[Reading]) -> tuple[int, str, str] | None:
    """A platform ticket code under any reading; codes are looked up exactly (indexed),
    and in upper and lower case for a scanner or person with Caps Lock."""
    variants: dict[str, str] = {}
    for reading in candidates:
        for variant in (reading.text, reading.text.upper(), reading.text.lower()):
            variants.setdefault(variant, reading.layout)
    rows = session.execute(
        select(ExternalCode.attendee_id, ExternalCode.platform, ExternalCode.code).where(
            ExternalCode.code.in_(list(variants))
        )
    ).all()
    if not rows:
        return None
    order = {text: n for n, text in enumerate(variants)}
    row = min(rows, key=lambda r: order[r.code])
    return row.attendee_id, row.platform, variants[row.code]


def how(kind: str, layout: str) -> str:
    """ "badge", or "badge, read as AZERTY (Belgium)" when a layout had to be undone."""
    return kind if layout in ("", US_LAYOUT) else f"{kind}, read as {layout}"


def matched_as_label(matched_as: str) -> str:
    """How a scan was matched, in the reader's language: `matched_as` is stored as the door's
    own English words ("badge, read as AZERTY (Belgium)"), which the kiosk also reads."""
    kind, _sep, layout = matched_as.partition(", read as ")
    if kind == "badge":
        shown = gettext("badge")
    elif kind == "name search":
        shown = gettext("name search")
    elif kind == "walk-in":
        shown = gettext("walk-in")
    elif kind.endswith(" ticket"):
        shown = gettext("{platform} ticket", platform=kind.removesuffix(" ticket"))
    else:
        shown = kind
    return gettext("{kind}, read as {layout}", kind=shown, layout=layout) if layout else shown
