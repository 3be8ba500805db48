"""Coverage imports in the background worker: a large file never holds the request while it is checked."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from core import jobs
from documents.tables import stage_table
from documents.uploads import discard, staged_at


@task()
def import_coverage_file(*, job_id: int, path: str, original_name: str, sha256: str, user_id=None) -> None:
    from partnerships.coverage import import_coverage

    with jobs.running(job_id) as progress:
        try:
            progress.step(0, 1, f"Checking {original_name}")
            record = import_coverage(
                content=staged_at(path).read_bytes(),
                name=original_name,
                sha256=sha256,
                user=get_user_model().objects.filter(pk=user_id).first(),
            )
        finally:
            discard(Path(path))
        message = (
            f"{record.created} inspections added, {record.unchanged} already recorded."
            if record.state == record.State.IMPORTED
            else f"Nothing was stored: {len(record.errors)} problems to put right in the file."
        )
        progress.finish(url=record.get_absolute_url(), message=message, import_id=record.pk)


def import_coverage_later(*, upload, user):
    """Stage the CSV or Excel file (refused at once, naming it, when too big, empty or not a table) and
    have the worker check and import it."""
    staged = stage_table(upload, max_bytes=settings.SCRUTINY_MAX_UPLOAD_BYTES)
    return jobs.start(
        import_coverage_file,
        kind="coverage-import",
        label=f"Importing inspections from {staged.original_name}",
        owner=user,
        back_url=reverse("partnerships:coverage-import"),
        path=str(staged.path),
        original_name=staged.original_name,
        sha256=staged.sha256,
        user_id=user.pk if user else None,
    )
