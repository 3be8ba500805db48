"""Reading an uploaded report, in the background worker: a scan's OCR or a long report's extraction
never holds up a web request."""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from core import jobs
from documents import DocumentError
from documents.uploads import discard, staged_at
from reports.services import ingest_file, stored_with_file


@task()
def read_report(
    *, job_id: int, path: str, original_name: str, published_on: str = "", user_id=None, history: bool = False
) -> None:
    """Read a staged upload, store the report and its findings, and send people to check them."""
    with jobs.running(job_id) as progress:
        try:
            staged = staged_at(path)
            outcome = ingest_file(
                staged,
                created_by=get_user_model().objects.filter(pk=user_id).first(),
                published_on=date.fromisoformat(published_on) if published_on else None,
                original_name=original_name,
                history=history,
                on_page=lambda done, total: progress.step(done, total, f"Reading page {done + 1} of {total}"),
            )
        except DocumentError as error:
            raise jobs.JobFailed(str(error)) from None
        finally:
            discard(Path(path))
        report = outcome.report
        if outcome.created:
            count = report.findings.count()
            message = f"{original_name} read: {count} finding{'s' if count != 1 else ''} to check."
            if history:
                message += " It is recorded as a past report: its response is history, never overdue."
        elif outcome.same_as:
            message = (
                f"{original_name} is another format of a report stored before ({outcome.same_as}): "
                "it is kept as another source of that report."
            )
        else:
            message = f"{original_name} was uploaded before; this is the report made from it."
        progress.finish(
            url=reverse("reports:report-review", kwargs={"pk": report.pk}),
            message=message,
            report_id=report.pk,
            created=outcome.created,
        )


def start_reading(uploaded, *, user, published_on: date | None = None, history: bool = False):
    """Stage an upload and have the worker read it: (job, None); or (None, report) when the same file was
    read before. Raises DocumentError, naming the file, for one too big, empty or of a kind Scrutiny does
    not read; nothing is kept then."""
    from documents.uploads import stage

    staged = stage(uploaded)
    existing = stored_with_file(staged.sha256)
    if existing is not None:
        discard(staged.path)
        return None, existing
    job = jobs.start(
        read_report,
        kind="intake",
        label=f"Reading {staged.original_name}",
        owner=user,
        back_url=reverse("reports:report-upload"),
        path=str(staged.path),
        original_name=staged.original_name,
        published_on=published_on.isoformat() if published_on else "",
        user_id=user.pk if user else None,
        history=history,
    )
    return job, None
