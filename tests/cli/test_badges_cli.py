"""`eventdesk badges`: the headless way to print the night before."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from eventdesk.cli import main
from eventdesk.domain.tokens import TokenStatus, check_token
from eventdesk.exports.badges.layouts import all_layouts
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from tests.exports.badge_pdf_checks import assert_fonts_embedded, decode_pages, qpdf_check


def tokens_in(event_path, pdf):
    doc = EventDocument.open(event_path)
    try:
        with doc.session() as session:
            event = session.execute(select(Event)).scalar_one()
            code, key = event.code, event.public_key
    finally:
        doc.close()
    found = []
    for page in decode_pages(pdf):
        for text in page:
            result = check_token(text, event_code=code, public_key=key)
            assert result.status is TokenStatus.VALID
            found.append((result.token.serial, result.token.version))
    return found


def test_list_layouts_names_every_preset(capsys):
    assert main(["badges", "--list-layouts"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in all_layouts())


def test_badges_for_chosen_attendees_on_a_card_layout(events, tmp_path, capsys):
    event = events.demo_path(attendees=40, companies=5)
    out = tmp_path / "cards.pdf"
    assert (
        main(
            [
                "badges",
                str(event),
                "-o",
                str(out),
                "--layout",
                "cr80",
                "--attendee",
                "3",
                "5",
                "--attendee",
                "8",
            ]
        )
        == 0
    )
    assert "Wrote" in capsys.readouterr().out
    assert sorted(tokens_in(event, out)) == [(3, 1), (5, 1), (8, 1)]
    qpdf_check(out)
    assert_fonts_embedded(out)


def test_only_unprinted_then_reprint(events, tmp_path, capsys):
    event = events.demo_path(attendees=30, companies=4)
    assert main(["badges", str(event), "-o", str(tmp_path / "all.pdf")]) == 0
    assert main(["badges", str(event), "-o", str(tmp_path / "again.pdf"), "--only-unprinted"]) == 0
    assert "Nothing to print" in capsys.readouterr().out
    assert not (tmp_path / "again.pdf").exists()
    assert main(["badges", str(event), "-o", str(tmp_path / "re.pdf"), "--attendee", "2", "--reprint"]) == 0
    assert "1 reprinted, its older badge revoked" in capsys.readouterr().out
    assert tokens_in(event, tmp_path / "re.pdf") == [(2, 2)]
    doc = EventDocument.open(event)
    try:
        with doc.session() as session:
            assert session.get(Attendee, 2).badge_version == 2
    finally:
        doc.close()


def test_bad_input_is_one_sentence_and_a_non_zero_exit(events, tmp_path):
    event = events.demo_path(attendees=10, companies=2)
    cases = [
        (["--layout", "a0-poster"], "Unknown badge layout 'a0-poster'"),
        (["--ticket-type", "vip"], "Unknown ticket type 'vip'"),
        (["--company", "999"], "no company with id 999"),
    ]
    for extra, message in cases:
        result = subprocess.run(
            [sys.executable, "-m", "eventdesk", "badges", str(event), "-o", str(tmp_path / "x.pdf"), *extra],
            capture_output=True,
            text=True,
        )
        assert result.returncode != 0
        assert message in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    result = subprocess.run(
        [sys.executable, "-m", "eventdesk", "badges", str(event), "-o", str(tmp_path / "no" / "x.pdf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "does not exist" in result.stderr
    assert list(tmp_path.glob("*.pdf*")) == []
