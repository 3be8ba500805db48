"""The public search: anyone, signed in or not, searches the findings that published responses answer,
and nothing that is not published."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from responses.models import ResponseObligation
from responses.testing import make_obligation

pytestmark = pytest.mark.django_db


def test_anyone_finds_the_findings_of_published_responses_and_nothing_else():
    published = make_obligation(force="cheshire", title="Custody in Cheshire")
    ResponseObligation.objects.filter(pk=published.pk).update(published_on=date(2026, 5, 1))
    make_obligation(force="merseyside", title="Custody in Merseyside")  # not published
    page = Client().get(reverse("search:public-search"), {"q": "act matter"}).content.decode()
    assert "Custody in Cheshire" in page and "Custody in Merseyside" not in page
    assert reverse("responses:public-response", args=[published.pk]) in page
    assert "<mark>matter</mark>" in page
    empty = Client().get(reverse("search:public-search"), {"q": "-matter"}).content.decode()
    assert "Type at least one word" in empty
