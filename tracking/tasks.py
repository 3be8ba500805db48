"""An imported tracker goes in through the background worker: thousands of rows, each a few updates,
never hold the request while they are written. All or nothing still holds: it is one transaction."""

from django.contrib.auth import get_user_model
from django_tasks import task

from core import jobs
from tracking.imports import ImportRefused, apply, record_failure
from tracking.models import ImportBatch


@task()
def import_tracker(*, job_id: int, batch_id: int, user_id: int) -> None:
    with jobs.running(job_id) as progress:
        batch = ImportBatch.objects.get(pk=batch_id)
        progress.step(0, len(batch.rows), f"Importing {batch.original_name}")
        try:
            outcome = apply(batch=batch, user=get_user_model().objects.get(pk=user_id))
        except ImportRefused as error:
            record_failure(batch=batch, problems=error.problems)
            progress.finish(url=batch.outcome_url)  # the job's page links to every problem
            raise jobs.JobFailed(f"{batch.original_name}, {error}. Nothing was imported.") from None
        count = outcome.added + outcome.updated + outcome.unchanged
        progress.finish(
            url=batch.outcome_url,
            message=f"Imported {count} row{'s' if count != 1 else ''} of {batch.original_name}: "
            f"{outcome.added} added, {outcome.updated} updated, {outcome.unchanged} unchanged.",
            imported=count,
            added=outcome.added,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
        )


def import_later(*, batch: ImportBatch, user):
    return jobs.start(
        import_tracker,
        kind="tracker-import",
        label=f"Importing the tracker {batch.original_name}",
        owner=user,
        back_url=batch.get_absolute_url(),
        batch_id=batch.pk,
        user_id=user.pk,
    )
