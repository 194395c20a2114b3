"""Use cases shared by the window and the CLI; each takes keyword arguments and returns data."""
