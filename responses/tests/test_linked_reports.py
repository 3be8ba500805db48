from datetime import date

import pytest

from core.testing import get_page
from directory.models import Force, ReportType
from reports.services import create_report
from responses.services import ObligationRefused, answer_with, record_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    national = create_report(
        title="National custody thematic",
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=date(2024, 3, 1),
        inspectorates=[],
        all_forces=True,
    )
    local = create_report(
        title="Cheshire custody inspection",
        report_type=ReportType.objects.get(code="peel"),
        published_on=date(2024, 3, 1),
        inspectorates=[],
        forces=[Force.objects.get(code="cheshire")],
        linked_reports=[national],
    )
    cheshire = national.obligations.get(body__force__code="cheshire")
    return national, local, cheshire, local.obligations.get()


def test_linked_reports_show_on_each_other(signed_in, pair):
    national, local, *_ = pair
    assert "Cheshire custody inspection" in get_page(signed_in, f"/reports/{national.pk}/")


def test_one_response_answers_both_and_the_other_is_published_with_it(signed_in, pair):
    national, local, answering, citing = pair
    html = get_page(signed_in, f"/obligations/{citing.pk}/")
    assert "Answer with the response to National custody thematic" in html
    signed_in.post(f"/obligations/{citing.pk}/", {"action": "answer-with", "other": answering.pk})
    citing.refresh_from_db()
    assert citing.answered_by == answering
    assert "which covers the same findings" in get_page(signed_in, f"/obligations/{citing.pk}/")
    record_published(obligation=answering, published_on=date(2024, 4, 10), url="https://opcc.example/r/1")
    citing.refresh_from_db()
    assert citing.published_on == date(2024, 4, 10) and citing.published_url == "https://opcc.example/r/1"


def test_only_linked_reports_of_the_same_office_can_share_a_response(pair):
    national, local, answering, citing = pair
    kent = national.obligations.get(body__force__code="kent")
    with pytest.raises(ObligationRefused, match="same office"):
        answer_with(obligation=citing, other=kent, user=None)
    local.linked_reports.clear()
    with pytest.raises(ObligationRefused, match="link the two reports first"):
        answer_with(obligation=citing, other=answering, user=None)


@pytest.mark.parametrize("other", ["", "abc", "1e3", "99999999999999999999999", "٣"])
def test_answering_with_something_that_is_not_a_response_is_refused(signed_in, pair, other):
    *_, citing = pair
    response = signed_in.post(f"/obligations/{citing.pk}/", {"action": "answer-with", "other": other})
    assert response.status_code == 200
    assert "Choose the response that answers this report" in response.content.decode()
    citing.refresh_from_db()
    assert citing.answered_by is None


def test_a_refused_answer_with_is_shown_on_the_page(signed_in, pair):
    national, local, answering, citing = pair
    local.linked_reports.clear()  # the refusal was an AttributeError: an unbound form cannot take an error
    response = signed_in.post(f"/obligations/{citing.pk}/", {"action": "answer-with", "other": answering.pk})
    assert response.status_code == 200 and "Link the two reports first" in response.content.decode()


def test_a_linked_report_someone_cannot_open_is_not_named_to_them(client, pair):
    from accounts.models import Role
    from accounts.testing import make_user

    national, *_ = pair
    merseyside = create_report(
        title="Merseyside custody inspection",
        report_type=ReportType.objects.get(code="peel"),
        published_on=date(2024, 3, 2),
        inspectorates=[],
        forces=[Force.objects.get(code="merseyside")],
        linked_reports=[national],
    )
    contributor = make_user(
        username="cheshire-force",
        role=Role.FORCE_CONTRIBUTOR,
        office=None,
        force=Force.objects.get(code="cheshire"),
    )
    client.force_login(contributor)
    html = get_page(client, f"/reports/{national.pk}/")
    assert "Cheshire custody inspection" in html  # their force's report: theirs to open
    assert merseyside.title not in html
    assert client.get(f"/reports/{merseyside.pk}/").status_code == 404
