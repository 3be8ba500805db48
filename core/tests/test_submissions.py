"""A form's submission token is forgotten a week on, whoever it belonged to."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.testing import make_user
from core.models import Submission
from core.submissions import forget_old

pytestmark = pytest.mark.django_db


def test_submission_tokens_are_pruned_for_everyone_not_only_the_person_sending():
    gone = make_user(username="left-the-office")
    old = Submission.objects.create(key="old", user=gone, result_url="/reports/1/")
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    recent = Submission.objects.create(key="recent", user=gone, result_url="/reports/2/")
    assert forget_old() == 1
    assert list(Submission.objects.values_list("key", flat=True)) == [recent.key]
