"""`eventdesk host EVENT` as a script uses it: a JSON join code, a hub, Ctrl+C updates the file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine
from sqlmodel import Session

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Company
from eventdesk.services.events import event_stats
from eventdesk.sync.connect import verify_hub
from eventdesk.sync.join_code import JoinCode


def test_host_serves_until_interrupted_and_leaves_the_file_current(events, tmp_path):
    event_path = events.demo_path(attendees=80, companies=6, seed=11)
    process = subprocess.Popen(
        [sys.executable, "-m", "eventdesk", "host", str(event_path), "--listen", "127.0.0.1",
         "--address", "127.0.0.1", "--port", "0", "--no-announce", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )  # fmt: skip
    try:
        printed = json.loads(process.stdout.readline())
        code = JoinCode.decode(printed["join_code"])
        assert (code.host, printed["port"]) == ("127.0.0.1", code.port)
        url, args = verify_hub(code, certificate_folder=tmp_path)
        engine = create_engine(url, connect_args=args)
        with Session(engine) as session:
            session.add(Company(name="Added at a desk GmbH"))
            session.commit()
        engine.dispose()
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "is complete and current" in err
    doc = EventDocument.open(Path(event_path))
    try:
        assert event_stats(doc=doc).companies == 7
    finally:
        doc.close()
