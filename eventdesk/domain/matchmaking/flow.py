"""Which pairs meet: a weighted b-matching solved as a min-cost flow (OR-Tools).

source → attendee (capacity: meetings the person may still have) → company (one unit per
candidate pair, cost = −points) → sink (capacity: the company's free table-slots), plus a
source → sink bypass so that the flow is free to leave capacity unused when no pair is
worth it.

The `fair` objective is a per-attendee stepped bonus on the source arcs: the k-th meeting of
a person earns `(K − k + 1)·G` on top of the pair's points, with G one more than the best
pair's points. Why that realises "first as many people as possible with one meeting, then
with two, …, then the total score" exactly, with numbers that stay small:

* The degree vectors of feasible b-matchings form an integral polymatroid, and the best
  score for a given degree vector, g(d), is an M♮-concave function of d (a network flow's
  value as a function of its supplies). Adding the stepped bonus, a separable concave
  function, keeps it M♮-concave, so a schedule that no single step improves — add a
  meeting for one person, drop one, or move one from one person to another — is optimal.
* One step changes the count of people with ≥ k meetings at no more than two levels, and
  changes g by at most the best pair's points (an augmenting path gains at most its first
  edge at an optimum). With a gap G > max points between consecutive levels, a step
  improves the weighted objective exactly when it improves the lexicographic one.

So the weighted optimum and the lexicographic optimum have the same local-optimality
conditions, hence the same optima. Tests check this against a lexicographic ILP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.graph.python.min_cost_flow import SimpleMinCostFlow


def fair_bonuses(max_meetings: int, best_points: int) -> list[int]:
    """The bonus of each person's 1st, 2nd, … meeting (index 0 is the first)."""
    step = best_points + 1
    return [(max_meetings - k) * step for k in range(max_meetings)]


@dataclass(frozen=True)
class FlowResult:
    chosen: list[int]
    """Indexes of the selected edges."""
    value: int
    """Sum of the chosen edges' gains plus the bonuses of the meetings they add."""


def best_b_matching(
    *,
    attendee_caps: Sequence[int],
    attendee_levels: Sequence[int],
    company_caps: Sequence[int],
    edge_attendee: Sequence[int],
    edge_company: Sequence[int],
    edge_gain: Sequence[int],
    level_bonus: Sequence[int] | None = None,
) -> FlowResult:
    """The b-matching with the greatest gain; attendees and companies are 0-based indexes.

    `attendee_levels[i]` counts meetings person i already has (locked, must-meet): their
    extra meetings earn the bonuses from that level on.
    """
    n_att = len(attendee_caps)
    if not edge_gain:
        return FlowResult([], 0)
    source, sink = 0, 1
    att_node = 2
    comp_node = 2 + n_att
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arc(tail: int, head: int, capacity: int, cost: int) -> None:
        tails.append(tail)
        heads.append(head)
        caps.append(capacity)
        costs.append(cost)

    for i, cap in enumerate(attendee_caps):
        if cap <= 0:
            continue
        if level_bonus is None:
            arc(source, att_node + i, cap, 0)
        else:
            level = attendee_levels[i]
            for k in range(level, level + cap):
                arc(source, att_node + i, 1, -level_bonus[k])
    first_edge_arc = len(tails)
    tails.extend(att_node + a for a in edge_attendee)
    heads.extend(comp_node + c for c in edge_company)
    caps.extend([1] * len(edge_gain))
    costs.extend(-g for g in edge_gain)
    for j, cap in enumerate(company_caps):
        if cap > 0:
            arc(comp_node + j, sink, cap, 0)
    total = sum(c for c in attendee_caps if c > 0)
    arc(source, sink, total, 0)

    # One call per arc and per node, not OR-Tools' array methods (add_arcs_…, flows,
    # set_nodes_supplies): those take and return numpy arrays, and numpy (42 MB) would be in
    # the desktop bundle for them alone. Adding 40,000 arcs one by one costs ~15 ms.
    flow = SimpleMinCostFlow()
    add_arc = flow.add_arc_with_capacity_and_unit_cost
    for arc_args in zip(tails, heads, caps, costs, strict=True):
        add_arc(*arc_args)
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    units = flow.flow
    chosen = [i for i in range(len(edge_gain)) if units(first_edge_arc + i)]
    return FlowResult(chosen, -int(flow.optimal_cost()))
