"""The review screen shows what other apps say about the report: the response the office owes, whether it
is statutory and why, with the link to confirm or change that while reviewing."""

import pytest

from core.testing import get_page
from reports.testing import make_report

pytestmark = pytest.mark.django_db


def test_the_review_screen_says_whether_the_response_is_statutory_and_why(signed_in):
    report = make_report(title="A force inspection")
    html = get_page(signed_in, f"/reports/{report.pk}/review/")
    assert "Section 55 response" in html and "by default: the report type" in html
    assert "#statutory" in html  # confirm or change it, with a reason
