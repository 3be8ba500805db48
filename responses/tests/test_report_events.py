"""Responses follow what happens to reports: obligations on recording, and sections that move with
their findings, while anything an office wrote keeps its finding."""

import pytest

from reports.models import Finding
from reports.services import (
    FindingInput,
    FindingRefused,
    add_findings,
    delete_finding,
    merge_findings,
    split_finding,
    update_report,
)
from responses.models import ResponseSection
from responses.services import prepare_response, save_section
from responses.testing import load_scenario, make_obligation

pytestmark = pytest.mark.django_db


def test_recording_a_report_records_who_owes_comments():
    obligation = make_obligation()
    assert obligation.report.obligations.count() == 43  # every body, for an all-forces report
    update_report(report=obligation.report, all_forces=False, forces=[obligation.body.force])
    assert list(obligation.report.obligations.all()) == [obligation]  # untouched ones go


def test_an_answered_finding_cannot_be_deleted_or_merged_away(signed_in):
    report = load_scenario()["report"]
    answered = report.findings.get(label="5a")
    response = signed_in.post(f"/findings/{answered.pk}/delete/", follow=True)
    assert "5a was not deleted: 5a cannot be removed: it is answered in 1 office response" in (
        response.content.decode()
    )
    first = report.findings.get(label="Recommendation 5")
    response = signed_in.post(f"/findings/{first.pk}/merge/", follow=True)
    assert "5a was not merged" in response.content.decode()
    assert report.findings.filter(label="5a").exists()


def test_an_untouched_section_goes_with_its_finding_so_review_can_still_correct_extraction():
    obligation = make_obligation(findings=3)
    prepare_response(obligation=obligation)
    second = obligation.report.findings.get(label="Recommendation 2")
    delete_finding(finding=second)
    assert not ResponseSection.objects.filter(obligation=obligation, title="Recommendation 2").exists()


def test_a_merged_away_findings_untouched_section_goes_and_the_kept_one_stays():
    obligation = make_obligation(findings=3)
    prepare_response(obligation=obligation)
    first, second = obligation.report.findings.filter(label__in=["Recommendation 1", "Recommendation 2"])
    merge_findings(first=first, second=second)
    titles = list(obligation.sections.exclude(finding=None).values_list("title", flat=True))
    assert titles == ["Recommendation 1", "Recommendation 3"]


def test_a_written_answer_keeps_its_finding_in_one_clear_message():
    obligation = make_obligation(findings=2)
    prepare_response(obligation=obligation)
    section = obligation.sections.get(title="Recommendation 2")
    save_section(section=section, body="The force has done this.", user=None)
    with pytest.raises(FindingRefused, match="Recommendation 2 cannot be removed: it is answered in 1"):
        delete_finding(finding=section.finding)


def test_a_split_off_recommendation_is_answered_in_responses_already_started():
    obligation = make_obligation(findings=1)
    prepare_response(obligation=obligation)
    finding = obligation.report.findings.get()
    new = split_finding(
        finding=finding,
        first_text="Chief constables should act.",
        second_text="And report.",
        second_label="1b",
    )
    prepare_response(obligation=obligation)
    assert obligation.sections.filter(finding=new).exists()


def test_findings_added_later_get_their_sections_when_the_editor_prepares_the_response():
    obligation = make_obligation(findings=1)
    prepare_response(obligation=obligation)
    add_findings(
        report=obligation.report,
        findings=[FindingInput(kind=Finding.Kind.RECOMMENDATION, label="Recommendation 2", text="Do more.")],
    )
    prepare_response(obligation=obligation)
    assert obligation.sections.filter(title="Recommendation 2").exists()
