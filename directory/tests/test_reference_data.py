from datetime import date

import pytest

from directory.models import Force, Inspectorate, LocalAuthority, LocalPolicingBody, ReferenceDataVersion
from directory.services import REFERENCE_FILE, ReferenceDataError, load_reference_data, read_reference_file

pytestmark = pytest.mark.django_db


def test_it_ships_all_43_territorial_forces():
    assert Force.objects.count() == 43
    assert Force.objects.filter(country="Wales").count() == 4


def test_every_force_has_exactly_one_current_body_and_at_least_one_local_authority():
    for force in Force.objects.all():
        assert force.bodies.current().count() == 1, force
        assert force.local_authorities.exists(), force


def test_cheshire_lists_its_four_local_authorities():
    names = set(Force.objects.get(code="cheshire").local_authorities.values_list("name", flat=True))
    assert names == {"Cheshire East", "Cheshire West and Chester", "Halton", "Warrington"}


def test_bodies_are_dated_so_the_one_in_office_on_a_day_can_be_found():
    north_yorkshire = Force.objects.get(code="north-yorkshire")
    assert north_yorkshire.body_on(date(2020, 2, 27)).kind == LocalPolicingBody.Kind.PFCC
    assert north_yorkshire.body_on(date(2025, 1, 1)).kind == LocalPolicingBody.Kind.MAYOR
    assert Force.objects.get(code="cheshire").body_on(date(2020, 2, 27)).kind == LocalPolicingBody.Kind.PCC
    assert Force.objects.get(code="metropolitan").bodies.current().get().kind == LocalPolicingBody.Kind.MOPAC


def test_the_local_policing_body_types_match_the_domain_brief():
    current = {
        body.force.code: body.kind for body in LocalPolicingBody.objects.current().select_related("force")
    }
    assert {code for code, kind in current.items() if kind == "mayor"} == {
        "greater-manchester",
        "west-yorkshire",
        "south-yorkshire",
        "north-yorkshire",
    }
    assert {code for code, kind in current.items() if kind == "pfcc"} == {
        "cumbria",
        "essex",
        "northamptonshire",
        "staffordshire",
    }
    assert current["city-of-london"] == "city-of-london"


def test_bodies_of_a_force_never_overlap():
    for force in Force.objects.all():
        bodies = list(force.bodies.order_by("starts_on"))
        for earlier, later in zip(bodies, bodies[1:], strict=False):
            assert earlier.ends_on is not None and earlier.ends_on < later.starts_on, force


def test_the_inspectorates_are_there():
    assert set(Inspectorate.objects.values_list("code", flat=True)) >= {
        "hmicfrs",
        "ofsted",
        "cqc",
        "hmi-probation",
        "hmi-prisons",
    }


def test_the_file_names_its_sources_and_version():
    header = REFERENCE_FILE.read_text().split("\n[[", 1)[0]
    assert "Sources" in header or "sources" in header
    assert read_reference_file()["version"]


def test_loading_again_changes_nothing():
    versions = ReferenceDataVersion.objects.count()
    outcome = load_reference_data()
    assert outcome["created"] == 0 and outcome["updated"] == 0
    assert ReferenceDataVersion.objects.count() == versions


def test_loading_restores_a_row_someone_changed():
    LocalAuthority.objects.filter(code="E06000007").update(name="Changed")
    outcome = load_reference_data()
    assert outcome["updated"] == 1
    assert LocalAuthority.objects.get(code="E06000007").name == "Warrington"


def test_a_bad_file_is_refused_with_its_name_and_nothing_changes(tmp_path):
    broken = tmp_path / "reference.toml"
    broken.write_text(REFERENCE_FILE.read_text().replace('forces = ["cheshire"]', 'forces = ["atlantis"]', 1))
    before = LocalAuthority.objects.get(code="E06000049").forces.count()
    with pytest.raises(ReferenceDataError, match=r"reference\.toml.*atlantis"):
        load_reference_data(broken)
    assert LocalAuthority.objects.get(code="E06000049").forces.count() == before


def test_a_file_that_is_not_toml_is_refused(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("version = \n")
    with pytest.raises(ReferenceDataError, match="broken.toml: not valid TOML"):
        load_reference_data(broken)
