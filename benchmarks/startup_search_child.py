"""Child of bench_startup: start the app on EVENT, and once the window is usable, click
Attendees (as a person would) and wait until its search box answers.

Prints `window W search S cpu C`: W seconds from process start to the usable window (the
same moment `--exit-when-ready` reports), S seconds from then until the list's search is
ready, and C the CPU seconds of all the process's threads in that time (on a loaded machine
the wall clock says more about the neighbours than about eventdesk).
"""

from __future__ import annotations

import os
import sys
import time


def main() -> None:
    from eventdesk import startup_gc

    startup_gc.hold()  # as `eventdesk open` does
    from eventdesk.app import create_application, main_window, seconds_since_start

    event = sys.argv[1]
    app = create_application()
    window = main_window(event)
    marks: dict[str, float] = {}

    def usable() -> None:
        search = time.perf_counter() - marks["shown"]
        cpu = time.process_time() - marks["cpu"]
        print(f"window {marks['window']:.3f} search {search:.3f} cpu {cpu:.3f}", flush=True)
        os._exit(0)

    def ready() -> None:
        marks["window"] = seconds_since_start()
        marks["shown"] = time.perf_counter()
        marks["cpu"] = time.process_time()
        assert window.event_view is not None
        screen = window.event_view.show_screen("attendees")
        search = screen.search  # type: ignore[attr-defined]
        if search.is_ready:
            usable()
        search.ready.connect(usable)

    window.event_ready.connect(ready)
    window.open_failed.connect(lambda message: (print(message, file=sys.stderr), os._exit(2)))
    window.open_event(event)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
