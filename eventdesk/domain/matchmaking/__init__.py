"""Matchmaking: which attendee meets which company, at which table, in which slot.

Pure Python apart from OR-Tools (a solver library, not a SQL, PDF or Qt one). The modules
split the work the way the problem splits:

- `model`: the problem as the solver sees it (slots, people, tables, candidate pairs, locks).
- `slots`: turning a setup (first start, length, gap, breaks) into non-overlapping slots.
- `scoring`: how much a pair is worth (shared tags, ranked wishes, shortlists, imported scores).
- `checks`: bad input refused before solving, each with a message naming the conflict.
- `validator`: an independent check of any schedule against every rule.
- `flow`, `colouring`, `solver`: the exact b-matching, the slot colouring, and the pipeline.
- `edits`, `replan`: changes by hand and re-planning after no-shows.
- `greedy`: the greedy baseline benchmarks and tests compare against.
"""
