"""The search page and API: web search syntax, facets with counts, snippets, references first, and a
person never finds a record they could not open. Runs on whichever database the suite runs on (SQLite's
FTS5 or PostgreSQL's full-text search); CI runs both."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accounts.testing import make_people, sign_in, token_for
from core.search_query import parse
from directory.models import Force, ReportType
from partnerships.testing import make_referrals
from reports.models import Finding
from reports.services import FindingInput, create_report
from search.finder import search, snippet

pytestmark = pytest.mark.django_db


def report(title, texts, *, forces=("cheshire",), type="national-thematic", year=2023):
    return create_report(
        title=title,
        report_type=ReportType.objects.get(code=type),
        published_on=date(year, 5, 1),
        inspectorates=[],
        all_forces=False,
        forces=list(Force.objects.filter(code__in=forces)),
        findings=[FindingInput(kind=kind, label=label, text=text) for label, (kind, text) in texts.items()],
    )


@pytest.fixture
def records():
    cheshire = report(
        "Children detained overnight in Cheshire",
        {
            "Recommendation 1": (
                "recommendation",
                "The force should stop strip searches of children in custody.",
            ),
            "Recommendation 2": (
                "recommendation",
                "The force should review detention of children overnight.",
            ),
            "AFI 7": ("area-for-improvement", "The force should improve how it records searches."),
        },
        year=2023,
    )
    merseyside = report(
        "Custody in Merseyside",
        {
            "Recommendation 1": (
                "recommendation",
                "The force should publish custody figures <b>each</b> quarter.",
            ),
            "Recommendation 2": ("recommendation", "The force should review strip search records."),
        },
        forces=("merseyside",),
        type="peel",
        year=2021,
    )
    return {"cheshire": cheshire, "merseyside": merseyside, "people": make_people()}


def labels(results) -> list[str]:
    return [f"{finding.report.title[:8]} {finding.label}" for finding in results.findings]


def test_words_phrases_left_out_words_and_alternatives(records):
    officer = records["people"]["officer"]
    assert search(officer, "children").total == 2
    assert search(officer, "searches").total == 3  # English stems: search, searches
    assert labels(search(officer, '"strip search"')) == ["Custody  Recommendation 2"] or search(
        officer, '"strip search"'
    ).total in (1, 2)
    assert search(officer, "strip -children").total == 1
    assert search(officer, "overnight or quarter").total == 2
    assert search(officer, "").total == 0 and not search(officer, "").searched
    assert not search(officer, "-children").searched  # only a word left out: nothing to search for


def test_the_query_syntax_is_read_as_web_search_engines_read_it():
    asked = parse('custody "strip search" -adults or youths')
    assert asked.phrases == ["strip search"]
    assert asked.excluded == ["adults"]
    assert asked.words == ["custody", "strip", "search", "youths"]
    assert parse("").query is None and parse('""').query is None
    assert len(parse(" ".join(f"w{n}" for n in range(50))).words) == 20


def test_facets_count_the_matches_and_narrow_them(records):
    officer = records["people"]["officer"]
    results = search(officer, "force should")
    facets = {facet.name: {value: count for value, _, count in facet.values} for facet in results.facets}
    assert results.total == 5
    assert facets["kind"] == {"recommendation": 4, "area-for-improvement": 1}
    assert facets["year"] == {"2023": 3, "2021": 2}
    assert facets["type"] == {"national-thematic": 3, "peel": 2}
    assert facets["force"] == {"cheshire": 3, "merseyside": 2}
    assert search(officer, "force should", {"force": "merseyside"}).total == 2
    assert search(officer, "force should", {"year": "2023", "kind": "area-for-improvement"}).total == 1
    assert search(officer, "force should", {"force": "atlantis"}).total == 0
    assert search(officer, "force should", {"year": "20x3"}).total == 0


def test_a_reference_to_a_label_and_its_report_comes_first(records):
    officer = records["people"]["officer"]
    assert labels(search(officer, "Children detained AFI 7"))[0] == "Children AFI 7"
    assert labels(search(officer, "2021 recommendation 2"))[0] == "Custody  Recommendation 2"
    assert labels(search(officer, "R2 Merseyside")) == ["Custody  Recommendation 2"]
    assert [f.label for f in search(officer, "Recommendation 2").findings[:2]] == ["Recommendation 2"] * 2
    assert search(officer, "Custody in Merseyside").reports[0] == records["merseyside"]


def test_snippets_mark_the_words_in_any_form_and_escape_the_text(records):
    officer = records["people"]["officer"]
    results = search(officer, "publish quarter")
    text = str(snippet(results.findings[0].text, results.asked))
    assert "<mark>publish</mark>" in text and "<mark>quarter</mark>." in text
    assert "&lt;b&gt;each&lt;/b&gt;" in text and "<b>" not in text
    long = " ".join(["word"] * 100 + ["custody"] + ["word"] * 100)
    cut = str(snippet(long, parse("custody")))
    assert cut.startswith("… ") and cut.endswith(" …") and "<mark>custody</mark>" in cut


def test_no_one_finds_what_they_could_not_open(records):
    """Every finding each role finds opens for that role, and what it cannot open it does not find."""
    people = records["people"]
    merseyside_finding = records["merseyside"].findings.get(label="Recommendation 2")
    for role, person in people.items():
        found = search(person, "force").findings
        visible = set(Finding.objects.visible_to(person).values_list("pk", flat=True))
        assert {finding.pk for finding in found} <= visible, role
        client = Client()
        sign_in(client, person)
        for finding in found:
            assert client.get(finding.report.get_absolute_url()).status_code == 200, (role, finding)
    assert (
        merseyside_finding not in search(people["force"], "strip search").findings
    )  # a Cheshire contributor
    # A partnership contributor opens no report or finding page (403): what is referred to them is read on
    # the referral's own page, so the search finds them no finding, before a referral or after.
    assert search(people["partnership"], "force").total == 0
    partnership = people["partnership"].partnership
    partnership.contact_email = "manager@partnership.example.org"
    partnership.save(update_fields=["contact_email"])
    cheshire = records["cheshire"]
    make_referrals(
        office=people["officer"].office,
        report=cheshire,
        findings=list(cheshire.findings.filter(label="Recommendation 1")),
        partnerships=[partnership],
        sent_on=date(2023, 6, 1),
    )
    client = Client()
    sign_in(client, people["partnership"])
    assert client.get(cheshire.get_absolute_url()).status_code == 403
    assert search(people["partnership"], "force").total == 0


def test_the_page_shows_results_facets_and_snippets_and_keeps_the_query(records, client):
    client.force_login(records["people"]["officer"])
    page = client.get(reverse("search:search"), {"q": "strip", "year": "2021"}).content.decode()
    assert 'value="strip"' in page and 'name="year" value="2021"' in page
    assert "1 finding matches" in page and "<mark>strip</mark>" in page
    assert "Any year published" in page
    assert "Custody in Merseyside" in page
    empty = client.get(reverse("search:search"), {"q": "-strip"}).content.decode()
    assert "Type at least one word" in empty
    none = client.get(reverse("search:search"), {"q": "zebra"}).content.decode()
    assert "No finding you can open holds" in none


def test_the_api_gives_the_same_results_and_facets(records):
    officer = records["people"]["officer"]
    client = Client(headers={"Authorization": f"Bearer {token_for(officer)}"})
    answer = client.get("/api/search", {"q": "strip", "limit": 1}).json()
    assert answer["total"] == 2 and len(answer["findings"]) == 1
    assert "<mark>strip</mark>" in answer["findings"][0]["snippet"]
    names = {facet["name"] for facet in answer["facets"]}
    assert names == {"kind", "type", "year", "force", "inspectorate", "status", "overdue", "theme"}
    overdue = client.get("/api/search", {"q": "strip", "overdue": "yes"}).json()
    assert overdue["total"] == 0  # none of the office's actions on them is past its date
    assert Client().get("/api/search", {"q": "strip"}).status_code == 401


def test_the_export_holds_every_finding_found_with_its_report_and_only_what_may_be_opened(records, client):
    sign_in(client, records["people"]["force"])  # a Cheshire contributor
    answer = client.get(reverse("search:search-export", args=["csv"]), {"q": "force should"})
    assert answer["Content-Type"].startswith("text/csv")
    assert "search-force-should.csv" in answer["Content-Disposition"]
    rows = answer.content.decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + 3  # the header and Cheshire's three findings
    assert all("Merseyside" not in row for row in rows)
    workbook = client.get(reverse("search:search-export", args=["xlsx"]), {"q": "strip", "year": "2023"})
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    empty = client.get(reverse("search:search-export", args=["csv"]), {"q": "-strip"}, follow=True)
    assert "Type at least one word" in empty.content.decode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
@example('"strip')
@example("or")
@example("the of and")
@example("NEAR(strip search) OR title:force")
@example("strip* AND -")
@example("'force' & !custody | (")
@example("custodia é 拘留 ")
def test_whatever_is_typed_the_search_answers_without_error(records, text):
    """Quotes left open, minus signs, `or` alone, stop words only, punctuation, other scripts: never an
    error from the engine (every word reaches it quoted: FTS5 and to_tsquery syntax cannot be injected)."""
    results = search(records["people"]["officer"], text)
    assert results.total >= len(results.keys[:1])
    assert set(results.keys) <= set(Finding.objects.values_list("pk", flat=True))


def test_inspectorate_status_overdue_and_theme_facets_count_and_narrow(records):
    from directory.models import Inspectorate
    from tracking.models import Action

    officer = records["people"]["officer"]  # Cheshire's office: its own actions only
    records["cheshire"].inspectorates.add(Inspectorate.objects.get(code="hmicfrs"))
    late = Action.objects.get(office=officer.office, finding__label="Recommendation 1")
    Action.objects.filter(pk=late.pk).update(target_on=date(2024, 1, 31))
    Action.objects.filter(office=officer.office, finding__label="AFI 7").update(category="done")
    results = search(officer, "force should")
    facets = {facet.name: {value: count for value, _, count in facet.values} for facet in results.facets}
    assert facets["inspectorate"] == {"hmicfrs": 3}
    assert facets["status"] == {"open": 2, "done": 1}
    assert facets["overdue"] == {"yes": 1}
    assert facets["theme"] == {"National thematic inspection": 3}
    assert labels(search(officer, "force should", {"overdue": "yes"})) == ["Children Recommendation 1"]
    assert search(officer, "force should", {"status": "done"}).total == 1
    assert search(officer, "force should", {"inspectorate": "hmicfrs", "kind": "recommendation"}).total == 2
    assert search(officer, "force should", {"theme": "National thematic inspection"}).total == 3
    # Merseyside's actions are not this office's: nothing of theirs is counted or found by status
    assert search(officer, "force should", {"status": "open", "force": "merseyside"}).total == 0
    partnership = records["people"]["partnership"]  # reads no tracker: no tracking facets
    names = {facet.name for facet in search(partnership, "force should").facets}
    assert not names & {"status", "overdue", "theme"}


def test_each_finding_found_says_where_it_is_now_for_the_person(records, client):
    from tracking.models import Action

    officer = records["people"]["officer"]
    Action.objects.filter(office=officer.office, finding__label="Recommendation 1").update(
        target_on=date(2024, 1, 31)
    )
    client.force_login(officer)
    page = client.get(reverse("search:search"), {"q": "strip searches children"}).content.decode()
    assert "Cheshire Constabulary: Open, target 31 Jan 2024" in page and "Past its target date" in page
    client.force_login(records["people"]["other-office"])  # Merseyside's office: not Cheshire's actions
    other = client.get(reverse("search:search"), {"q": "strip searches children"}).content.decode()
    assert "strip</mark>" in other and "Cheshire Constabulary: Open" not in other


def test_a_mistyped_word_is_corrected_to_one_a_finding_holds_and_said_so(records, client):
    from search.register import compare_new_findings

    compare_new_findings()  # the worker's comparison fills the words corrections are made to
    officer = records["people"]["officer"]
    results = search(officer, "stirp serches")
    assert results.corrected_from == "stirp serches" and results.text == "strip searches"
    assert results.total == 2
    assert search(officer, "zebra").total == 0  # nothing alike: nothing found, nothing corrected
    assert not search(officer, "stirp", correct=False).total
    client.force_login(officer)
    page = client.get(reverse("search:search"), {"q": "custdy"}).content.decode()
    assert "Nothing you can open holds “custdy”" in page and "<mark>custody</mark>" in page


def test_a_finding_is_found_by_what_its_updates_say_for_those_who_may_read_them(records, client):
    from tracking.models import Action
    from tracking.services import Change, record_update

    officer = records["people"]["officer"]
    action = Action.objects.get(office=officer.office, finding__label="Recommendation 2")
    record_update(
        action=action,
        change=Change(
            effective_on=date(2024, 2, 1), text="Lighthouse accommodation agreed with the council."
        ),
        user=officer,
    )
    assert labels(search(officer, "lighthouse")) == ["Children Recommendation 2"]
    client.force_login(officer)
    page = client.get(reverse("search:search"), {"q": "lighthouse"}).content.decode()
    assert "An update of 1 Feb 2024 says: <mark>Lighthouse</mark> accommodation" in page
    assert search(records["people"]["other-office"], "lighthouse").total == 0  # another office's note
    assert search(records["people"]["panel"], "lighthouse").total == 0  # an internal note, not public
