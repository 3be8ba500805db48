"""Findings that offices rely on."""

import pytest

from core.demo import load_demo

pytestmark = pytest.mark.django_db


def test_a_finding_an_office_has_answered_cannot_be_deleted_or_merged_away(signed_in):
    report = load_demo()["report"]
    answered = report.findings.get(label="5a")
    response = signed_in.post(f"/findings/{answered.pk}/delete/", follow=True)
    assert "5a was not deleted: 5a is answered in 1 office response" in response.content.decode()
    first = report.findings.get(label="Recommendation 5")
    response = signed_in.post(f"/findings/{first.pk}/merge/", follow=True)
    assert "5a was not merged" in response.content.decode()
    assert report.findings.filter(label="5a").exists()
