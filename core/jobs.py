"""Long work in the background worker, with progress people can watch.

A view (or the API, or the CLI) calls `start(...)`: a `Job` row is made and the task enqueued with
Django's tasks framework (the database backend, so no broker; `scrutiny worker` runs them). The task
receives `job_id` and wraps its work in `running(job_id)`, which marks the job running, lets it report
steps, and records how it ended: `JobFailed` carries a message for people ("report.pdf: the PDF is
damaged"); any other exception is logged and shown as an unexpected failure, never as a traceback.

In tests the tasks backend is the immediate one, so `start` runs the work before it returns.
"""

import logging
from contextlib import contextmanager

from django.utils import timezone

from core.models import Job

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """The work cannot be done; the message says why, in words for the person who started it."""


def start(task, *, kind: str, label: str, owner=None, back_url: str = "", **arguments) -> Job:
    """Record the job and hand it to the worker; `arguments` must be JSON (ids, not objects). `back_url`
    is where people try again if it fails."""
    job = Job.objects.create(kind=kind, label=label[:300], owner=owner, back_url=back_url)
    task.enqueue(job_id=job.pk, **arguments)
    job.refresh_from_db()  # the immediate backend has already run it
    return job


class Progress:
    """What a running task reports: steps done of a total, and a message; written at most every step."""

    def __init__(self, job: Job):
        self.job = job

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.job.done = done
        if total is not None:
            self.job.total = total
        if message:
            self.job.message = message[:500]
        self.job.save(update_fields=["done", "total", "message"])

    def finish(self, *, url: str = "", message: str = "", **result) -> None:
        self.job.result_url, self.job.result = url, result
        if message:
            self.job.message = message[:500]


@contextmanager
def running(job_id: int):
    """Run a job's work: its state, start and end times, and how it failed if it did. (The worker looks
    after its database connection between tasks; closing it here would end the transaction of a request
    that runs its task at once.)"""
    job = Job.objects.get(pk=job_id)
    job.state, job.started_at = Job.State.RUNNING, timezone.now()
    job.save(update_fields=["state", "started_at"])
    progress = Progress(job)
    try:
        yield progress
    except JobFailed as failure:
        end(job, Job.State.FAILED, str(failure))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        end(job, Job.State.FAILED, "Something went wrong that Scrutiny did not expect; the error is logged.")
    else:
        if job.total and job.done < job.total:
            job.done = job.total
        end(job, Job.State.DONE, job.message)


def end(job: Job, state: str, message: str) -> None:
    job.state, job.message, job.finished_at = state, (message or "")[:500], timezone.now()
    job.save()
