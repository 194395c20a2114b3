"""How much a meeting between an attendee and a company is worth.

A pair's score adds up what the organiser chose to count (the score mode) with weights they
can tune: each shared tag (the attendee's interests against the company's hiring tags, both
read through the taxonomy's canonical names), the attendee's ranked wish, the company's
shortlist, and a score imported from elsewhere. Ranks turn into a value between 0 and 1 so
that a long wish list does not outweigh a short one: first choice is worth 1, the last of R
ranked choices 1/R.

Only the best `candidates_per_attendee` pairs of each person are handed to the solver (plus
their must-meet pairs): nobody is helped by a meeting with the 90th company on their list,
and it keeps the flow graph small enough to solve in well under a second.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from eventdesk.domain.matchmaking.model import Pair, to_points
from eventdesk.domain.text import fold


class ScoreMode(StrEnum):
    COMBINED = "combined"
    TAGS = "tags"
    IMPORTED = "imported"


class Side(StrEnum):
    """Whose wish it is: the attendee's wish list or the company's shortlist."""

    ATTENDEE = "attendee"
    COMPANY = "company"


@dataclass(frozen=True)
class Weights:
    shared_tag: float = 1.0
    attendee_wish: float = 3.0
    company_shortlist: float = 3.0
    imported: float = 1.0

    def as_dict(self) -> dict[str, float]:
        return {
            "shared_tag": self.shared_tag,
            "attendee_wish": self.attendee_wish,
            "company_shortlist": self.company_shortlist,
            "imported": self.imported,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, float] | None) -> Weights:
        known = cls().as_dict()
        values = {k: float(v) for k, v in (data or {}).items() if k in known}
        return cls(**values)


@dataclass(frozen=True)
class TagRule:
    """Which tags count: `only` (empty: all of them) minus `ignored`, in canonical form."""

    only: frozenset[str] = frozenset()
    ignored: frozenset[str] = frozenset()

    def counts(self, tag: str) -> bool:
        return tag not in self.ignored and (not self.only or tag in self.only)


@dataclass(frozen=True)
class WishSpec:
    attendee: int
    company: int
    side: Side = Side.ATTENDEE
    score: float | None = None
    rank: int | None = None
    must: bool = False
    never: bool = False


@dataclass(frozen=True)
class Scoring:
    points: dict[Pair, int]
    must: frozenset[Pair]
    never: frozenset[Pair]
    candidates_dropped: int = 0
    notes: tuple[str, ...] = field(default=())


Normaliser = Callable[[str], str]


def canonical_tags(tags: Iterable[str], normalise: Normaliser, rule: TagRule) -> frozenset[str]:
    out = set()
    for tag in tags:
        key = normalise(tag)
        if key and rule.counts(key):
            out.add(key)
    return frozenset(out)


def shared_tags(
    interests: Iterable[str],
    hiring: Iterable[str],
    *,
    normalise: Normaliser = fold,
    rule: TagRule = TagRule(),
) -> list[str]:
    """The company's own spelling of each tag both sides share: the "why" on a printout."""
    wanted = canonical_tags(interests, normalise, rule)
    seen: set[str] = set()
    out = []
    for tag in hiring:
        key = normalise(tag)
        if key in wanted and key not in seen:
            seen.add(key)
            out.append(tag)
    return out


def score_pairs(
    *,
    interests: Mapping[int, Collection[str]],
    hiring: Mapping[int, Collection[str]],
    wishes: Sequence[WishSpec] = (),
    weights: Weights = Weights(),
    mode: ScoreMode = ScoreMode.COMBINED,
    rule: TagRule = TagRule(),
    normalise: Normaliser = fold,
    candidates_per_attendee: int = 15,
) -> Scoring:
    """Candidate pairs with their points, for the attendees in `interests`."""
    scores: dict[Pair, float] = defaultdict(float)
    if mode in (ScoreMode.COMBINED, ScoreMode.TAGS) and weights.shared_tag:
        _add_tag_overlap(scores, interests, hiring, weights.shared_tag, rule, normalise)
    must: set[Pair] = set()
    never: set[Pair] = set()
    ranked: dict[tuple[Side, int], list[WishSpec]] = defaultdict(list)
    for wish in wishes:
        if wish.attendee not in interests or wish.company not in hiring:
            continue
        pair = (wish.attendee, wish.company)
        if wish.never:
            never.add(pair)
        if wish.must:
            must.add(pair)
        if wish.score is not None and mode in (ScoreMode.COMBINED, ScoreMode.IMPORTED):
            scores[pair] += weights.imported * wish.score
        if mode is ScoreMode.COMBINED:
            owner = wish.attendee if wish.side is Side.ATTENDEE else wish.company
            ranked[(wish.side, owner)].append(wish)
    if mode is ScoreMode.COMBINED:
        for (side, _owner), own in ranked.items():
            weight = weights.attendee_wish if side is Side.ATTENDEE else weights.company_shortlist
            worst = max((w.rank for w in own if w.rank is not None), default=1)
            for wish in own:
                if wish.rank is None and wish.score is not None:
                    continue  # a bare imported score, not a wish
                value = 1.0 if wish.rank is None else (worst + 1 - min(wish.rank, worst)) / worst
                scores[(wish.attendee, wish.company)] += weight * value
    return _select_candidates(scores, must, never, candidates_per_attendee)


def _add_tag_overlap(
    scores: dict[Pair, float],
    interests: Mapping[int, Collection[str]],
    hiring: Mapping[int, Collection[str]],
    weight: float,
    rule: TagRule,
    normalise: Normaliser,
) -> None:
    """Counted through a tag → companies index: people have a handful of tags, not 120."""
    by_tag: dict[str, list[int]] = defaultdict(list)
    for company, tags in hiring.items():
        for tag in canonical_tags(tags, normalise, rule):
            by_tag[tag].append(company)
    for attendee, tags in interests.items():
        for tag in canonical_tags(tags, normalise, rule):
            for company in by_tag.get(tag, ()):
                scores[(attendee, company)] += weight


def _select_candidates(
    scores: Mapping[Pair, float], must: set[Pair], never: set[Pair], per_attendee: int
) -> Scoring:
    by_attendee: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (attendee, company), score in scores.items():
        points = to_points(score)
        if points > 0 and (attendee, company) not in never:
            by_attendee[attendee].append((points, company))
    chosen: dict[Pair, int] = {}
    dropped = 0
    for attendee, options in by_attendee.items():
        # Ties go to the lower company id so that the same event always gives the same list.
        best = heapq.nsmallest(per_attendee, options, key=lambda pc: (-pc[0], pc[1]))
        dropped += len(options) - len(best)
        chosen.update(((attendee, company), points) for points, company in best)
    for pair in must:
        if pair not in never:
            chosen.setdefault(pair, max(0, to_points(scores.get(pair, 0.0))))
    return Scoring(chosen, frozenset(must), frozenset(never), dropped)
