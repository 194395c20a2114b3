"""Pure-Python rules of a career fair: no Qt, no SQL, no PDF library.

Everything here can be imported and tested on a machine without a display or a database.
"""
