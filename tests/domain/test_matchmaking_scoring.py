"""Pair scores: shared tags, ranked wishes, shortlists, imported scores, weights and modes."""

from __future__ import annotations

from eventdesk.domain.matchmaking.model import to_points
from eventdesk.domain.matchmaking.scoring import (
    ScoreMode,
    Side,
    TagRule,
    Weights,
    WishSpec,
    score_pairs,
    shared_tags,
)

INTERESTS = {1: ["Bioinformatics", "Regulatory affairs"], 2: ["Cell therapy"], 3: ["Quality assurance"]}
HIRING = {10: ["bioinformatics", "Cell Therapy"], 20: ["Regulatory Affairs", "Bioinformatics"], 30: ["Sales"]}


def test_shared_tags_count_whatever_the_spelling() -> None:
    scoring = score_pairs(interests=INTERESTS, hiring=HIRING)
    assert scoring.points == {(1, 10): to_points(1), (1, 20): to_points(2), (2, 10): to_points(1)}
    assert shared_tags(INTERESTS[1], HIRING[20]) == ["Regulatory Affairs", "Bioinformatics"]


def test_tag_rules_choose_which_tags_count() -> None:
    only = score_pairs(interests=INTERESTS, hiring=HIRING, rule=TagRule(only=frozenset({"bioinformatics"})))
    assert only.points == {(1, 10): 100, (1, 20): 100}
    ignored = score_pairs(
        interests=INTERESTS, hiring=HIRING, rule=TagRule(ignored=frozenset({"bioinformatics"}))
    )
    assert (1, 10) not in ignored.points and ignored.points[(1, 20)] == 100


def test_ranked_wishes_first_choice_counts_most_and_weights_apply() -> None:
    wishes = [
        WishSpec(3, 10, rank=1),
        WishSpec(3, 20, rank=2),
        WishSpec(3, 30, rank=4),
        WishSpec(3, 30, side=Side.COMPANY),
    ]
    scoring = score_pairs(interests=INTERESTS, hiring=HIRING, wishes=wishes, weights=Weights(attendee_wish=4))
    assert scoring.points[(3, 10)] == to_points(4)
    assert scoring.points[(3, 20)] == to_points(3)
    # Last of four ranks (1/4 of 4) plus the company's shortlist (3).
    assert scoring.points[(3, 30)] == to_points(1 + 3)


def test_modes_tags_only_and_imported_only() -> None:
    wishes = [WishSpec(2, 30, score=7.5), WishSpec(2, 20, rank=1)]
    tags = score_pairs(interests=INTERESTS, hiring=HIRING, wishes=wishes, mode=ScoreMode.TAGS)
    assert tags.points == {(1, 10): 100, (1, 20): 200, (2, 10): 100}
    imported = score_pairs(interests=INTERESTS, hiring=HIRING, wishes=wishes, mode=ScoreMode.IMPORTED)
    assert imported.points == {(2, 30): 750}


def test_never_pairs_are_not_candidates_and_must_pairs_always_are() -> None:
    wishes = [WishSpec(1, 20, never=True), WishSpec(3, 30, must=True, side=Side.COMPANY)]
    scoring = score_pairs(
        interests=INTERESTS, hiring=HIRING, wishes=wishes, weights=Weights(company_shortlist=0)
    )
    assert (1, 20) not in scoring.points and scoring.never == {(1, 20)}
    assert scoring.points[(3, 30)] == 0 and scoring.must == {(3, 30)}


def test_only_the_best_candidates_per_attendee_are_kept() -> None:
    hiring = {c: ["Bioinformatics"] * 1 + (["Cell therapy"] if c % 2 else []) for c in range(1, 21)}
    interests = {1: ["Bioinformatics", "Cell therapy"]}
    scoring = score_pairs(interests=interests, hiring=hiring, candidates_per_attendee=5)
    assert sorted(c for _, c in scoring.points) == [1, 3, 5, 7, 9]
    assert scoring.candidates_dropped == 15
