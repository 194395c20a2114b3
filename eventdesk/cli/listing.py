"""What the commands that list an event's records have in common: the event read and closed
again before anything is printed, and `--json` as a list of each record's `as_dict()`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from eventdesk.persistence.document import EventDocument


class Record(Protocol):
    def as_dict(self) -> dict[str, object]: ...


R = TypeVar("R", bound=Record)


def event_action(
    actions: argparse._SubParsersAction,
    name: str,
    *,
    help: str,
    description: str,
    handler: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """An ACTION whose one argument is the EVENT file."""
    parser: argparse.ArgumentParser = actions.add_parser(name, help=help, description=description)
    parser.add_argument("event", metavar="EVENT")
    parser.set_defaults(handler=handler)
    return parser


def read_records(path: str, read: Callable[[EventDocument], Sequence[R]]) -> Sequence[R]:
    """The records, with the event file closed again however the read ended."""
    doc = EventDocument.open(path)
    try:
        return read(doc)
    finally:
        doc.close()


def print_json(records: Sequence[Record]) -> None:
    print(json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2))
