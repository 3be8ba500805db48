"""At 375 px, a phone's width, no page scrolls sideways: one page of each layout (lists, details, forms,
the editor, the tracker, the custody figures). Wide tables scroll inside their own box, never the page."""

import pytest
from django.urls import reverse

from reports.models import Report
from scrutiny.demo import REPORT_TITLE
from tests.test_browser import browser, repeated, sign_in  # noqa: F401 (browser is a fixture)
from tracking.models import Action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages() -> dict[str, str]:
    report = Report.objects.get(title=REPORT_TITLE)
    obligation = report.obligations.get(body__force__code="cheshire")
    proposal = repeated()
    return {
        "the home page": reverse("home"),
        "the list of reports": reverse("reports:report-list"),
        "a report": reverse("reports:report-detail", kwargs={"pk": report.pk}),
        "a report's review": reverse("reports:report-review", kwargs={"pk": report.pk}),
        "the form to add a report": reverse("reports:report-add"),
        "the deadlines": reverse("responses:deadlines"),
        "an obligation": reverse("responses:obligation-detail", kwargs={"pk": obligation.pk}),
        "the response editor": reverse("responses:response-editor", kwargs={"pk": obligation.pk}),
        "the tracker": reverse("tracking:action-list"),
        "an action": reverse("tracking:action-detail", kwargs={"pk": Action.objects.first().pk}),
        "the referrals": reverse("partnerships:referral-list"),
        "the coverage": reverse("partnerships:coverage"),
        "the custody figures": reverse("custody:figures"),
        "a search with results and facets": reverse("search:search") + "?q=custody",
        "a finding printed in two reports": reverse(
            "search:register-item", kwargs={"pk": proposal.earlier.fingerprint.item_id}
        ),
        "the proposals to decide": reverse("search:proposal-list"),
    }


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server):  # noqa: F811
    sign_in(browser, live_server)
    browser.set_window_size(375, 812)
    wide = {}
    for name, path in pages().items():
        browser.get(f"{live_server.url}{path}")
        width = browser.execute_script("return document.documentElement.scrollWidth")
        inner = browser.execute_script("return window.innerWidth")
        if width > inner:
            culprit = browser.execute_script(
                "const w = window.innerWidth; return [...document.querySelectorAll('main *')]"
                ".filter(e => e.getBoundingClientRect().right > w + 1)"
                ".map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''))"
                ".slice(0, 3).join(', ')"
            )
            wide[name] = f"{width} px wide at {inner}: {culprit}"
    assert wide == {}
