"""A form's submission token is forgotten a week on, whoever it belonged to."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import Submission
from core.submissions import forget_old

pytestmark = pytest.mark.django_db


def test_submission_tokens_are_pruned_for_everyone_not_only_the_person_sending():
    gone = get_user_model().objects.create_user(username="left-the-office", password="x" * 20)
    old = Submission.objects.create(key="old", user=gone, result_url="/reports/1/")
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    recent = Submission.objects.create(key="recent", user=gone, result_url="/reports/2/")
    assert forget_old() == 1
    assert list(Submission.objects.values_list("key", flat=True)) == [recent.key]


def test_a_token_another_person_already_used_is_a_new_request_not_a_server_error(rf):
    from core.submissions import once

    users = get_user_model().objects
    first = users.create_user(username="first", password="x" * 20)
    second = users.create_user(username="second", password="x" * 20)
    request = rf.post("/", {"submission": "same-token"})
    request.user = first
    assert once(request, lambda: "/made/1/") == ("/made/1/", True)
    request = rf.post("/", {"submission": "same-token"})
    request.user = second
    assert once(request, lambda: "/made/2/") == ("/made/2/", True)
