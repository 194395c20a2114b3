"""`eventdesk desks EVENT_OR_URL`: the desks of a hub, what each still has to send, and the
people admitted twice."""

from __future__ import annotations

import argparse
import json

from eventdesk.domain.event import to_local
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "desks",
        help="list the desks of a hub: last contact, unsent scans, double admissions",
        description="EVENT_OR_URL is the hub's database URL, an event file, or a desk replica "
        "(which asks its hub).",
    )
    parser.add_argument("event", metavar="EVENT_OR_URL")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from eventdesk.sync.desks import double_admissions, list_desks
    from eventdesk.sync.replica import replica_info

    doc = EventDocument.open(args.event)
    hub_doc = doc
    try:
        info = replica_info(doc)
        if info is not None:
            from eventdesk.sync.link import hub_engine

            engine = hub_engine(info.hub_url, dict(info.connect_args), info.certificate_pem)
            hub_doc = EventDocument(info.hub_url, engine, None)
        from sqlalchemy import select

        from eventdesk.persistence.tables import Event

        with hub_doc.engine.connect() as conn:
            timezone = conn.execute(select(Event.timezone)).scalar_one()
        desks = list_desks(doc=hub_doc)
        doubles = double_admissions(doc=hub_doc)
    except Exception as exc:
        from eventdesk.sync.link import first_line, is_connection_problem

        if hub_doc is not doc and is_connection_problem(exc):
            from eventdesk.domain.errors import EventdeskError

            raise EventdeskError(
                _("The hub cannot be reached ({problem}); try again.", problem=first_line(exc))
            ) from exc
        raise
    finally:
        if hub_doc is not doc:
            hub_doc.close()
        doc.close()
    if args.json:
        print(
            json.dumps(
                {"desks": [d.as_dict() for d in desks], "double_admissions": [d.as_dict() for d in doubles]},
                ensure_ascii=False,
            )
        )
        return 0
    if not desks:
        print(_("No desk has joined this event yet."))
    for d in desks:
        seen = f"{to_local(d.last_contact, timezone):%H:%M:%S}" if d.last_contact else _("never")
        state = _("at work") if d.active else _("quiet")
        print(
            _(
                "{desk} (#{number}): last contact {seen} ({state}), {scans} and {changes} still to send",
                desk=d.name,
                number=d.number,
                seen=seen,
                state=state,
                scans=ngettext("{n} scan", "{n} scans", d.unsent_scans),
                changes=ngettext("{n} change", "{n} changes", d.unsent_edits),
            )
        )
    if doubles:
        print("\n" + ngettext("{n} admitted twice:", "{n} admitted twice:", len(doubles)))
        for double in doubles:
            print(f"  {double.text()}")
    return 0
