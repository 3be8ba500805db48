"""Response matching on the labelled pairs: it must not fall below the level reached (baseline.json)."""

import json

import pytest

from reports.services import force_names
from responses.match_scoring import PAIRS, labelled_pairs, score_pairs


@pytest.fixture(scope="module")
def score():
    return score_pairs(forces=force_names())


def test_there_are_labelled_pairs_in_several_shapes():
    assert len(labelled_pairs()) >= 6


def test_matching_and_stance_accuracy_hold(score):
    baseline = json.loads((PAIRS / "baseline.json").read_text())
    assert score.matching_accuracy >= baseline["matching_accuracy"], "\n".join(score.misses)
    assert score.stance_accuracy >= baseline["stance_accuracy"], "\n".join(score.misses)
