"""Badges as the organiser handles them: who gets one, batches to PDF, print records, reprints.

The PDF drawing itself is `eventdesk.exports.badges`; this package decides who and records
what was printed, in the same transaction that finishes the file.
"""
