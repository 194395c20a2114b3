"""The status line and the round report in the desk's language, with their plural forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from eventdesk.i18n import using_language
from eventdesk.sync.pull import PullReport
from eventdesk.sync.push import PushReport
from eventdesk.sync.rounds import RoundReport
from eventdesk.sync.status import SyncStatus

NOON = datetime(2027, 3, 12, 11, 0, tzinfo=UTC)  # 12:00 in Brussels


def test_the_status_line_in_french_and_danish() -> None:
    online = SyncStatus(online=True, desks=1, last_sync_at=NOON - timedelta(seconds=40), unsent_scans=2)
    offline = SyncStatus(
        online=False, offline_since=NOON, unsent_scans=1, unsent_edits=3, timezone="Europe/Brussels"
    )
    with using_language("fr"):
        assert online.text(NOON) == "En ligne · 1 poste · synchronisé il y a 40 s · 2 scans en cours d'envoi"
        assert (
            offline.text(NOON) == "Hors ligne depuis 12:00 · 1 scan en attente · 3 modifications en attente"
        )
    with using_language("da"):
        assert offline.text(NOON) == "Offline siden 12:00 · 1 scanning venter · 3 ændringer venter"


def test_the_round_report_in_german() -> None:
    report = RoundReport(
        reached=True,
        sent=PushReport(scans=1, walk_ins=2, edits=0),
        received=PullReport(rows={"lead": 3, "attendee": 1}),
    )
    with using_language("de"):
        assert report.summary() == (
            "Hub erreicht: gesendet 1 Scan, 2 Vor-Ort-Anmeldungen, 0 bearbeitete Felder; "
            "empfangen 1 Teilnehmer, 3 Leads."
        )
    with using_language("sv"):
        assert (
            RoundReport(reached=False, problem="timeout").summary().startswith("Hubben nåddes inte (timeout)")
        )
