"""A private CUPS server with a PDF printer, for the print-on-admit benchmark and tests.

It runs its own `cupsd` (Debian packages cups, cups-pdf) in a temporary folder, listening on
a Unix socket there only, so it neither needs nor disturbs a system CUPS; `CUPS_SERVER`
points libcups (and so Qt and lpstat) at it. The queue is `cups-pdf`'s virtual printer:
jobs are real spooled jobs (lpstat sees them), and the PDF comes out in a folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PRINTER = "eventdesk-badges"
CUPSD = "/usr/sbin/cupsd"
CUPS_PDF_PPD = ("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")


@dataclass
class CupsServer:
    folder: Path
    socket: Path
    process: subprocess.Popen[bytes]
    printer: str = PRINTER

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    def run(self, *command: str) -> str:
        done = subprocess.run(command, env=self.env(), capture_output=True, text=True, timeout=30)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)}: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout

    def queued_jobs(self) -> list[str]:
        """Job ids not yet completed, as `lpstat -o` lists them."""
        out = subprocess.run(
            ["lpstat", "-o", self.printer], env=self.env(), capture_output=True, text=True, timeout=30
        ).stdout
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def all_jobs(self) -> list[str]:
        out = subprocess.run(
            ["lpstat", "-W", "all", "-o", self.printer],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def pause(self) -> None:
        self.run("cupsdisable", "-r", "paused for a test", self.printer)

    def resume(self) -> None:
        self.run("cupsenable", self.printer)


def available() -> str | None:
    """Why a private CUPS cannot run here, or None when it can."""
    if not Path(CUPSD).exists() or shutil.which("lpadmin") is None:
        return "CUPS is not installed (Debian packages cups, cups-client)"
    if not any(Path(p).exists() for p in CUPS_PDF_PPD) or not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return "cups-pdf is not installed (Debian package printer-driver-cups-pdf / cups-pdf)"
    if os.geteuid() != 0:
        return "the cups-pdf backend needs a root-run cupsd"
    return None


@contextmanager
def cups_server(*, out_dir: Path | None = None) -> Iterator[CupsServer]:
    folder = Path(tempfile.mkdtemp(prefix="eventdesk-cups-"))
    out = out_dir or folder / "pdf"
    for sub in ("spool", "cache", "log", "run", "state", "pdf", "ppd"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    (folder / "spool").chmod(0o1777)
    out.chmod(0o1777)
    socket = folder / "run" / "cups.sock"
    (folder / "cupsd.conf").write_text(
        f"Listen {socket}\nLogLevel warn\nWebInterface No\nBrowsing No\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n</Policy>\n"
    )
    (folder / "cups-files.conf").write_text(
        f"ServerRoot {folder}\nRequestRoot {folder / 'spool'}\nCacheDir {folder / 'cache'}\n"
        f"StateDir {folder / 'state'}\nAccessLog {folder / 'log/access_log'}\n"
        f"ErrorLog {folder / 'log/error_log'}\nPageLog {folder / 'log/page_log'}\n"
        f"TempDir {folder / 'spool'}\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
        "Sandboxing Relaxed\nUser lp\nGroup lp\nSystemGroup root\n"
    )
    (folder / "cups-pdf.conf").write_text(f"Out {out}\nAnonDirName {out}\nUserUMask 0000\nGrp root\n")
    # cups-pdf reads the system's /etc/cups/cups-pdf.conf (its "Out" is ~/PDF for root): what
    # our jobs write there is removed afterwards, nothing else.
    written_to = Path.home() / "PDF"
    there_before = set(written_to.glob("*")) if written_to.is_dir() else set()
    process = subprocess.Popen(
        [CUPSD, "-f", "-c", str(folder / "cupsd.conf"), "-s", str(folder / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = CupsServer(folder, socket, process)
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"cupsd did not start: {process.stderr.read().decode() if process.stderr else ''}"
                )
            time.sleep(0.05)
        ppd = next(p for p in CUPS_PDF_PPD if Path(p).exists())
        server.run("lpadmin", "-p", PRINTER, "-E", "-v", "cups-pdf:/", "-P", ppd)
        server.run("lpadmin", "-d", PRINTER)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if not os.environ.get("EVENTDESK_KEEP_CUPS"):
            shutil.rmtree(folder, ignore_errors=True)
            if written_to.is_dir():
                for path in set(written_to.glob("*")) - there_before:
                    path.unlink(missing_ok=True)
