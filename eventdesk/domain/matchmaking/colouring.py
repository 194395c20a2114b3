"""Giving chosen pairs a slot and a table: bipartite edge colouring by alternating paths.

Each company table is a node of its own, so a node meets at most one person per slot and a
slot is a colour. A bipartite graph whose nodes have degree ≤ Δ can be edge-coloured with Δ
colours (König); the constructive proof is the algorithm: to colour edge (a, t), take a
colour α free at a and β free at t; if α is also free at t, use it; otherwise swap α and β
along the alternating path that starts at t with its α-edge. In a bipartite graph that path
never reaches a, so afterwards α is free at both ends. With at most `slots` meetings per
attendee and per table this colours every edge: the flow's pairs all get a slot.

Availability windows and locked meetings turn this into *list* edge colouring, which has
no such guarantee. The same swaps are tried, refused when they would move a meeting into a
slot someone cannot attend or would move a locked one, from both ends of the edge and on
every table of the company; an edge that still does not fit is handed back for repair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

FREE = -1


@dataclass
class SlotBoard:
    """Who sits where: per attendee the table node in each slot, per table node the attendee."""

    slots: int
    table_company: list[int]
    """Company id of each table node."""
    table_number: list[int]
    """Table number (from 1, within its company) of each table node."""
    company_tables: dict[int, list[int]]
    attendee_ok: Mapping[int, Sequence[bool]]
    company_ok: Mapping[int, Sequence[bool]]
    at_attendee: dict[int, list[int]] = field(default_factory=dict)
    at_table: list[list[int]] = field(default_factory=list)
    fixed: set[tuple[int, int]] = field(default_factory=set)
    """(table node, slot) of meetings that must not move (locked, or already placed by hand)."""

    @classmethod
    def build(
        cls,
        *,
        slots: int,
        tables: Mapping[int, int],
        attendee_ok: Mapping[int, Sequence[bool]],
        company_ok: Mapping[int, Sequence[bool]],
    ) -> SlotBoard:
        table_company: list[int] = []
        table_number: list[int] = []
        company_tables: dict[int, list[int]] = {}
        for company, count in tables.items():
            nodes = []
            for number in range(1, count + 1):
                nodes.append(len(table_company))
                table_company.append(company)
                table_number.append(number)
            company_tables[company] = nodes
        board = cls(slots, table_company, table_number, company_tables, attendee_ok, company_ok)
        board.at_table = [[FREE] * slots for _ in table_company]
        return board

    def row(self, attendee: int) -> list[int]:
        row = self.at_attendee.get(attendee)
        if row is None:
            row = self.at_attendee[attendee] = [FREE] * self.slots
        return row

    def node(self, company: int, table: int) -> int:
        return self.company_tables[company][table - 1]

    def put(self, attendee: int, node: int, slot: int, *, fixed: bool = False) -> None:
        self.row(attendee)[slot] = node
        self.at_table[node][slot] = attendee
        if fixed:
            self.fixed.add((node, slot))

    def load(self, node: int) -> int:
        return sum(1 for a in self.at_table[node] if a != FREE)

    def placements(self) -> Iterable[tuple[int, int, int, int]]:
        """(slot, company, table number, attendee) of every meeting on the board."""
        for node, row in enumerate(self.at_table):
            for slot, attendee in enumerate(row):
                if attendee != FREE:
                    yield slot, self.table_company[node], self.table_number[node], attendee

    # -- placing one meeting ---------------------------------------------------------------

    def place(self, attendee: int, company: int, prefer: tuple[int, int] | None = None) -> bool:
        """Seat the pair somewhere, swapping others along alternating paths if needed."""
        a_ok, c_ok = self.attendee_ok[attendee], self.company_ok[company]
        row = self.row(attendee)
        allowed = [s for s in range(self.slots) if a_ok[s] and c_ok[s]]
        nodes = sorted(self.company_tables[company], key=self.load)
        if prefer is not None:
            slot, table = prefer
            node = self.node(company, table) if 1 <= table <= len(nodes) else None
            if (
                node is not None
                and slot in allowed
                and row[slot] == FREE
                and self.at_table[node][slot] == FREE
            ):
                self.put(attendee, node, slot)
                return True
        for node in nodes:
            for slot in allowed:
                if row[slot] == FREE and self.at_table[node][slot] == FREE:
                    self.put(attendee, node, slot)
                    return True
        free_a = [s for s in allowed if row[s] == FREE]
        for node in nodes:
            free_t = [s for s in range(self.slots) if c_ok[s] and self.at_table[node][s] == FREE]
            # α free at the attendee: clear it at the table by swapping α/β from the table.
            for alpha in free_a:
                for beta in free_t:
                    if self._swap_path(start_table=node, first=alpha, second=beta):
                        self.put(attendee, node, alpha)
                        return True
            # β free at the table: clear it at the attendee by swapping β/α from the attendee.
            for beta in free_t:
                if beta not in allowed:
                    continue
                for alpha in free_a:
                    if self._swap_path(start_attendee=attendee, first=beta, second=alpha):
                        self.put(attendee, node, beta)
                        return True
        return False

    def _swap_path(
        self, *, first: int, second: int, start_table: int | None = None, start_attendee: int | None = None
    ) -> bool:
        """Swap colours `first`/`second` along the path leaving the start by its `first` edge.

        Refused (and nothing changed) when a meeting on the path is fixed or would land in a
        slot one of its two sides cannot attend.
        """
        path: list[tuple[int, int, int]] = []  # (attendee, table node, current slot)
        colour, other = first, second
        if start_table is not None:
            at_left, node = False, start_table
            attendee = FREE
        else:
            assert start_attendee is not None
            at_left, attendee = True, start_attendee
            node = FREE
        while True:
            if at_left:
                node = self.row(attendee)[colour]
                if node == FREE:
                    break
            else:
                attendee = self.at_table[node][colour]
                if attendee == FREE:
                    break
            if (node, colour) in self.fixed:
                return False
            if not (self.attendee_ok[attendee][other] and self.company_ok[self.table_company[node]][other]):
                return False
            path.append((attendee, node, colour))
            at_left = not at_left
            colour, other = other, colour
        for attendee, node, slot in path:
            self.row(attendee)[slot] = FREE
            self.at_table[node][slot] = FREE
        for attendee, node, slot in path:
            new = second if slot == first else first
            self.put(attendee, node, new)
        return True


def colour_pairs(
    board: SlotBoard,
    pairs: Sequence[tuple[int, int]],
    *,
    prefer: Mapping[tuple[int, int], tuple[int, int]] | None = None,
    check: Callable[[int], None] | None = None,
) -> list[tuple[int, int]]:
    """Place the pairs in the given order; returns those that could not be placed."""
    prefer = prefer or {}
    left = []
    for n, (attendee, company) in enumerate(pairs):
        if check is not None and n % 256 == 0:
            check(n)
        if not board.place(attendee, company, prefer.get((attendee, company))):
            left.append((attendee, company))
    return left
