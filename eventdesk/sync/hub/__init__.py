"""The managed hub: a PostgreSQL that eventdesk starts on the organiser's laptop for one event.

`binaries` finds a PostgreSQL to run, `certificate` makes the event's TLS certificate,
`tls_front` is the only port the LAN sees, `server` puts them together (start, copy the event
in, join code, stop and copy it back), `announce` tells desks on the LAN where it is.
"""
