from datetime import date
from types import SimpleNamespace

import pytest
from django.db.models import Count, Q

from accounts.roles import Role
from accounts.testing import make_user
from core import registry
from custody import demo
from custody.models import Detention
from custody.sections import draft
from custody.testing import cheshire, detention_row, import_rows

pytestmark = pytest.mark.django_db


def obligation(published_on=date(2020, 2, 27)):
    """What the response editor passes: an obligation of the office, for a report published on a day."""
    return SimpleNamespace(body_id=cheshire().pk, report=SimpleNamespace(published_on=published_on))


@pytest.fixture
def demo_data():
    demo.load({"office": cheshire()})


def test_the_response_editor_can_insert_a_custody_section():
    assert any(source.key == "custody" for source in registry.response_sections)


def test_the_section_gives_the_four_quarters_before_the_report_with_the_rule(demo_data):
    title, body = draft(obligation(), make_user(username="officer", custody_access=True))
    assert title == "Children in police custody"
    assert "In January 2019 to December 2019," in body
    assert "were overnight under the rule “At least 4 hours between midnight and 8am”" in body
    assert "Transfers were least often achieved after requests to" in body


def test_the_section_is_suppressed_for_someone_without_the_permission(tmp_path):
    import_rows(tmp_path, [detention_row(arrived_at="2019-05-01 23:00", released_at="2019-05-02 06:00")])
    _, body = draft(obligation(), make_user(username="officer", role=Role.OPCC_OFFICER))
    assert "<5 detentions" in body


def test_the_section_is_controlled_even_when_its_drafter_may_read_the_records(tmp_path):
    """A response is published: its figures are the public ones, whoever drafts it."""
    import_rows(tmp_path, [detention_row(arrived_at="2019-05-01 23:00", released_at="2019-05-02 06:00")])
    _, body = draft(obligation(), make_user(username="analyst", custody_access=True))
    assert "<5 detentions" in body


def test_there_is_no_section_without_custody_data():
    assert draft(obligation(), make_user(username="officer")) is None


def test_the_demo_shows_the_four_authorities_visibly_different_in_transfers(demo_data):
    demo.load({"office": cheshire()})  # again: nothing changes
    detentions = Detention.objects.filter(office=cheshire())
    assert detentions.count() == demo.DEMO_ROWS
    rates = {
        row["transfer_authority__name"]: row["moved"] / row["asked"]
        for row in detentions.filter(transfer_requested_at__isnull=False)
        .values("transfer_authority__name")
        .annotate(asked=Count("pk"), moved=Count("pk", filter=Q(transferred_at__isnull=False)))
        if row["transfer_authority__name"]
        in {"Halton", "Warrington", "Cheshire East", "Cheshire West and Chester"}
    }
    assert len(rates) == 4
    assert max(rates.values()) - min(rates.values()) > 0.3
