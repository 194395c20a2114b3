"""The door: reading a scanned code, the check-in verdict, who is inside, and what the desks saw.

Owns the scan log's rules (every scan appended and committed before its verdict shows), the
attendance derived from it, the kiosk's staff PIN and the fire marshal's who-is-inside list.
The booth (exhibitor leads) reads codes with the same `code_reader`.
"""
