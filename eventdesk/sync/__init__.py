"""Several desks, one event: the hub, the join code, and the desks' replicas kept in sync.

Drawn like pretix's libpretixsync: what goes up, what comes down and the cursor live here; the
door's decision lives in the check-in services; no widget talks to the network.
"""
