"""The national register: one recommendation printed in many reports is one item with a copy per report;
a later copy for the same force is proposed as re-raising, superseding or closing the earlier one; each
person sees only the copies they may open, and only office staff decide."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.testing import make_people, sign_in
from directory.models import Force, ReportType
from reports.models import Finding
from reports.services import FindingInput, update_finding
from reports.testing import make_report
from search import grouping
from search.models import Fingerprint, NationalItem, Proposal
from search.register import compare_new_findings

pytestmark = pytest.mark.django_db

INTERPRETERS = (
    "By {when}, {force} should make sure that every child held overnight in custody can speak to an "
    "interpreter in their own language before interview."
)
FOOD = (
    "By {when}, {force} should make sure that every child held overnight in custody is offered a hot meal "
    "and a change of clothes."
)


def report_for(code: str, *texts: str, published=date(2022, 5, 1), kind="peel", title="PEEL inspection"):
    force = Force.objects.get(code=code)
    findings = [
        FindingInput(
            kind=Finding.Kind.RECOMMENDATION,
            label=f"Recommendation {n}",
            text=text.format(force=force.name, when="31 March 2023"),
        )
        for n, text in enumerate(texts, 1)
    ]
    return make_report(
        title=f"{title}: {force.name}",
        report_type=ReportType.objects.get(code=kind),
        published_on=published,
        forces=[force],
        findings=findings,
    )


def copies(item):
    return set(Finding.objects.filter(fingerprint__item=item).values_list("report__forces__code", flat=True))


def test_a_copy_with_another_force_name_date_and_lead_in_is_normalised_to_the_same_words():
    names = ["Cheshire Constabulary", "Cheshire", "Merseyside Police", "Merseyside"]
    one = grouping.normalise(INTERPRETERS.format(force="Cheshire Constabulary", when="31 March 2023"), names)
    other = grouping.normalise(
        "HMICFRS recommends that, within six months, Merseyside Police should make sure that every child "
        "held overnight in custody can speak to an interpreter in their own language before interview.",
        names,
    )
    assert one == other
    assert grouping.likeness(one, grouping.normalise(FOOD.format(force="Cheshire", when="2023"), names)) < 90


def test_the_same_recommendation_in_two_forces_reports_is_one_item_and_a_different_one_stays_out():
    report_for("cheshire", INTERPRETERS, FOOD)
    report_for("merseyside", INTERPRETERS)
    compare_new_findings()
    item = NationalItem.objects.get()
    assert copies(item) == {"cheshire", "merseyside"}
    assert not Proposal.objects.exists()  # different forces: nothing re-raised


def test_a_later_report_for_the_same_force_repeating_it_is_proposed_as_re_raising_it():
    earlier = report_for("cheshire", INTERPRETERS, published=date(2019, 3, 1))
    later = report_for("cheshire", INTERPRETERS, FOOD, published=date(2023, 6, 1))
    compare_new_findings()
    proposal = Proposal.objects.get()
    assert (proposal.earlier.report, proposal.later.report) == (earlier, later)
    assert proposal.relation == Proposal.Relation.RERAISED
    assert proposal.likeness == 100


def test_reworded_it_supersedes_and_a_revisit_finding_it_achieved_closes_it():
    report_for("cheshire", INTERPRETERS, published=date(2019, 3, 1))
    reworded = INTERPRETERS.replace("their own language", "the language they speak best")
    report_for("cheshire", reworded, published=date(2021, 3, 1))
    revisit = "Achieved. " + INTERPRETERS
    report_for(
        "cheshire", revisit, published=date(2022, 3, 1), kind="post-inspection-review", title="Revisit"
    )
    compare_new_findings()
    relations = list(
        Proposal.objects.order_by("later__report__published_on").values_list("relation", flat=True)
    )
    assert relations == [Proposal.Relation.SUPERSEDED, Proposal.Relation.CLOSED]


def test_history_loaded_after_a_later_report_is_still_proposed_the_right_way_round():
    later = report_for("cheshire", INTERPRETERS, published=date(2023, 6, 1))
    compare_new_findings()
    earlier = report_for("cheshire", INTERPRETERS, published=date(2019, 3, 1))
    compare_new_findings()
    proposal = Proposal.objects.get()
    assert (proposal.earlier.report, proposal.later.report) == (earlier, later)


def test_saving_a_report_compares_its_findings_in_the_worker():
    # Tests run tasks at once (SCRUTINY_TASKS=immediate): saving the report queued the comparison.
    report_for("cheshire", INTERPRETERS)
    report_for("merseyside", INTERPRETERS)
    assert Fingerprint.objects.count() == 2
    assert NationalItem.objects.count() == 1


def test_changed_words_are_compared_again_and_undecided_proposals_go():
    report_for("cheshire", INTERPRETERS, published=date(2019, 3, 1))
    later = report_for("cheshire", INTERPRETERS, published=date(2023, 6, 1))
    compare_new_findings()
    assert Proposal.objects.count() == 1
    finding = later.findings.get()
    update_finding(finding=finding, text=FOOD.format(force="Cheshire Constabulary", when="2024"))
    compare_new_findings()
    assert not Proposal.objects.exists()
    assert Fingerprint.objects.get(finding=finding).item is None


def test_each_person_sees_only_the_copies_they_may_open_and_only_office_staff_decide(client):
    people = make_people()
    report_for("cheshire", INTERPRETERS, published=date(2019, 3, 1))
    report_for("cheshire", INTERPRETERS, published=date(2023, 6, 1))
    report_for("merseyside", INTERPRETERS, published=date(2023, 6, 1))
    compare_new_findings()
    item = NationalItem.objects.get()
    sign_in(client, people["force"])  # a Cheshire contributor: Cheshire's reports only
    page = client.get(reverse("search:register-item", args=[item.pk])).content.decode()
    assert "Cheshire Constabulary" in page and "Merseyside" not in page
    proposal = Proposal.objects.get()
    response = client.post(reverse("search:proposal-decide", args=[proposal.pk]), {"decision": "accept"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PROPOSED  # refused: contributors do not decide
    sign_in(client, people["other-office"])  # Merseyside's office: not its force's reports
    assert "to decide" not in client.get(reverse("home")).content.decode()
    sign_in(client, people["officer"])
    assert "1 proposal to decide" in client.get(reverse("home")).content.decode()
    proposals = client.get(reverse("search:proposal-list")).content.decode()
    assert proposals.count("Cheshire Constabulary's action: Open") == 2  # each side's action, to act on
    listing = client.get(reverse("search:register")).content.decode()
    assert reverse("search:register-item", args=[item.pk]) in listing
    client.post(
        reverse("search:proposal-decide", args=[proposal.pk]),
        {"decision": "accept", "relation": "superseded"},
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.relation, proposal.decided_by) == (
        "accepted",
        "superseded",
        people["officer"],
    )


def test_a_finding_on_the_same_subject_in_other_words_is_related_with_the_words_shared(client):
    people = make_people()
    report_for("cheshire", INTERPRETERS, published=date(2019, 3, 1))
    report_for("merseyside", INTERPRETERS)
    other = (
        "Officers should book an interpreter for any child in custody whose first language is not English."
    )
    everyday = [  # the words every recommendation uses weigh little beside those of its subject
        f"By {{when}}, {{force}} should make sure that every {subject}."
        for subject in (
            "child held overnight is visited by a social worker",
            "call from a child held overnight is answered within ten seconds",
            "officer who attends a domestic abuse incident completes a risk assessment",
            "missing child held overnight is searched for at home",
        )
    ]
    report_for("cheshire", other, FOOD, *everyday, published=date(2024, 1, 1))
    compare_new_findings()
    item = NationalItem.objects.get()
    sign_in(client, people["officer"])
    page = client.get(reverse("search:register-item", args=[item.pk])).content.decode()
    assert "<title>A finding in 2 reports" in page and "Related" not in page.split("</title>")[0]
    related = page.split("Related findings")[1].split("<li>")
    assert "book an interpreter" in related[1]  # the closest first
    shared = related[1].split("Shares:")[1]
    assert "interpreter" in shared and "cheshire" not in shared and "march" not in shared


def test_the_api_lists_items_copies_and_proposals_and_decides_for_the_office_concerned():
    from django.test import Client

    from accounts.testing import token_for

    people = make_people()
    report_for("cheshire", INTERPRETERS, published=date(2019, 3, 1))
    report_for("cheshire", INTERPRETERS, published=date(2023, 6, 1))
    compare_new_findings()
    item, proposal = NationalItem.objects.get(), Proposal.objects.get()

    def as_(person):
        return Client(headers={"Authorization": f"Bearer {token_for(people[person])}"})

    items = as_("officer").get("/api/register").json()
    assert [(row["id"], row["copies"]) for row in items] == [(item.pk, 2)]
    copies = as_("officer").get(f"/api/register/{item.pk}").json()["copies"]
    assert [copy["forces"] for copy in copies] == [["cheshire"], ["cheshire"]]
    listed = as_("officer").get("/api/register/proposals").json()
    assert listed[0]["relation"] == "reraised" and listed[0]["earlier_finding_id"] == proposal.earlier_id
    body = {"decision": "reject"}
    url = f"/api/register/proposals/{proposal.pk}"
    assert as_("other-office").post(url, body, content_type="application/json").status_code == 403
    answer = as_("officer").post(url, body, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["state"] == "rejected"
    assert as_("officer").get("/api/register/proposals").json() == []  # none left to decide


def test_the_command_compares_what_was_never_compared(capsys):
    from django.core.management import call_command

    report_for("cheshire", INTERPRETERS)
    report_for("merseyside", INTERPRETERS)
    Fingerprint.objects.all().delete()  # as after an upgrade: findings stored, none compared
    NationalItem.objects.all().delete()
    call_command("search", "compare")
    assert "2 findings compared: 2 placed in national items, 0 proposals made" in capsys.readouterr().out
    assert NationalItem.objects.count() == 1
