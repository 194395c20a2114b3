"""Speed-interview matchmaking: the setup, the plan, hand edits on the grid, and its printouts.

`plan` reads the problem from the event and generates or re-plans the schedule; `edits` and
`drops` are the grid's hand edits and the questions asked while dragging; `view` and
`overview` are what the screens read; `exports` prints and exports it. Wishes and
availability come in through the shared importer (`services.importing`, kinds `wishes` and
`availability`).
"""
