"""Exhibitor leads: scanning visitors at the booth, the kit a company takes away, and lead lists.

Consent rules all of it: contact details reach a company only for people who agreed.
`kit_info` is apart from `kits` so the window can ask whether a document is a kit without
loading the kit machinery.
"""
