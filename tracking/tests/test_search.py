"""The tracker's word search goes through the search index (modelsearch over PostgreSQL's full-text search
or SQLite's FTS5): every word must be there, English stems match, and the index follows findings as they
are written, edited and deleted through the services. These run on whichever database the suite runs on;
CI runs both."""

import pytest
from django.db import connection
from django.urls import reverse

from accounts.testing import sign_in
from reports.models import Finding
from reports.services import delete_finding, update_finding
from tracking import search
from tracking.models import Action
from tracking.testing import make_report, office_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings():
    report = make_report(findings=3)
    texts = {
        "Recommendation 1": "Chief constables should review how detained children are supervised.",
        "Recommendation 2": "The force should publish its stop and search data each quarter.",
        "Recommendation 3": "Custody staff should record every strip search with its reason.",
    }
    for label, text in texts.items():
        update_finding(finding=Finding.objects.get(report=report, label=label), text=text)
    return {label: Finding.objects.get(report=report, label=label) for label in texts}


def found(text: str) -> set[str]:
    return set(Finding.objects.filter(pk__in=search.matching_findings(text)).values_list("label", flat=True))


def test_every_word_must_be_there_in_any_order(findings):
    assert found("search") == {"Recommendation 2", "Recommendation 3"}
    assert found("strip search") == {"Recommendation 3"}
    assert found("search strip") == {"Recommendation 3"}
    assert found("strip quarter") == set()


def test_english_stems_match(findings):
    assert found("reviewing") == {"Recommendation 1"}
    assert found("supervising") == {"Recommendation 1"}
    assert found("Publishes") == {"Recommendation 2"}


def test_labels_are_searched_too(findings):
    assert "Recommendation 2" in found("recommendation 2")


def test_the_index_follows_edits_and_deletions(findings):
    edited = findings["Recommendation 1"]
    update_finding(finding=edited, text="Forces should fund interpreters in custody.")
    assert found("interpreters") == {"Recommendation 1"}
    assert found("reviewing") == set()
    delete_finding(finding=edited)
    assert found("interpreters") == set()


def test_search_syntax_and_punctuation_are_only_words(findings):
    for text in ['"strip', "strip AND", "search*", "NEAR(strip search)", "strip -search", "(", "''", "—"]:
        found(text)  # no error from either database's query syntax
    assert found("strip-search!") == {"Recommendation 3"}
    assert found("!!! ...") == set()


def test_the_tracker_page_lists_only_the_matching_actions(client, findings):
    sign_in(client, office_people()["officer"])
    page = client.get(reverse("tracking:action-list"), {"q": "strip searches"}).content.decode()
    listed = Action.objects.filter(finding__in=findings.values())
    wanted = listed.get(finding=findings["Recommendation 3"])
    assert wanted.get_absolute_url() in page
    for other in listed.exclude(pk=wanted.pk):
        assert other.get_absolute_url() not in page


def test_the_old_hand_made_index_is_gone(findings):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'tracking_finding_words_gin'")
        else:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name LIKE 'tracking_finding_words%'")
        assert cursor.fetchone() is None
