"""The partnerships shipped as reference data: England's for the demo forces, Wales's regional boards."""

import pytest

from directory.models import Force, LocalAuthority, SafeguardingPartnership
from directory.services import load_reference_data

pytestmark = pytest.mark.django_db


def area(code):
    return SafeguardingPartnership.objects.in_force_area(Force.objects.get(code=code))


def test_cheshire_has_four_partnerships_one_for_each_local_authority():
    partnerships = area("cheshire")
    assert partnerships.count() == 4
    for partnership in partnerships:
        assert partnership.local_authorities.count() == 1
        assert partnership.kind == SafeguardingPartnership.Kind.CHILDREN_PARTNERSHIP
        assert [force.code for force in partnership.police_forces()] == ["cheshire"]
        assert "Integrated Care Board" in partnership.health_partner


def test_every_welsh_local_authority_is_in_exactly_one_regional_board():
    for authority in LocalAuthority.objects.filter(code__startswith="W06"):
        boards = authority.partnerships.all()
        assert [board.kind for board in boards] == [SafeguardingPartnership.Kind.REGIONAL_BOARD], authority
    assert SafeguardingPartnership.objects.filter(kind="regional-board").count() == 6


def test_the_four_welsh_forces_geography_through_their_boards():
    assert {board.name for board in area("south-wales")} == {
        "Cardiff and Vale of Glamorgan Regional Safeguarding Board",
        "Cwm Taf Morgannwg Safeguarding Board",
        "West Glamorgan Safeguarding Board",
    }
    assert [board.name for board in area("gwent")] == ["Gwent Safeguarding Board"]
    assert [board.name for board in area("north-wales")] == ["North Wales Safeguarding Board"]
    (mid_and_west,) = area("dyfed-powys")
    assert mid_and_west.local_authorities.count() == 4
    assert [force.code for force in mid_and_west.police_forces()] == ["dyfed-powys"]


def test_reloading_keeps_the_contacts_offices_filled_in():
    halton = SafeguardingPartnership.objects.get(name="Halton Safeguarding Children Partnership")
    halton.contact_email = "business.manager@halton.example.org"
    halton.save()
    outcome = load_reference_data()
    halton.refresh_from_db()
    assert halton.contact_email == "business.manager@halton.example.org"
    assert outcome["created"] == 0 and outcome["updated"] == 0
