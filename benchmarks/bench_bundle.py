"""Size of the desktop bundle on disk and as the archive people download.

Measures an existing PyInstaller build (`dist/eventdesk`, or the folder in
$EVENTDESK_BUNDLE_DIR); building it takes minutes, so this benchmark does not build, and
reports nothing when there is no build (`pyinstaller --noconfirm build.spec` first). The
archive is a tar.gz at gzip's default level, written to a temporary file. Baseline, in the
same run: the largest parts of the bundle, so a change shows where the size went.
"""

from __future__ import annotations

import os
import sys
import tarfile
import tempfile
from pathlib import Path

from benchmarks.table import Row

TARGET_DISK_MB = 250.0
TARGET_ARCHIVE_MB = 100.0
ROOT = Path(__file__).resolve().parent.parent


def _disk_bytes(folder: Path) -> int:
    """Blocks allocated, as `du` counts them (what the bundle takes on a disk)."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_blocks * 512
    return total


def _largest(folder: Path, count: int = 3) -> str:
    internal = folder / "_internal"
    parts = [
        (_disk_bytes(part) if part.is_dir() else part.lstat().st_blocks * 512, part.name)
        for part in internal.iterdir()
    ]
    return ", ".join(f"{name} {size / 2**20:.0f} MB" for size, name in sorted(parts, reverse=True)[:count])


def run(quick: bool) -> list[Row]:
    folder = Path(os.environ.get("EVENTDESK_BUNDLE_DIR", ROOT / "dist" / "eventdesk"))
    if not (folder / "_internal").is_dir():
        print(f"  bench_bundle: no bundle at {folder}; run `pyinstaller build.spec`", file=sys.stderr)
        return []
    disk_mb = _disk_bytes(folder) / 2**20
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as scratch:
        archive = Path(scratch) / "eventdesk.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder, arcname="eventdesk")
        archive_mb = archive.stat().st_size / 2**20
    largest = _largest(folder)
    return [
        Row(
            figure="Desktop bundle on disk (PyInstaller one-folder, Linux x86_64)",
            measured=f"{disk_mb:.0f} MB",
            target=f"≤ {TARGET_DISK_MB:.0f} MB",
            baseline=f"largest parts: {largest}",
            met=disk_mb <= TARGET_DISK_MB,
        ),
        Row(
            figure="Desktop bundle as a tar.gz archive",
            measured=f"{archive_mb:.0f} MB",
            target=f"≤ {TARGET_ARCHIVE_MB:.0f} MB",
            baseline=f"{disk_mb:.0f} MB unpacked",
            met=archive_mb <= TARGET_ARCHIVE_MB,
        ),
    ]
