"""The RAG and lateness rules: the database's list and the Python rule agree for every case."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracking import queries, rules
from tracking.models import Action, Category, Rag
from tracking.testing import make_action

TODAY = date(2026, 11, 26)


def test_the_rule_in_words_and_in_code():
    assert rules.derived_rag(category=Category.CLOSED, target_on=None, progress=0, today=TODAY) == Rag.GREEN
    assert rules.derived_rag(category=Category.OPEN, target_on=None, progress=0, today=TODAY) == Rag.AMBER
    assert (
        rules.derived_rag(category=Category.OPEN, target_on=TODAY - timedelta(1), progress=90, today=TODAY)
        == Rag.RED
    )
    soon = TODAY + timedelta(days=10)
    assert rules.derived_rag(category=Category.OPEN, target_on=soon, progress=10, today=TODAY) == Rag.AMBER
    assert rules.derived_rag(category=Category.OPEN, target_on=soon, progress=80, today=TODAY) == Rag.GREEN


@pytest.mark.django_db
@settings(max_examples=25, deadline=None)
@given(
    category=st.sampled_from(Category.values),
    offset=st.one_of(st.none(), st.integers(-60, 60)),
    progress=st.integers(0, 100),
    waiting=st.booleans(),
    extended=st.booleans(),
)
def test_the_database_computes_the_same_rag_and_lateness(category, offset, progress, waiting, extended):
    target = None if offset is None else TODAY + timedelta(days=offset)
    original = target - timedelta(days=45) if target and extended else target
    action = make_action(
        category=category,
        target_on=target,
        original_target_on=original,
        progress=progress,
        waiting_on="Another body" if waiting else "",
    )
    row = queries.with_rag(Action.objects.filter(pk=action.pk), TODAY).get()
    assert row.rule_rag == rules.derived_rag(
        category=category, target_on=target, progress=progress, today=TODAY
    )
    for rag in Rag.values:
        listed = Action.objects.filter(pk=action.pk).filter(queries.rag_filter(rag, TODAY)).exists()
        assert listed == (row.rule_rag == rag), rag
    kind = queries.lateness(row, TODAY).kind
    for key in ("overdue", "extension-agreed", "partially-complete", "waiting"):
        listed = Action.objects.filter(pk=action.pk).filter(queries.late_filter(key, TODAY)).exists()
        assert listed == (kind == key), key


@pytest.mark.django_db
def test_an_override_decides_which_rag_filter_lists_the_action():
    late = make_action(category=Category.OPEN, target_on=TODAY - timedelta(days=3), rag_override=Rag.GREEN)
    for rag in Rag.values:
        listed = Action.objects.filter(pk=late.pk).filter(queries.rag_filter(rag, TODAY)).exists()
        assert listed == (rag == Rag.GREEN), rag
