"""In Chromium: each demo role signs in as `scrutiny demo` prints it (the administrator and the custody user
with the code from their printed demo key), and the review page keeps the officer on it."""

import pytest

from accounts.demo import PEOPLE, demo_device
from reports.models import Finding, Report
from reports.testing import make_finding, make_report
from scrutiny.demo import DEMO_PASSWORD, REPORT_TITLE
from tests.browser import axe_violations
from tests.test_browser import browser, sign_in, text_of  # noqa: F401 (browser is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_demo_role_signs_in_and_finds_its_home_page(browser, live_server):  # noqa: F811
    from selenium.webdriver.common.by import By

    expected = {
        "demo-officer": "copies to HM Inspectors and the Home Secretary not sent: 1",
        "demo-admin": "copies to HM Inspectors and the Home Secretary not sent: 1",
        "demo-custody": "copies to HM Inspectors and the Home Secretary not sent: 1",
        "demo-force": "6 open actions",
        "demo-partnership": "Waiting for your outcome (1)",
        "demo-panel": "Published responses (1)",
    }
    problems = {}
    for person in PEOPLE:
        browser.delete_all_cookies()
        device = demo_device(person.username) if person.username in ("demo-admin", "demo-custody") else None
        sign_in(browser, live_server, username=person.username, password=DEMO_PASSWORD, device=device)
        assert browser.current_url == f"{live_server.url}/", (
            f"{person.username} ended at {browser.current_url}"
        )
        main = browser.find_element(By.TAG_NAME, "main").text
        assert expected[person.username] in main, f"{person.username}'s home page: {main[:600]}"
        problems[person.username] = axe_violations(browser)
    nav = browser.find_element(By.TAG_NAME, "header").text
    assert "People" not in nav  # the last signed in is the panel member
    found = {who: issues for who, issues in problems.items() if issues}
    assert not found, found


def test_the_review_page_counts_each_check_and_stays_open_after_a_delete(browser, live_server):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    report = make_report(title="A custody inspection for review")
    afi = Finding.Kind.AREA_FOR_IMPROVEMENT
    first = make_finding(
        report=report, kind=afi, label="AFI 1", text="Supervisors should review.", confidence=0.95
    )
    summary = make_finding(
        report=report, kind=afi, label="AFI 1", text="In summary, supervision.", confidence=0.6
    )
    make_finding(report=report, label="Recommendation 1", anchors=[{"page": 9}], confidence=0.8)
    sign_in(browser, live_server, next_path=f"/reports/{report.pk}/review/")
    review = f"{live_server.url}/reports/{report.pk}/review/"
    assert browser.current_url == review
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "More than one finding has the label “AFI 1”" in main and "3 not yet checked" in main
    assert "Likely right" in main and "Check carefully" in main and "Printed on page 9." in main
    assert not browser.find_elements(By.CSS_SELECTOR, 'a[href^="#source-page-"]')
    assert axe_violations(browser) == []
    # Accepting with htmx swaps the finding in place and the count with it, without a new page.
    browser.execute_script("window.stillHere = true")
    browser.find_element(By.CSS_SELECTOR, f"#finding-{first.pk} button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "2 not yet checked" in text_of(b, "review-progress"))
    assert browser.execute_script("return window.stillHere") is True
    assert "Checked" in text_of(browser, f"finding-{first.pk}")
    # Deleting the summary's copy comes back to the review, where the warning has gone.
    browser.find_element(By.CSS_SELECTOR, f'#finding-{summary.pk} a[href$="/delete/?from=review"]').click()
    WebDriverWait(browser, 10).until(lambda b: "/delete/" in b.current_url)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.startswith(review))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "AFI 1 deleted." in browser.page_source and "More than one finding" not in main
    assert "1 not yet checked" in main


def test_the_public_response_shows_the_chief_constables_letter_as_written(browser, live_server):  # noqa: F811
    from selenium.webdriver.common.by import By

    obligation = Report.objects.get(title=REPORT_TITLE).obligations.get(body__force__code="cheshire")
    obligation.comments_text = (
        "Dear Commissioner,\n\nI accept the report.\n\nYours sincerely,\nA. Chief\nChief Constable"
    )
    obligation.save()
    from responses.services import keep_as_published

    keep_as_published(obligation)  # as if published with this letter: the public reads what was published
    browser.get(f"{live_server.url}/published/{obligation.pk}/")
    paragraphs = [p.text for p in browser.find_elements(By.CSS_SELECTOR, "article p.app-finding-text")]
    assert paragraphs[-3:] == [
        "Dear Commissioner,",
        "I accept the report.",
        "Yours sincerely,\nA. Chief\nChief Constable",
    ]
    assert axe_violations(browser) == []
