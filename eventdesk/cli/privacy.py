"""`eventdesk privacy …`: retention, anonymising, erasing one person, their data, the export audit.

The headless twins of Event › Privacy: an organiser's script can anonymise every event past
its retention date (`--yes` stands for the typed confirmation of the window).
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime

from eventdesk.cli.listing import event_action, print_json, read_records
from eventdesk.domain.errors import ValidationError
from eventdesk.i18n import _, ngettext
from eventdesk.i18n.values import Count, Fixed
from eventdesk.persistence.document import EventDocument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "privacy",
        help="GDPR: retention, anonymise, erase a person, a person's data, the export audit",
        description=(
            "Privacy for an EU organiser: keep personal data no longer than needed, erase a person "
            "on request, give a person their data, and see every export that carried personal data."
        ),
    )
    actions = parser.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)

    retention = actions.add_parser("retention", help="show or set the date personal data is kept until")
    retention.add_argument("event", metavar="EVENT")
    retention.add_argument("--until", metavar="YYYY-MM-DD", help="a new retention date (event time)")
    retention.add_argument("--default", action="store_true", help="back to 30 days after the last day")
    retention.add_argument("--json", action="store_true")
    retention.set_defaults(handler=run_retention)

    anonymise = actions.add_parser(
        "anonymise",
        help="remove every personal field, keep the report figures (cannot be undone)",
        description=(
            "Remove names, e-mails, phones, job titles, free text, the scan log's text and lead notes "
            "of everyone; keep the figures for next year's report. Irreversible."
        ),
    )
    anonymise.add_argument("event", metavar="EVENT")
    anonymise.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    anonymise.add_argument("--json", action="store_true", help="print the kept figures as JSON")
    anonymise.set_defaults(handler=run_anonymise)

    erase = actions.add_parser("erase", help="erase one person (Art. 17), also one deleted earlier")
    erase.add_argument("event", metavar="EVENT")
    erase.add_argument("--attendee", type=int, required=True, metavar="ID")
    erase.set_defaults(handler=run_erase)

    export = actions.add_parser("export", help="a person's own data (Art. 15) as PDF and JSON")
    export.add_argument("event", metavar="EVENT")
    export.add_argument("--attendee", type=int, required=True, metavar="ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.pdf and FILE.json")
    export.set_defaults(handler=run_export)

    replace = actions.add_parser(
        "replace-key",
        help="a new badge key pair: old badges are refused at the door (reprint needed)",
        description="For a file whose badge key left the organiser's hands. Every badge must be reprinted.",
    )
    replace.add_argument("event", metavar="EVENT")
    replace.add_argument("--yes", action="store_true", help="confirm: every badge must be reprinted")
    replace.set_defaults(handler=run_replace_key)

    event_action(
        actions,
        "protect",
        help="encrypt the event file with a passphrase (SQLCipher); asked for when it is opened",
        description=(
            "Encrypt EVENT at rest. The passphrase is read from $EVENTDESK_PASSPHRASE, else asked "
            "twice. Open a protected event headless with $EVENTDESK_PASSPHRASE set."
        ),
        handler=run_protect,
    )

    event_action(
        actions,
        "passphrase",
        help="change a protected event file's passphrase",
        description=(
            "Encrypt EVENT with a new passphrase. The current one is read from $EVENTDESK_PASSPHRASE, "
            "the new one from $EVENTDESK_NEW_PASSPHRASE; either is asked for (without echo) when not "
            "set. All or nothing: interrupted, the file still opens with the current passphrase."
        ),
        handler=run_passphrase,
    )

    event_action(
        actions,
        "unprotect",
        help="remove the passphrase: the event file is stored in clear again",
        description=(
            "Decrypt EVENT for good. The passphrase is read from $EVENTDESK_PASSPHRASE, else asked "
            "for. The badge key is then kept in this machine's keyring."
        ),
        handler=run_unprotect,
    )

    audit = actions.add_parser("audit", help="every export that carried personal data")
    audit.add_argument("event", metavar="EVENT")
    audit.add_argument("--json", action="store_true")
    audit.set_defaults(handler=run_audit)


def run_retention(args: argparse.Namespace) -> int:
    from eventdesk.services.privacy.retention import retention_status, set_retention

    doc = EventDocument.open(args.event)
    try:
        if args.until or args.default:
            try:
                chosen = None if args.default else date.fromisoformat(args.until)
            except ValueError as exc:
                raise ValidationError(
                    _("“{text}” is not a date such as 2027-04-30.", text=args.until)
                ) from exc
            status = set_retention(doc=doc, until=chosen)
        else:
            status = retention_status(doc=doc)
    finally:
        doc.close()
    if args.json:
        print(json.dumps(status.as_dict(), indent=2))
        return 0
    if status.is_default:
        kept = _(
            "Personal data kept until {day} (the default: 30 days after the last day).",
            day=_date_of(status.retention_local),
        )
    else:
        kept = _("Personal data kept until {day}.", day=_date_of(status.retention_local))
    print(kept)
    if status.anonymised_local:
        print(_("Anonymised on {when}.", when=status.anonymised_local))
    elif status.overdue:
        print(_("That date has passed: anonymise with `eventdesk privacy anonymise EVENT --yes`."))
    return 0


def run_anonymise(args: argparse.Namespace) -> int:
    from eventdesk.services.privacy.anonymise import CONFIRMATION_WORD, anonymise_event
    from eventdesk.services.privacy.figures import report_figures

    if not args.yes:
        raise ValidationError(_("Anonymising removes every person's details for good; add --yes to confirm."))
    doc = EventDocument.open(args.event)
    try:
        result, _changes = anonymise_event(doc=doc, confirmation=CONFIRMATION_WORD)
        figures = report_figures(doc=doc)
    finally:
        doc.close()
    if args.json:
        print(json.dumps(figures.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(result.summary)
    if result.removed_backup is not None:
        print(
            _(
                "Removed the backup {file}, which held the data as it was.",
                file=result.removed_backup.name,
            )
        )
    if not result.disk_clean:
        print(_("Another program still has the file open: close it and run this again to clear the WAL."))
    print(
        _(
            "Kept: {registered} registered, {arrived} arrived (no-show rate {rate} %), {leads}, {meetings}.",
            registered=Count(figures.registered),
            arrived=Count(figures.arrived),
            rate=Fixed(100 * figures.no_show_rate),
            leads=ngettext("{n} lead", "{n} leads", sum(figures.leads_per_company.values())),
            meetings=ngettext("{n} meeting", "{n} meetings", sum(figures.meetings_per_company.values())),
        )
    )
    return 0


def run_erase(args: argparse.Namespace) -> int:
    from eventdesk.services.privacy.erase import erase_person

    doc = EventDocument.open(args.event)
    try:
        result, _changes = erase_person(doc=doc, attendee_id=args.attendee)
    finally:
        doc.close()
    print(result.summary)
    if result.was_present:
        print(result.copies_sentence)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from eventdesk.services.privacy.person_data import export_person_data

    doc = EventDocument.open(args.event)
    try:
        made = export_person_data(doc=doc, attendee_id=args.attendee, output=args.output)
    finally:
        doc.close()
    print(_("Wrote {pdf} and {json}", pdf=made.pdf, json=made.json))
    return 0


def run_audit(args: argparse.Namespace) -> int:
    from eventdesk.services.export_audit import audit_entries

    entries = read_records(args.event, lambda doc: audit_entries(doc=doc))
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        print(_("No export with personal data has been made from this event."))
        return 0
    for e in entries:
        when = f"{e.made_local:%Y-%m-%d %H:%M}"
        people = ngettext("{n} person", "{n} people", e.people)
        if e.company:
            what = _(
                "{kind} for {company}: {people} → {file}",
                kind=e.kind,
                company=e.company,
                people=people,
                file=e.file_name,
            )
        else:
            what = _("{kind}: {people} → {file}", kind=e.kind, people=people, file=e.file_name)
        print(f"{when}  {e.desk:<16}  {what}")
    return 0


def run_replace_key(args: argparse.Namespace) -> int:
    from eventdesk.services.privacy.key_replacement import key_replacement_cost, replace_badge_key

    doc = EventDocument.open(args.event)
    try:
        if not args.yes:
            cost = key_replacement_cost(doc=doc)
            raise ValidationError(_("{cost} Add --yes to replace the key.", cost=cost.sentence))
        cost, _changes = replace_badge_key(doc=doc, confirm=True)
    finally:
        doc.close()
    print(_("Replaced the badge key. {cost}", cost=cost.sentence))
    return 0


def run_protect(args: argparse.Namespace) -> int:
    from eventdesk.persistence.document import PASSPHRASE_VARIABLE
    from eventdesk.services.privacy.protect import protect_event_file

    passphrase = _new_passphrase(PASSPHRASE_VARIABLE, _("Passphrase for the event file: "))
    path = protect_event_file(path=args.event, passphrase=passphrase)
    print(_("{path} is now encrypted; opening it asks for the passphrase.", path=path))
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    from eventdesk.services.privacy.protect import change_passphrase

    old = _current_passphrase(_("Current passphrase: "))
    new = _new_passphrase(NEW_PASSPHRASE_VARIABLE, _("New passphrase: "))
    path = change_passphrase(path=args.event, old=old, new=new)
    print(_("{path} is now encrypted with the new passphrase; the old one no longer opens it.", path=path))
    return 0


def run_unprotect(args: argparse.Namespace) -> int:
    from eventdesk.services.privacy.protect import unprotect_event_file

    passphrase = _current_passphrase(_("Passphrase of the event file: "))
    path = unprotect_event_file(path=args.event, passphrase=passphrase)
    print(_("{path} is no longer encrypted: anyone who has the file can read it.", path=path))
    return 0


# The new passphrase for `eventdesk privacy passphrase`, as EVENTDESK_PASSPHRASE is the current one.
NEW_PASSPHRASE_VARIABLE = "EVENTDESK_NEW_PASSPHRASE"


def _current_passphrase(prompt: str) -> str:
    import getpass
    import os

    from eventdesk.persistence.document import PASSPHRASE_VARIABLE

    found = os.environ.get(PASSPHRASE_VARIABLE)
    return found if found is not None else getpass.getpass(prompt)


def _new_passphrase(variable: str, prompt: str) -> str:
    """From `variable`, else typed twice without echo (a typo would lock the organiser out)."""
    import getpass
    import os

    found = os.environ.get(variable)
    if found is not None:
        return found
    passphrase = getpass.getpass(prompt)
    if getpass.getpass(_("The same passphrase again: ")) != passphrase:
        raise ValidationError(_("The two passphrases differ; nothing was changed."))
    return passphrase


def _date_of(moment: datetime | date) -> date:
    """The day alone, written as the language writes a date ("30 avril 2027")."""
    return moment.date() if isinstance(moment, datetime) else moment
