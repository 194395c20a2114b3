from __future__ import annotations

import subprocess
import sys

from alembic.script import ScriptDirectory

from eventdesk.persistence import migrations


def test_revisions_read_from_the_files_agree_with_alembic() -> None:
    script = ScriptDirectory.from_config(migrations._config())
    assert migrations.known_revisions() == frozenset(rev.revision for rev in script.walk_revisions())
    assert migrations.head_revisions() == frozenset(script.get_heads())
    assert len(migrations.head_revisions()) == 1, "migrations must form one line"


def test_opening_a_current_event_does_not_import_alembic(events) -> None:  # type: ignore[no-untyped-def]
    path = events.demo_path(attendees=5, companies=1)
    probe = (
        "import sys\n"
        "from eventdesk.persistence.document import EventDocument\n"
        f"EventDocument.open({str(path)!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
