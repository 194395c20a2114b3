"""The import kinds eventdesk knows. To add one, write its module and add it to KINDS."""

from __future__ import annotations

from eventdesk.domain.errors import ValidationError
from eventdesk.services.importing.attendees import ATTENDEES
from eventdesk.services.importing.availability import AVAILABILITY
from eventdesk.services.importing.companies import COMPANIES
from eventdesk.services.importing.kinds import ImportKind
from eventdesk.services.importing.wishes import WISHES

KINDS: tuple[ImportKind, ...] = (ATTENDEES, COMPANIES, WISHES, AVAILABILITY)
IMPORT_KINDS: dict[str, ImportKind] = {kind.name: kind for kind in KINDS}


def get_kind(name: str) -> ImportKind:
    try:
        return IMPORT_KINDS[name]
    except KeyError:
        raise ValidationError(f"Cannot import '{name}'; choose one of: {', '.join(IMPORT_KINDS)}.") from None
