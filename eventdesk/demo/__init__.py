"""Made-up but realistic career fairs for the first run, tests and benchmarks.

Sample data is not the fair's rules, so it lives beside the domain rather than in it; it is
pure Python (no SQL, no Qt). `eventdesk.services.demo` writes a plan from here to a document.
"""
