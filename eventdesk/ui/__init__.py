"""The only package that imports PySide6: windows, views, dialogs and item models over services."""
