"""End to end in a real headless Chromium: sign in, open the scenario's report, and audit every page."""

import shutil
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.testing import PASSWORD, make_user
from core.models import Job
from core.testing import url_names
from custody.models import ImportBatch
from directory.models import SafeguardingPartnership
from partnerships.models import CoverageImport, Referral
from reports.models import Finding, Report
from scrutiny.demo import DEMO_PASSWORD, DEMO_USERNAME, REPORT_TITLE, load_demo
from tests.browser import axe_violations, preload_axe, require_browser, start_chromium
from tracking.models import Action, Evidence
from tracking.models import ImportBatch as TrackerImport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every page, as (URL name, how to find its arguments from the demo data). The audit test below fails when
# a URL name is neither here nor in NOT_PAGES, so a new page cannot miss the audit.
PAGES = {
    "home": lambda: {},
    "accessibility": lambda: {},
    "core:job": lambda: {"pk": Job.objects.get_or_create(kind="demo", label="Reading a report")[0].pk},
    "accounts:sign-in": lambda: {},
    "accounts:two-factor": lambda: {},
    "accounts:audit": lambda: {},
    "accounts:people": lambda: {},
    "accounts:person-invite": lambda: {},
    "accounts:person": lambda: {"pk": User.objects.get(username=DEMO_USERNAME).pk},
    "accounts:api-tokens": lambda: {},
    "accounts:two-factor-setup": lambda: {},
    "accounts:recovery-codes": lambda: {},
    "accounts:password-reset": lambda: {},
    "accounts:password-reset-sent": lambda: {},
    "accounts:password-reset-confirm": lambda: {"uidb64": "MQ", "token": "expired-link"},
    "accounts:password-reset-done": lambda: {},
    "directory:force-list": lambda: {},
    "directory:force-detail": lambda: {"code": "cheshire"},
    "reports:report-list": lambda: {},
    "reports:report-add": lambda: {},
    "reports:report-detail": lambda: {"pk": Report.objects.get(title=REPORT_TITLE).pk},
    "reports:report-edit": lambda: {"pk": Report.objects.get(title=REPORT_TITLE).pk},
    "reports:finding-add": lambda: {"pk": Report.objects.get(title=REPORT_TITLE).pk},
    "reports:finding-list": lambda: {},
    "search:search": lambda: {},
    "search:saved-list": lambda: {},
    "search:public-search": lambda: {},
    "search:register": lambda: repeated() and {},
    "search:register-item": lambda: {"pk": repeated().earlier.fingerprint.item_id},
    "search:proposal-list": lambda: repeated() and {},  # a page with a proposal and its form
    "reports:report-upload": lambda: {},
    "reports:report-review": lambda: {"pk": Report.objects.get(title=REPORT_TITLE).pk},
    "reports:finding-split": lambda: {"pk": Finding.objects.get(label="Recommendation 1").pk},
    "reports:finding-edit": lambda: {"pk": Finding.objects.get(label="5a").pk},
    "reports:finding-delete": lambda: {"pk": Finding.objects.get(label="Recommendation 5").pk},
    "api-docs": lambda: {},
    "responses:deadlines": lambda: {},
    "responses:office-settings": lambda: {},
    "responses:response-publish": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:public-response": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:public-index": lambda: {},
    "responses:response-preview": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:response-published": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:response-editor": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:obligation-invite": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:comment-links": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:obligation-comments": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:obligation-detail": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "responses:response-versions": lambda: {
        "pk": Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire").pk
    },
    "partnerships:partnership-list": lambda: {},
    "partnerships:partnership-detail": lambda: {
        "pk": SafeguardingPartnership.objects.get(name__startswith="Halton").pk
    },
    "partnerships:partnership-edit": lambda: {
        "pk": SafeguardingPartnership.objects.get(name__startswith="Halton").pk
    },
    "partnerships:coverage": lambda: {},
    "partnerships:coverage-authority": lambda: {"code": "E06000050"},
    "partnerships:inspection-add": lambda: {},
    "partnerships:coverage-import": lambda: {},
    "partnerships:import-detail": lambda: {"pk": CoverageImport.objects.first().pk},
    "partnerships:referral-list": lambda: {},
    "partnerships:referral-template": lambda: {},
    "partnerships:referral-detail": lambda: {
        "pk": Referral.objects.get(partnership__name__startswith="Cheshire West").pk
    },
    "partnerships:refer": lambda: {"pk": Report.objects.get(title=REPORT_TITLE).pk},
    "custody:figures": lambda: {},
    "custody:rules": lambda: {},
    "custody:import": lambda: {},
    "custody:batches": lambda: {},
    "custody:batch": lambda: {"pk": ImportBatch.objects.first().pk},
    "custody:batch-delete": lambda: {"pk": ImportBatch.objects.first().pk},
    "custody:records": lambda: {},
    "tracking:action-list": lambda: {},
    "tracking:panel-report": lambda: {},
    "tracking:statuses": lambda: {},
    "tracking:dashboard": lambda: {},
    "tracking:import": lambda: {},
    "tracking:public-tracker": lambda: {"office": tracked("Recommendation 1").office_id},
    "tracking:force-actions": lambda: {},
    "tracking:action-detail": lambda: {"pk": tracked("Recommendation 2").pk},
    "tracking:import-map": lambda: {"pk": tracker_import().pk},
    "tracking:import-summary": lambda: {"pk": tracker_import(imported=True).pk},
    "tracking:open-actions": lambda: {"pk": Report.objects.get(title=REPORT_TITLE).pk},
    "tracking:evidence-remove": lambda: {
        "pk": Evidence.objects.filter(update__action=tracked("Recommendation 1")).first().pk
    },
    "admin:reports_finding_change": lambda: {"object_id": Finding.objects.get(label="5a").pk},
    "admin:accounts_user_change": lambda: {"object_id": User.objects.get(username=DEMO_USERNAME).pk},
    "admin:index": lambda: {},
    "admin:reports_report_changelist": lambda: {},
    "admin:reports_report_change": lambda: {"object_id": Report.objects.get(title=REPORT_TITLE).pk},
}
NOT_PAGES = {
    "search:search-export": "a CSV or Excel download",
    "search:search-save": "answers POST only (its refusal shows the search page, audited above)",
    "search:saved-change": "answers POST only",
    "search:proposal-decide": "answers POST only",
    "accounts:audit-export": "a CSV download",
    "responses:comments-document": "a download of the stored document",
    "responses:office-logo": "a picture",
    "accounts:api-token-revoke": "answers POST only",
    "accounts:sign-out": "answers POST only",
    "api:openapi-json": "JSON, not a page",
    "reports:report-reviewed": "answers POST only",
    "reports:finding-accept": "answers POST only",
    "reports:finding-merge": "answers POST only",
    "reports:source-file": "a download of the stored document",
    "responses:section-add": "answers POST only (its errors show the editor, audited above)",
    "responses:response-approve": "answers POST only (a refusal shows the editor, audited above)",
    "responses:response-submit": "answers POST only (a refusal shows the editor, audited above)",
    "responses:response-send-back": "answers POST only (a refusal shows the editor, audited above)",
    "responses:draft-comment": "answers POST only (a refusal shows the editor, audited above)",
    "responses:force-comments": "for people at an invited force: audited in scrutiny/tests/test_officers_day.py",
    "responses:section-save": "answers POST only",
    "responses:copies-sent": "answers POST only",
    "responses:calendar-feed": "an iCalendar file",
    "responses:response-download": "a Word or PDF download",
    "responses:public-download": "a Word or PDF download",
    "responses:section-delete": "answers POST only",
    "responses:section-requote": "answers POST only (a conflict shows the editor, audited above)",
    "responses:deadlines-export": "a CSV or Excel download",
    "reports:finding-list-export": "a CSV or Excel download",
    "reports:report-findings-export": "a CSV or Excel download",
    "responses:mark-history": "answers POST only (the deadlines page's selection; checked by responses/tests/test_history.py)",
    "responses:public-version": "the published page's template, audited above, with an earlier version",
    "partnerships:coverage-export": "an Excel download",
    "partnerships:referrals-export": "an Excel download",
    "custody:template": "a CSV download",
    "custody:return": "an Excel or CSV download",
    "custody:records-export": "a CSV or Excel download",
    "custody:briefing": "a Word download",
    "custody:rule-delete": "answers POST only",
    "tracking:bulk-edit": "answers POST only (refusals show on the tracker, audited above)",
    "tracking:export": "an Excel or CSV download",
    "tracking:panel-report-download": "a Word, PDF or Excel download",
    "tracking:public-tracker-csv": "a CSV download",
    "tracking:publish": "answers POST only",
    "tracking:evidence-download": "a download of the stored file",
}


def tracker_import(imported=False):
    """An uploaded tracker waiting for its columns to be mapped (or imported), in the scenario's office."""
    officer = User.objects.get(username=DEMO_USERNAME)
    outcome = {"state": "imported", "imported_count": 1, "updated": 1, "imported_at": timezone.now()}
    return TrackerImport.objects.get_or_create(
        office=officer.office,
        original_name="imported-tracker.csv" if imported else "old-tracker.csv",
        defaults={
            "uploaded_by": officer,
            "columns": ["Report", "Recommendation", "Owner", "Target date", "Status"],
            "rows": [[REPORT_TITLE, "Recommendation 1", "Head of Custody", "2020-08-27", "In progress"]],
            **(outcome if imported else {}),
        },
    )[0]


def repeated():
    """A Cheshire recommendation printed again in a later report, compared: a national item and a proposal
    (made once, for the register's pages)."""
    from search.models import Proposal
    from search.testing import make_repeated_recommendation

    return Proposal.objects.first() or make_repeated_recommendation("cheshire")


def tracked(label: str):
    """The Cheshire office's action on a finding of the scenario's report."""
    return Action.objects.get(
        finding__report__title=REPORT_TITLE, force__code="cheshire", finding__label=label
    )


@pytest.fixture
def browser(live_server):
    require_browser()
    driver, profile = start_chromium()
    load_demo()
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def sign_in(browser, live_server, username=DEMO_USERNAME, password=DEMO_PASSWORD, next_path="/", device=None):
    """Sign in through the form; with an authenticator `device`, give its code at the second step."""
    from django_otp.oath import totp
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(f"{live_server.url}/sign-in/?next={next_path}")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    WebDriverWait(browser, 10).until(  # the next page has loaded, not just its address
        lambda b: (
            "/sign-in/" not in b.current_url and b.execute_script("return document.readyState") == "complete"
        )
    )
    if device is not None:
        assert "/two-factor/" in browser.current_url
        code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        browser.find_element(By.ID, "id_code").send_keys(code)
        browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
        WebDriverWait(browser, 10).until(
            lambda b: (
                "/two-factor/" not in b.current_url
                and b.execute_script("return document.readyState") == "complete"
            )
        )


def test_an_officer_signs_in_and_opens_the_scenario_report(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(f"{live_server.url}/reports/")
    assert browser.current_url.startswith(f"{live_server.url}/sign-in/")
    sign_in(browser, live_server, next_path="/reports/")
    WebDriverWait(browser, 10).until(expected_conditions.url_to_be(f"{live_server.url}/reports/"))
    browser.find_element(By.LINK_TEXT, REPORT_TITLE).click()
    heading = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located((By.TAG_NAME, "h1"))
    )
    assert heading.text == REPORT_TITLE
    body = browser.find_element(By.TAG_NAME, "main").text
    assert "27 February 2020" in body and "Recommendation 5" in body and "5a" in body
    # GOV.UK Frontend's script ran: the page is styled and its components are initialised.
    assert "govuk-frontend-supported" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    assert browser.execute_script("return getComputedStyle(document.querySelector('h1')).fontWeight") == "700"


def test_filtering_the_report_list_updates_the_results_in_place(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.wait import WebDriverWait

    sign_in(browser, live_server, next_path="/reports/")
    year = WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.ID, "id_year"))[0]
    Select(year).select_by_value("2020")
    WebDriverWait(browser, 10).until(lambda b: "year=2020" in b.current_url)
    WebDriverWait(browser, 10).until(lambda b: REPORT_TITLE in text_of(b, "results"))


def test_the_audit_covers_every_page():
    names = set(url_names())
    # Django admin pages are sampled (index, a list, change forms); API operations answer JSON.
    ours = {name for name in names if not name.startswith(("admin:", "api:")) or name in PAGES}
    api_pages = {name for name in names if name.startswith("api:") and name != "api:openapi-json"}
    unaccounted = ours - set(PAGES) - set(NOT_PAGES) - api_pages
    assert not unaccounted, f"add these pages to PAGES in tests/test_browser.py: {sorted(unaccounted)}"


def test_no_page_has_serious_or_critical_accessibility_problems(browser, live_server):
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from selenium.webdriver.common.by import By

    auditor = make_user(username="auditor", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=auditor, name="Phone", confirmed=True)
    problems = {}
    preload_axe(browser)
    browser.get(f"{live_server.url}/sign-in/")
    problems["sign-in (empty)"] = axe_violations(browser)
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    problems["sign-in (with errors)"] = axe_violations(browser)
    sign_in(browser, live_server, username="auditor", password=PASSWORD, device=device)
    for name, arguments in PAGES.items():
        if name == "accounts:sign-in":
            continue
        path = reverse(name, kwargs=arguments())
        browser.get(live_server.url + path)
        title = browser.title
        assert "not found" not in title.lower() and "error" not in title.lower(), f"{name} answered {title!r}"
        # The page audited is the page named, not one it redirected to (an admin page for a missing id).
        assert browser.current_url.split("?")[0] == live_server.url + path, (
            f"{name} went to {browser.current_url}"
        )
        problems[name] = axe_violations(browser)
    browser.get(live_server.url + reverse("search:search") + "?q=custody+-adults&kind=recommendation")
    assert "<mark>" in browser.page_source, "the search found nothing to audit"
    problems["search:search (results, facets, snippets)"] = axe_violations(browser)
    browser.get(live_server.url + "/reports/999999/")
    assert "Page not found" in browser.title
    problems["404 page"] = axe_violations(browser)
    browser.get(live_server.url + reverse("reports:report-add"))
    browser.find_element(By.CSS_SELECTOR, "main form button:not([name])").click()
    problems["reports:report-add (with errors)"] = axe_violations(browser)
    found = {page: issues for page, issues in problems.items() if issues}
    assert not found, "\n".join(f"{page}: {issue}" for page, issues in found.items() for issue in issues)


def text_of(browser, element_id: str, by: str = "id") -> str:
    """An element's text, or "" while htmx swaps it or the browser loads the next page."""
    from selenium.common.exceptions import WebDriverException

    try:
        return browser.find_element(by, element_id).text
    except WebDriverException:  # stale, missing, or "node does not belong to the document" mid-navigation
        return ""


def custody_obligation():
    """Cheshire's obligation to answer a national report with two recommendations."""
    from directory.models import ReportType
    from reports.services import FindingInput, create_report

    report = create_report(
        title="Custody thematic",
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=date(2024, 3, 1),
        inspectorates=[],
        all_forces=True,
        findings=[
            FindingInput("recommendation", "Recommendation 1", "Chief constables should count detentions."),
            FindingInput("recommendation", "Recommendation 2", "Chief constables should publish the counts."),
        ],
    )
    return report.obligations.get(body__force__code="cheshire")


def test_an_officer_writes_a_response_sends_it_when_every_answer_is_in_and_another_approves(
    browser, live_server
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    obligation = custody_obligation()
    sign_in(browser, live_server, next_path=f"/obligations/{obligation.pk}/")
    WebDriverWait(browser, 10).until(lambda b: "Write the response" in text_of(b, "main", By.TAG_NAME))
    browser.find_element(By.LINK_TEXT, "Write the response").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Start the response']").click()
    WebDriverWait(browser, 10).until(lambda b: "Send for approval" in text_of(b, "main", By.TAG_NAME))
    first, second = obligation.sections.filter(kind="recommendation").order_by("position")

    # Answer the first recommendation; htmx saves it in place.
    browser.find_element(By.ID, f"section-{first.pk}-body").send_keys("The force counts them every month.")
    browser.find_element(By.CSS_SELECTOR, f"#section-{first.pk} button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "Saved." in text_of(b, f"section-{first.pk}"))

    # Sending it is refused, naming the recommendation still to answer; the writer is not offered approval.
    browser.find_element(By.XPATH, "//button[normalize-space()='Send for approval']").click()
    WebDriverWait(browser, 10).until(
        lambda b: "cannot be sent for approval" in text_of(b, "main", By.TAG_NAME)
    )
    summary = browser.find_element(By.CLASS_NAME, "govuk-error-summary")
    assert "Recommendation 2" in summary.text and "Recommendation 1" not in summary.text
    assert "Approve the response" not in text_of(browser, "main", By.TAG_NAME)
    problems = axe_violations(browser)
    assert not problems, problems

    # Follow the error's link to the empty answer, write it, send it straight away: it is saved first.
    summary.find_element(By.LINK_TEXT, "Recommendation 2").click()
    browser.find_element(By.ID, f"section-{second.pk}-body").send_keys(
        "The force will publish them from June 2024."
    )
    browser.find_element(By.XPATH, "//button[normalize-space()='Send for approval']").click()
    WebDriverWait(browser, 10).until(lambda b: "Sent for approval" in text_of(b, "main", By.TAG_NAME))
    second.refresh_from_db()
    assert second.body == "The force will publish them from June 2024."

    # Another officer of the office approves it.
    make_user(username="second-pair-of-eyes")
    browser.delete_all_cookies()
    sign_in(browser, live_server, username="second-pair-of-eyes", password=PASSWORD, next_path="/")
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/response/")
    browser.find_element(By.XPATH, "//button[normalize-space()='Approve the response']").click()
    WebDriverWait(browser, 10).until(lambda b: "Response approved" in text_of(b, "main", By.TAG_NAME))
    obligation.refresh_from_db()
    assert obligation.status == "approved" and obligation.approved_on is not None


def test_a_section_saves_itself_when_the_officer_moves_on(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.wait import WebDriverWait

    obligation = custody_obligation()
    sign_in(browser, live_server, next_path=f"/obligations/{obligation.pk}/response/")
    browser.find_element(By.XPATH, "//button[normalize-space()='Start the response']").click()
    WebDriverWait(browser, 10).until(lambda b: "Send for approval" in text_of(b, "main", By.TAG_NAME))
    first = obligation.sections.filter(kind="recommendation").order_by("position").first()
    answer = browser.find_element(By.ID, f"section-{first.pk}-body")
    answer.send_keys("Counted every month from April.")
    answer.send_keys(Keys.TAB)  # no Save pressed: leaving the text saves it
    WebDriverWait(browser, 10).until(lambda b: "Saved." in text_of(b, f"section-{first.pk}"))
    first.refresh_from_db()
    assert first.body == "Counted every month from April." and first.version == 2
    browser.refresh()  # nothing left unsaved: the page leaves without asking
    assert browser.find_element(By.ID, f"section-{first.pk}-body").get_attribute("value") == first.body


def test_an_officer_imports_the_comments_and_confirms_their_links(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.wait import WebDriverWait

    obligation = custody_obligation()
    letter = tmp_path / "comments.txt"
    letter.write_text(
        "Dear Commissioner,\n\nRecommendation 1: I accept this. The force counts detentions every month.\n\n"
        "Recommendation 2: I do not accept this; the numbers are too small to publish safely.\n\n"
        "Yours sincerely,\n"
    )
    sign_in(browser, live_server, next_path=f"/obligations/{obligation.pk}/comments/")
    WebDriverWait(browser, 10).until(lambda b: "Save the comments" in text_of(b, "main", By.TAG_NAME))
    for part, value in zip(["day", "month", "year"], ["25", "3", "2024"], strict=True):
        browser.find_element(By.ID, f"id_received_on_{part}").send_keys(value)
    browser.find_element(By.ID, "id_document").send_keys(str(letter))
    browser.find_element(By.XPATH, "//button[normalize-space()='Save the comments']").click()
    WebDriverWait(browser, 10).until(lambda b: "Confirm the links" in text_of(b, "main", By.TAG_NAME))
    problems = axe_violations(browser)
    assert not problems, problems

    first, second = obligation.sections.filter(kind="recommendation").order_by("position")
    assert Select(
        browser.find_element(By.ID, f"id_section-{first.pk}-stance")
    ).first_selected_option.text == ("Accepted")
    stance = Select(browser.find_element(By.ID, f"id_section-{second.pk}-stance"))
    assert stance.first_selected_option.text == "Not accepted"
    stance.select_by_visible_text("Partially accepted")  # the officer knows better
    browser.find_element(By.XPATH, "//button[normalize-space()='Confirm the links']").click()
    WebDriverWait(browser, 10).until(lambda b: "All 2 confirmed" in text_of(b, "main", By.TAG_NAME))
    second.refresh_from_db()
    assert second.comments_stance == "partially accepted" and second.comments_confirmed_at is not None


def test_sorting_a_table_by_a_column_heading_and_marking_history_from_the_deadlines_page(
    browser, live_server
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    from directory.models import ReportType
    from reports.services import create_report
    from responses.models import ResponseObligation

    for title, published in [
        ("B report", date(2021, 6, 1)),
        ("A report", date(2023, 1, 9)),
        ("C report", date(2019, 3, 2)),
    ]:
        create_report(
            title=title,
            report_type=ReportType.objects.get(code="peel"),
            published_on=published,
            inspectorates=[],
            all_forces=True,
        )
    sign_in(browser, live_server, next_path="/reports/")
    heading = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(
            By.XPATH, "//table[@data-sortable]//th[.//button[normalize-space()='Published']]"
        )
    )

    def column(index):
        rows = browser.find_elements(By.CSS_SELECTOR, "table[data-sortable] tbody tr")
        return [
            row.find_elements(By.CSS_SELECTOR, "td")[index].get_attribute("data-sort-value") for row in rows
        ]

    assert heading.get_attribute("aria-sort") == "none"
    heading.find_element(By.TAG_NAME, "button").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    dates = column(1)
    assert dates == sorted(dates) and len(dates) >= 4
    heading.find_element(By.TAG_NAME, "button").click()
    assert heading.get_attribute("aria-sort") == "descending" and column(1) == sorted(dates, reverse=True)
    assert "Sorted by Published, descending." in browser.page_source

    # The deadlines page: select two overdue responses, confirm on the next page, and they are history.
    browser.get(f"{live_server.url}/deadlines/")
    overdue = ResponseObligation.objects.filter(
        body__force__code="cheshire", report__title__in=["B report", "C report"]
    )
    for obligation in overdue:
        browser.find_element(By.CSS_SELECTOR, f"label[for=select-{obligation.pk}]").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Mark the selected as history']").click()
    WebDriverWait(browser, 10).until(lambda b: "Mark 2 responses as history?" in b.page_source)
    assert axe_violations(browser) == []
    browser.find_element(By.XPATH, "//button[normalize-space()='Yes, mark 2 as history']").click()
    WebDriverWait(browser, 10).until(lambda b: "2 responses marked as history" in b.page_source)
    assert {o.report.title for o in ResponseObligation.objects.filter(history=True)} == {
        "B report",
        "C report",
    }
