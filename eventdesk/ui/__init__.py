"""The only package that imports PySide6: windows, views, dialogs and item models over services."""

from eventdesk.ui import pyside_import_scan

# First thing with Qt: every module imported from here on is scanned by PySide6 (see there).
pyside_import_scan.install()
