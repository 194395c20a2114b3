"""Which column goes into which field: proposed, corrected by the person, remembered.

A mapping is proposed in this order: the one the person accepted last time for exactly this
set of headers (kept in settings.IMPORT_MAPPINGS, keyed by a hash of the normalised
headers, so a monthly export from the same form needs checking once); else the recognised
platform's columns plus synonym guesses for the organiser's own questions; else guesses
alone. Overrides are partial: `{"Voornaam": "given_name"}` changes one column and keeps
the rest of the proposal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from eventdesk.services.importing.errors import MappingError
from eventdesk.services.importing.fields import FieldSpec, guess_fields, header_key, is_known_field
from eventdesk.services.importing.platforms import SKIP, Platform, recognise
from eventdesk.settings import IMPORT_MAPPINGS, Settings

IGNORE_WORDS = frozenset({"", "-", "ignore", "none", "skip"})


class MappingOrigin(StrEnum):
    REMEMBERED = "remembered"
    PLATFORM = "platform"
    GUESSED = "guessed"
    GIVEN = "given"


def header_labels(headers: Sequence[str]) -> list[str]:
    """Headers made unique for display and JSON: the second "Company" is "Company (2)"."""
    seen: dict[str, int] = {}
    labels = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        labels.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return labels


@dataclass(frozen=True)
class ColumnMapping:
    headers: tuple[str, ...]
    fields: tuple[str | None, ...]

    def __post_init__(self) -> None:
        if len(self.headers) != len(self.fields):
            raise ValueError("a mapping needs one field (or None) per header")

    def columns_for(self, field: str) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == field]

    def mapped(self) -> list[tuple[int, str]]:
        return [(i, f) for i, f in enumerate(self.fields) if f]

    def with_field(self, column: int, field: str | None) -> ColumnMapping:
        fields = list(self.fields)
        fields[column] = field or None
        return ColumnMapping(self.headers, tuple(fields))

    def to_json(self) -> dict[str, str | None]:
        return dict(zip(header_labels(self.headers), self.fields, strict=True))

    def overridden(self, overrides: Mapping[str, str | None], specs: Sequence[FieldSpec]) -> ColumnMapping:
        """This mapping with some columns set by the person; MappingError for unknown names."""
        labels = header_labels(self.headers)
        by_label = {label: i for i, label in enumerate(labels)}
        by_key: dict[str, int] = {}
        for i, label in enumerate(labels):
            by_key.setdefault(header_key(label), i)
        fields = list(self.fields)
        for name, field in overrides.items():
            column = by_label.get(name, by_key.get(header_key(name)))
            if column is None:
                raise MappingError(f"The mapping names a column '{name}' that the file does not have.")
            value = (field or "").strip()
            if value.casefold() in IGNORE_WORDS:
                fields[column] = None
                continue
            if not is_known_field(value, specs):
                known = ", ".join(spec.name for spec in specs)
                raise MappingError(
                    f"The mapping puts column '{name}' into '{value}', which is not one of: {known}."
                )
            fields[column] = value
        return ColumnMapping(self.headers, tuple(fields))


def proposed_mapping(
    headers: Sequence[str], *, kind: str, specs: Sequence[FieldSpec], platforms: Sequence[Platform]
) -> tuple[ColumnMapping, Platform | None, MappingOrigin]:
    platform = recognise(headers, platforms)
    remembered = remembered_mapping(kind=kind, headers=headers, specs=specs)
    if remembered is not None:
        return remembered, platform, MappingOrigin.REMEMBERED
    guessed = guess_fields(headers, specs)
    if platform is None:
        return ColumnMapping(tuple(headers), tuple(guessed)), None, MappingOrigin.GUESSED
    fixed = platform.map_headers(headers)
    taken = {f for f in fixed if f and f != SKIP}
    repeatable = {s.name for s in specs if s.repeatable}
    fields: list[str | None] = []
    for platform_field, guess in zip(fixed, guessed, strict=True):
        if platform_field == SKIP:
            fields.append(None)
        elif platform_field:
            fields.append(platform_field)
        elif guess and (guess not in taken or guess in repeatable):
            fields.append(guess)
            taken.add(guess)
        else:
            fields.append(None)
    return ColumnMapping(tuple(headers), tuple(fields)), platform, MappingOrigin.PLATFORM


def load_overrides(text: str) -> dict[str, str | None]:
    """`--mapping` as inline JSON or the path of a JSON file: {"Header": "field", …}."""
    source = text
    if not text.lstrip().startswith("{"):
        path = Path(text).expanduser()
        try:
            source = path.read_text("utf-8")
        except OSError as exc:
            raise MappingError(f"The mapping file {path} cannot be read: {exc.strerror}.") from exc
    try:
        data = json.loads(source)
    except json.JSONDecodeError as exc:
        raise MappingError(f"The mapping is not valid JSON ({exc.msg} at character {exc.pos}).") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str | None) for v in data.values()):
        raise MappingError('The mapping must be a JSON object of "column header": "field" pairs.')
    return {str(k): v for k, v in data.items()}


def mapping_key(*, kind: str, headers: Sequence[str]) -> str:
    normalised = "\n".join([kind, *(header_key(h) for h in headers)])
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:32]


def remembered_mapping(
    *, kind: str, headers: Sequence[str], specs: Sequence[FieldSpec]
) -> ColumnMapping | None:
    stored = Settings().get(IMPORT_MAPPINGS).get(mapping_key(kind=kind, headers=headers))
    if not isinstance(stored, dict):
        return None
    fields = stored.get("fields")
    if not isinstance(fields, list) or len(fields) != len(headers):
        return None
    if not all(f is None or (isinstance(f, str) and is_known_field(f, specs)) for f in fields):
        return None
    return ColumnMapping(tuple(headers), tuple(fields))


def remember_mapping(*, kind: str, mapping: ColumnMapping) -> None:
    settings = Settings()
    stored = settings.get(IMPORT_MAPPINGS)
    stored[mapping_key(kind=kind, headers=mapping.headers)] = {
        "headers": list(mapping.headers),
        "fields": list(mapping.fields),
    }
    settings.set(IMPORT_MAPPINGS, stored)
