"""The built-in user guide: a page per role (desk, organiser, exhibitor), opened with F1.

Volunteers at a desk have no manual and no network; the guide is in the app, short, and
lists the keyboard shortcuts of the screens that role uses.
"""
