"""The demo's people are described by what they can do: the words printed for each match their rights."""

import pytest
from django.urls import reverse

from accounts.demo import PEOPLE
from accounts.models import User
from accounts.testing import client_as
from scrutiny.demo import load_demo

pytestmark = pytest.mark.django_db


def test_only_the_people_the_demo_says_import_custody_records_can_open_the_import():
    load_demo()
    for person in PEOPLE:
        says_so = "imports custody records" in person.can
        status = (
            client_as(User.objects.get(username=person.username)).get(reverse("custody:import")).status_code
        )
        assert (status == 200) == says_so, f"{person.username} ({person.can}): {status}"
