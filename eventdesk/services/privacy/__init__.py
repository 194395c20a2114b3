"""Privacy the way an EU organiser must run an event (GDPR Art. 5, 15, 17, 30, 32).

Owns: the retention date and anonymising the event after it (`retention`, `anonymise`),
one person's erasure and their own data (`erase`, `person_data`), and the badge signing
key at rest (`keys`). The audit of exports lives one level down (`services.export_audit`)
because every exporting feature writes to it.

It reads and writes the tables directly and imports no other feature package.
"""
