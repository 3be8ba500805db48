"""Saved searches: kept with their filters, one e-mail a day when new findings a person may open match,
never a finding they could not open, and each person sees and changes only their own."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.testing import make_people, sign_in
from reports.models import Finding
from reports.services import update_finding
from reports.testing import make_finding
from search import alerts
from search.models import SavedSearch
from tracking.testing import make_report

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 8)


@pytest.fixture
def people():
    return make_people()


def saved_by(client, person, **asked):
    sign_in(client, person)
    return client.post(reverse("search:search-save"), asked, follow=True)


def test_a_search_is_saved_with_its_filters_once(client, people):
    make_finding(text="Forces should fund interpreters in custody.")
    page = saved_by(client, people["officer"], q="interpreters", kind="recommendation")
    assert "Search saved" in page.content.decode()
    saved = SavedSearch.objects.get()
    assert (saved.owner, saved.query, saved.filters) == (
        people["officer"],
        "interpreters",
        {"kind": "recommendation"},
    )
    assert saved.seen_up_to == Finding.objects.order_by("-pk").first().pk  # only what is new from now on
    assert "You saved this search" in page.content.decode()
    again = client.post(
        reverse("search:search-save"), {"q": "interpreters", "kind": "recommendation"}, follow=True
    )
    assert "You had saved this search already" in again.content.decode() and SavedSearch.objects.count() == 1
    empty = client.post(reverse("search:search-save"), {"q": " -custody "}, follow=True)
    assert "Type at least one word" in empty.content.decode() and SavedSearch.objects.count() == 1


def test_new_matching_findings_are_e_mailed_once_a_day_and_only_what_the_owner_may_open(client, people):
    make_finding(text="Forces should fund interpreters in custody.")  # before saving: not news
    saved_by(client, people["force"], q="interpreters")
    saved_by(client, people["officer"], q="interpreters")
    assert alerts.count(TODAY) == 0 and alerts.send(TODAY) == 0
    ours = make_report(forces=("cheshire",), findings=1, title="Custody in Cheshire")
    update_finding(finding=ours.findings.get(), text="The force should pay for interpreters.")
    theirs = make_report(forces=("merseyside",), findings=1, title="Custody in Merseyside")
    update_finding(finding=theirs.findings.get(), text="The force should book interpreters.")
    make_finding(text="Forces should record strip searches.")  # new, but not a match
    assert alerts.count(TODAY) == 2
    assert alerts.send(TODAY) == 2
    by_person = {message.to[0]: message for message in mail.outbox}
    officer, force = by_person[people["officer"].email], by_person[people["force"].email]
    assert officer.subject == "2 new findings for your search “interpreters”"
    assert "Custody in Cheshire" in officer.body and "Custody in Merseyside" in officer.body
    assert "Custody in Cheshire" in force.body and "Merseyside" not in force.body  # a Cheshire contributor
    assert "/search/saved/" in officer.body
    assert alerts.send(TODAY) == 0  # once a day
    assert alerts.send(TODAY + timedelta(days=1)) == 0  # nothing newer since


def test_e_mails_can_be_stopped_and_a_search_deleted_by_its_owner_only(client, people):
    saved_by(client, people["officer"], q="interpreters")
    saved = SavedSearch.objects.get()
    listed = client.get(reverse("search:saved-list")).content.decode()
    assert "interpreters" in listed and "Stop e-mails" in listed
    client.post(reverse("search:saved-change", args=[saved.pk]), {"action": "alert-off"})
    saved.refresh_from_db()
    assert not saved.alert
    make_finding(text="Forces should fund interpreters.")
    assert alerts.send(TODAY) == 0
    other = Client()  # another person, in a browser of their own
    sign_in(other, people["other-office"])
    assert "interpreters" not in other.get(reverse("search:saved-list")).content.decode()
    assert (
        other.post(reverse("search:saved-change", args=[saved.pk]), {"action": "delete"}).status_code == 404
    )
    sign_in(client, people["officer"])
    client.post(reverse("search:saved-change", args=[saved.pk]), {"action": "delete"})
    assert not SavedSearch.objects.exists()
