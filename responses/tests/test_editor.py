from datetime import date

import pytest

from accounts.roles import Role
from accounts.testing import make_user
from core.testing import check_page, get_page
from directory.models import ReportType
from reports.services import FindingInput, create_report
from responses.models import ResponseObligation, ResponseSection
from responses.services import ApprovalRefused, approve, office_settings, prepare_response

pytestmark = pytest.mark.django_db


def colleague(client):
    """The same client, signed in now as another officer of the office: a different person approves."""
    client.force_login(make_user(username="colleague", role=Role.OPCC_OFFICER))
    return client


@pytest.fixture
def obligation():
    report = create_report(
        title="Thematic",
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=date(2020, 2, 27),
        inspectorates=[],
        all_forces=True,
        findings=[
            FindingInput("recommendation", "Recommendation 1", "Chief constables should do one thing."),
            FindingInput("recommendation", "Recommendation 2", "Chief constables should do another."),
            FindingInput("area-for-improvement", "AFI 1", "The force should improve."),
        ],
    )
    return report.obligations.get(body__force__code="cheshire")


def test_the_response_has_an_introduction_and_a_section_per_recommendation(obligation):
    titles = [section.title for section in prepare_response(obligation=obligation)]
    assert titles == ["Introduction", "Recommendation 1", "Recommendation 2"]
    assert len(prepare_response(obligation=obligation)) == 3  # again: nothing added twice


def test_areas_for_improvement_get_sections_when_the_office_says_so(obligation):
    settings = office_settings(obligation.body)
    settings.answer_areas_for_improvement = True
    settings.save()
    assert [s.title for s in prepare_response(obligation=obligation)][-1] == "AFI 1"


def test_approval_is_refused_while_a_recommendation_is_unanswered(signed_in, obligation):
    signed_in.post(f"/obligations/{obligation.pk}/response/")
    first, second = obligation.sections.filter(kind="recommendation").order_by("position")
    signed_in.post(f"/sections/{first.pk}/", {"body": "Done: the force reviewed its teams in March 2020."})
    response = colleague(signed_in).post(f"/obligations/{obligation.pk}/approve/")
    html = check_page(response.content.decode())
    assert "The response cannot be approved yet" in html and f'href="#section-{second.pk}-body"' in html
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.DRAFTING and obligation.approved_on is None
    with pytest.raises(ApprovalRefused) as refused:
        approve(obligation=obligation, on=date(2020, 4, 15), user=None)
    assert [section.title for section in refused.value.missing] == ["Recommendation 2"]


def test_a_fully_answered_response_is_approved_and_an_edit_takes_it_back_to_drafting(signed_in, obligation):
    signed_in.post(f"/obligations/{obligation.pk}/response/")
    for section in obligation.sections.filter(kind="recommendation"):
        signed_in.post(f"/sections/{section.pk}/", {"body": "We will do it by June 2020."})
    colleague(signed_in).post(f"/obligations/{obligation.pk}/approve/")
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.APPROVED and obligation.approved_on
    section = obligation.sections.get(kind="introduction")
    signed_in.post(f"/sections/{section.pk}/", {"body": "A new introduction."})
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.DRAFTING and obligation.approved_on is None


def test_htmx_saves_a_section_in_place(signed_in, obligation):
    prepare_response(obligation=obligation)
    section = obligation.sections.get(kind="introduction")
    response = signed_in.post(f"/sections/{section.pk}/", {"body": "Hello."}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert f'id="{section.anchor}"' in html and "Saved." in html and "<html" not in html


def test_free_sections_are_added_and_deleted(signed_in, obligation):
    prepare_response(obligation=obligation)
    response = signed_in.post(f"/obligations/{obligation.pk}/response/sections/", {"title": "", "body": "x"})
    assert "Enter a title for the section" in response.content.decode()
    signed_in.post(
        f"/obligations/{obligation.pk}/response/sections/",
        {"title": "Children in custody", "body": "A local concern."},
    )
    free = obligation.sections.get(kind=ResponseSection.Kind.FREE)
    assert "Children in custody" in get_page(signed_in, f"/obligations/{obligation.pk}/response/")
    signed_in.post(f"/sections/{free.pk}/delete/")
    assert not obligation.sections.filter(kind="free").exists()
    recommendation = obligation.sections.filter(kind="recommendation").first()
    signed_in.post(f"/sections/{recommendation.pk}/delete/")
    assert obligation.sections.filter(pk=recommendation.pk).exists()


def test_another_offices_sections_cannot_be_reached(signed_in, obligation):
    kent = obligation.report.obligations.get(body__force__code="kent")
    prepare_response(obligation=kent)
    section = kent.sections.first()
    assert signed_in.post(f"/sections/{section.pk}/", {"body": "x"}).status_code == 404
    assert signed_in.get(f"/obligations/{kent.pk}/response/").status_code == 404


def test_a_section_another_app_drafts_is_added_for_the_officer_to_edit(signed_in):
    from core import registry
    from responses.services import prepare_response
    from responses.testing import make_obligation

    obligation = make_obligation()
    prepare_response(obligation=obligation)
    source = registry.SectionSource(
        "test-figures",
        "Test figures",
        lambda obligation, user: ("Children in custody", f"Figures for {obligation.body.force.name}."),
    )
    nothing = registry.SectionSource("test-nothing", "Nothing here", lambda obligation, user: None)
    registry.response_sections.add(source)
    registry.response_sections.add(nothing)
    try:
        page = signed_in.get(f"/obligations/{obligation.pk}/response/").content.decode()
        assert "Draft: Test figures" in page
        response = signed_in.post(
            f"/obligations/{obligation.pk}/response/sections/", {"source": "test-figures"}
        )
        assert response.status_code == 302
        section = obligation.sections.get(title="Children in custody")
        assert section.body == "Figures for Cheshire Constabulary." and section.kind == "free"
        refused = signed_in.post(
            f"/obligations/{obligation.pk}/response/sections/", {"source": "test-nothing"}, follow=True
        )
        assert "There is nothing yet to draft “Nothing here” from" in refused.content.decode()
    finally:
        registry.response_sections._entries[:] = [
            entry for entry in registry.response_sections._entries if entry[2] not in (source, nothing)
        ]


def test_two_people_saving_one_section_the_second_is_shown_both_texts_and_loses_nothing(obligation):
    from django.test import Client

    from accounts.testing import make_user

    prepare_response(obligation=obligation)
    section = obligation.sections.get(title="Recommendation 1")
    alex, sam = Client(), Client()
    alex.force_login(make_user(username="alex", first_name="Alex", last_name="Jones"))
    sam.force_login(make_user(username="sam"))
    opened = section.version  # both open the editor
    alex.post(f"/sections/{section.pk}/", {"body": "Alex's answer.", "version": opened})
    response = sam.post(
        f"/sections/{section.pk}/",
        {"body": "Sam's answer.", "version": opened},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Alex Jones saved this section at" in html and "Alex&#x27;s answer." in html
    assert "Your text, not saved yet" in html and "Sam&#x27;s answer.</textarea>" in html
    section.refresh_from_db()
    assert section.body == "Alex's answer." and section.version == opened + 1
    # Sam has now seen Alex's text: saving again from the version shown is deliberate, and stands
    sam.post(f"/sections/{section.pk}/", {"body": "Alex's and Sam's answer.", "version": section.version})
    section.refresh_from_db()
    assert section.body == "Alex's and Sam's answer." and section.updated_by.username == "sam"


def test_without_htmx_the_conflict_shows_on_the_whole_page(signed_in, obligation):
    prepare_response(obligation=obligation)
    section = obligation.sections.get(title="Recommendation 1")
    signed_in.post(f"/sections/{section.pk}/", {"body": "First.", "version": section.version})
    html = check_page(
        signed_in.post(
            f"/sections/{section.pk}/", {"body": "Second.", "version": section.version}
        ).content.decode()
    )
    assert "There is a problem" in html and "saved this section at" in html and "Second.</textarea>" in html
    assert html.count("Your text, not saved yet") == 1


def test_a_finding_edited_on_the_report_is_shown_to_the_office_not_silently_rewritten(signed_in, obligation):
    from reports.services import update_finding

    prepare_response(obligation=obligation)
    section = obligation.sections.get(title="Recommendation 1")
    update_finding(finding=section.finding, text="Chief constables should do one better thing.")
    html = get_page(signed_in, f"/obligations/{obligation.pk}/response/")
    assert "edited after this response quoted it" in html and "one better thing" in html
    section.refresh_from_db()
    assert section.quoted == "Chief constables should do one thing."
    signed_in.post(f"/sections/{section.pk}/quote/")
    section.refresh_from_db()
    assert section.quoted == "Chief constables should do one better thing." and not section.finding_changed


def test_approving_saves_the_text_typed_first_and_its_typist_is_then_a_writer_who_cannot_approve(
    signed_in, obligation
):
    prepare_response(obligation=obligation)
    sections = list(obligation.sections.filter(kind="recommendation"))
    typed = {f"section-{s.pk}-body": f"Typed answer {n}, never saved." for n, s in enumerate(sections)}
    versions = {f"section-{s.pk}-version": str(s.version) for s in sections}
    response = signed_in.post(f"/obligations/{obligation.pk}/approve/", {**typed, **versions})
    assert "another person must approve it" in check_page(response.content.decode())
    assert sorted(s.body for s in obligation.sections.filter(kind="recommendation")) == sorted(typed.values())
    obligation.refresh_from_db()
    assert obligation.status != ResponseObligation.Status.APPROVED  # nothing typed is lost; not approved
    assert colleague(signed_in).post(f"/obligations/{obligation.pk}/approve/").status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.APPROVED


def test_approving_over_someone_elses_newer_text_keeps_both_and_approves_nothing(signed_in, obligation):
    from responses.services import save_section

    prepare_response(obligation=obligation)
    section = obligation.sections.filter(kind="recommendation").first()
    opened = section.version
    save_section(section=section, body="Their answer, saved meanwhile.", user=None)
    data = {f"section-{section.pk}-body": "My answer, typed.", f"section-{section.pk}-version": str(opened)}
    page = signed_in.post(f"/obligations/{obligation.pk}/approve/", data).content.decode()
    assert "Not approved" in page and "My answer, typed." in page and "Their answer, saved meanwhile." in page
    obligation.refresh_from_db()
    assert obligation.status != ResponseObligation.Status.APPROVED
