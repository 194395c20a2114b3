"""`python -m eventdesk` behaves exactly like the `eventdesk` command."""

from __future__ import annotations

import sys

from eventdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
