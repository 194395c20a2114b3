"""`eventdesk selfcheck`: the features that load libraries at run time, tried for real."""

from __future__ import annotations

from eventdesk.cli import main
from tests.exports.badge_pdf_checks import decode_pages


def test_selfcheck_prints_a_badge_pdf_whose_codes_still_read(events, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    event = events.demo_path(attendees=5, companies=2)
    badges = tmp_path / "badges.pdf"
    assert main(["badges", str(event), "-o", str(badges), "--attendee", "1", "2"]) == 0
    printed = tmp_path / "printed.pdf"

    assert main(["selfcheck", "--print", str(badges), "-o", str(printed)]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines if line.startswith(("ok", "FAIL"))] == [
        "ok   camera",
        "ok   charts",
        "ok   icu",
        "ok   formats",
        "ok   printing",
    ]
    # What came out of the PDF printer is a raster of each page: its QR codes must still read.
    assert [len(codes) for codes in decode_pages(printed)] == [1, 1]


def test_selfcheck_fails_with_a_sentence_when_the_pdf_cannot_print(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 not really")
    assert main(["selfcheck", "--print", str(broken), "-o", str(tmp_path / "out.pdf")]) == 1
    assert any(line.startswith("FAIL printing:") for line in capsys.readouterr().out.splitlines())
