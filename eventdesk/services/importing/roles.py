"""A guessed column role checked against the column's values before anything trusts it.

The header guesser (`fields.guess_fields`) reads words; a registration form's own
questions hold words of every field ("I agree to the Code of Conduct", "Mail me the
newsletter"). A column that becomes a ticket code decides who is the same person, so a
yes/no answer taken for one collapses a whole file into one attendee. Each guess is
therefore tested on a sample of the column's values (the first `SAMPLE_ROWS` rows: the
test is linear in the sample and costs nothing per row of a large file), and a column
whose values contradict its role is left unmapped, with a sentence for the preview that
says what its values are instead.

Columns a recognised platform maps are its documented layout and are not second-guessed;
columns the person chose (`--mapping`, the wizard's combos) are theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from eventdesk.domain.people import yes_no
from eventdesk.i18n import gettext
from eventdesk.services.importing.fields import CODE_PREFIX, FieldSpec, consent_answer, looks_like_consent
from eventdesk.services.importing.mapping import ColumnMapping, header_labels
from eventdesk.services.importing.rows import clean_cell

SAMPLE_ROWS = 200
# Ticket codes are one per ticket; a group order or a re-sent ticket may repeat a few.
MIN_DISTINCT_SHARE = 0.8
_DATE = re.compile(
    r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}"  # 2026-12-07, 07/12/2026, 7.12.26
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"  # and a time of day
)
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DIGITS = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class ColumnNote:
    """Something the preview says about one column: a guess refused, or a column missed."""

    column: int
    header: str
    field: str
    text: str


def _share(values: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _is_date(value: str) -> bool:
    return bool(_DATE.match(value) or _TIME.match(value))


def _is_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def _is_yes_no(value: str) -> bool:
    return yes_no(value) is not None


def _examples(values: Iterable[str]) -> str:
    shown = list(dict.fromkeys(values))[:3]
    return ", ".join(f"'{v[:30]}'" for v in shown)


def _identifier(values: Sequence[str]) -> str | None:
    if _share(values, _is_yes_no) >= 0.9:
        return gettext(
            "its values are yes/no answers ({examples}), not one code per ticket", examples=_examples(values)
        )
    if _share(values, _is_date) >= 0.5:
        return gettext(
            "its values are dates or times ({examples}), not ticket codes", examples=_examples(values)
        )
    if _share(values, _is_email) >= 0.5:
        return gettext("its values are e-mail addresses, not ticket codes")
    distinct = len(set(values))
    if len(values) >= 4 and (distinct <= 3 or distinct < MIN_DISTINCT_SHARE * len(values)):
        return gettext(
            "only {distinct} different values in {rows} rows ({examples}); a ticket code is different "
            "on every ticket",
            distinct=distinct,
            rows=len(values),
            examples=_examples(values),
        )
    return None


def _email(values: Sequence[str]) -> str | None:
    if _share(values, lambda v: "@" in v) < 0.5:
        return gettext("its values are not e-mail addresses ({examples})", examples=_examples(values))
    return None


def _phone(values: Sequence[str]) -> str | None:
    def phone_like(value: str) -> bool:
        return len(_DIGITS.findall(value)) >= 5 and len(_LETTERS.findall(value)) <= 4 and "@" not in value

    if _share(values, phone_like) < 0.5:
        return gettext("its values are not phone numbers ({examples})", examples=_examples(values))
    return None


def _answer(values: Sequence[str]) -> str | None:
    if _share(values, lambda v: consent_answer(v) is not None) < 0.9:
        return gettext("its values are not yes/no answers ({examples})", examples=_examples(values))
    return None


def _void(values: Sequence[str]) -> str | None:
    if _share(values, _is_yes_no) < 0.9:
        return gettext("its values are not yes/no answers ({examples})", examples=_examples(values))
    return None


def _status(values: Sequence[str]) -> str | None:
    if _share(values, _is_email) >= 0.5 or _share(values, _is_date) >= 0.5:
        return gettext("its values are not statuses ({examples})", examples=_examples(values))
    return None


def _name(values: Sequence[str]) -> str | None:
    if _share(values, _is_email) >= 0.5:
        return gettext("its values are e-mail addresses, not names")
    if _share(values, _is_date) >= 0.5:
        return gettext("its values are dates or times ({examples}), not names", examples=_examples(values))
    if _share(values, lambda v: not _LETTERS.search(v)) >= 0.5:
        return gettext("its values are numbers ({examples}), not names", examples=_examples(values))
    if len(values) >= 3 and len(set(values)) <= 3 and _share(values, _is_yes_no) >= 0.9:
        return gettext("its values are yes/no answers ({examples}), not names", examples=_examples(values))
    return None


_CHECKS: dict[str, Callable[[Sequence[str]], str | None]] = {
    "code": _identifier,
    "email": _email,
    "buyer_email": _email,
    "phone": _phone,
    "buyer_phone": _phone,
    "consent": _answer,
    "void": _void,
    "status": _status,
    "given_name": _name,
    "family_name": _name,
    "full_name": _name,
    "buyer_name": _name,
}


def check_values(field: str, values: Sequence[str]) -> str | None:
    """Why a column with these (non-empty, cleaned) values cannot be `field`; None if it can."""
    check = _CHECKS.get("code" if field.startswith(CODE_PREFIX) else field)
    return check(values) if check and values else None


def column_values(rows: Iterable[Sequence[str]], columns: Iterable[int]) -> dict[int, list[str]]:
    """The non-empty cleaned cells of some columns over the sample rows, in one pass."""
    wanted = sorted(set(columns))
    found: dict[int, list[str]] = {c: [] for c in wanted}
    for cells in rows:
        width = len(cells)
        for column in wanted:
            if column < width:
                text = clean_cell(cells[column])
                if text:
                    found[column].append(text)
    return found


def checked_mapping(
    mapping: ColumnMapping,
    sample: Sequence[Sequence[str]],
    *,
    trusted: Iterable[int] = (),
    fields: Sequence[FieldSpec],
) -> tuple[ColumnMapping, tuple[ColumnNote, ...]]:
    """The mapping with every untrusted column whose values contradict its field unmapped,
    and the notes that say so, followed by a note on a consent column left unmapped."""
    keep = set(trusted)
    to_check = [(c, f) for c, f in mapping.mapped() if c not in keep and f != "codes"]
    values = column_values(sample, (c for c, _ in to_check))
    labels = header_labels(mapping.headers)
    specs = {s.name: s for s in fields}
    notes: list[ColumnNote] = []
    checked = mapping
    for column, field in to_check:
        reason = check_values(field, values[column])
        if reason is None:
            continue
        checked = checked.with_field(column, None)
        label = specs["code"].label if field.startswith(CODE_PREFIX) and "code" in specs else None
        # The wizard's field names are translated where the catalogue has them ("E-mail").
        label = gettext(label or (specs[field].label if field in specs else field))
        notes.append(
            ColumnNote(
                column,
                labels[column],
                field,
                gettext(
                    "Column '{column}' was not taken as {field}: {reason}. It is not imported unless you "
                    "choose a field for it.",
                    column=labels[column],
                    field=label,
                    reason=reason,
                ),
            )
        )
    return checked, (
        *notes,
        *consent_notes(checked, fields=fields),
        *repeated_notes(checked, sample, fields=fields),
    )


def consent_notes(mapping: ColumnMapping, *, fields: Sequence[FieldSpec]) -> tuple[ColumnNote, ...]:
    """A column that asks for consent to share details, left unmapped while nothing is the
    consent: then nobody's details would reach any exhibitor, which nobody notices until
    the leads are empty."""
    if not any(s.name == "consent" for s in fields) or mapping.columns_for("consent"):
        return ()
    labels = header_labels(mapping.headers)
    return tuple(
        ColumnNote(
            column,
            labels[column],
            "consent",
            gettext(
                "Column '{column}' looks like consent to share contact details but is not imported: "
                "without it nobody's details reach any exhibitor.",
                column=labels[column],
            ),
        )
        for column, header in enumerate(mapping.headers)
        if mapping.fields[column] is None and looks_like_consent(header)
    )


def repeated_notes(
    mapping: ColumnMapping, sample: Sequence[Sequence[str]], *, fields: Sequence[FieldSpec]
) -> tuple[ColumnNote, ...]:
    """A header the file repeats ("email, email"): only one of its columns can be the field,
    and the other's values were dropped without a word. Said for a left-out column that has
    values, naming the column that is imported."""
    first: dict[str, int] = {}
    repeats: list[tuple[int, int]] = []
    for column, header in enumerate(mapping.headers):
        key = header.strip().casefold()
        if key in first:
            repeats.append((first[key], column))
        else:
            first[key] = column
    mapped = dict(mapping.mapped())
    # The pair's imported column (either one: a person may have mapped the second).
    left_out = {
        (b if a in mapped else a): (a if a in mapped else b)
        for a, b in repeats
        if (a in mapped) != (b in mapped)
    }
    values = column_values(sample, left_out)
    labels = header_labels(mapping.headers)
    specs = {s.name: s for s in fields}
    return tuple(
        ColumnNote(
            column,
            labels[column],
            mapped[kept],
            gettext(
                "Column '{column}' repeats the header of column '{kept}', which is imported as {field}: "
                "its values are not imported unless you choose a field for it.",
                column=labels[column],
                kept=labels[kept],
                field=gettext(specs[mapped[kept]].label) if mapped[kept] in specs else mapped[kept],
            ),
        )
        for column, kept in sorted(left_out.items())
        if values[column]
    )
