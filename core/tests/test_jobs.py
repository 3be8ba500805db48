"""Background jobs: started, run by the worker, followed on their page, failing with a clear message."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import task

from core import jobs
from core.models import Job
from core.testing import get_page

pytestmark = pytest.mark.django_db


@task()
def count_pages(*, job_id: int, pages: int, fail_at: int | None = None) -> None:
    with jobs.running(job_id) as progress:
        for page in range(1, pages + 1):
            if page == fail_at:
                raise jobs.JobFailed(f"report.pdf: page {page} is damaged")
            progress.step(page, pages, f"Read page {page} of {pages}")
        progress.finish(url="/reports/", message=f"Read {pages} pages")


@task()
def breaks(*, job_id: int) -> None:
    with jobs.running(job_id):
        raise KeyError("a bug")


DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)  # the worker, as in production, closes its connection between tasks
def test_the_worker_runs_a_queued_job_and_records_its_progress(user):
    with override_settings(TASKS=DATABASE):
        job = jobs.start(count_pages, kind="test", label="Reading report.pdf", owner=user, pages=3)
        assert job.state == Job.State.QUEUED  # nothing runs in the request
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.message) == (Job.State.DONE, 3, 3, "Read 3 pages")
    assert job.result_url == "/reports/" and job.started_at <= job.finished_at


def test_a_failure_keeps_its_message_for_people(user):
    job = jobs.start(count_pages, kind="test", label="Reading report.pdf", owner=user, pages=5, fail_at=2)
    assert job.state == Job.State.FAILED and job.message == "report.pdf: page 2 is damaged"


def test_an_unexpected_error_is_logged_not_shown(user, caplog):
    job = jobs.start(breaks, kind="test", label="Reading", owner=user)
    assert job.state == Job.State.FAILED and "KeyError" not in job.message and "did not expect" in job.message
    assert "KeyError" in caplog.text


def test_the_page_shows_progress_and_hands_over_to_the_result_when_done(signed_in, user):
    job = Job.objects.create(kind="test", label="Reading report.pdf", owner=user, done=1, total=4)
    html = get_page(signed_in, f"/jobs/{job.pk}/")
    assert "Reading report.pdf" in html and 'value="25"' in html and 'hx-trigger="every 1s"' in html
    job.state, job.result_url = Job.State.DONE, "/reports/"
    job.save()
    assert signed_in.get(f"/jobs/{job.pk}/").url == "/reports/"
    polled = signed_in.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert polled["HX-Redirect"] == "/reports/"


def test_people_follow_only_their_own_jobs(client, user):
    from django.contrib.auth import get_user_model

    someone = get_user_model().objects.create_user(username="someone-else", password="x" * 12)
    job = Job.objects.create(kind="test", label="Reading", owner=someone)
    client.force_login(user)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
