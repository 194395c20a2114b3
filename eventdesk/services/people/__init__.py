"""Attendees and companies after import: the lists the screens show, edits and exports.

Every edit is one undoable step (`edit`); the lists are lean read-only rows for tables of
50,000 people (`lists`). Finding a person as one types is `services.search`, shared with the
door and the booth.
"""
