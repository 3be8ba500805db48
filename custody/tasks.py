"""Custody's long work in the background worker: big imports, with progress, and rebuilding an overnight
rule's flags when the office adds one."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from core import jobs
from custody.models import OvernightRule
from directory.models import LocalPolicingBody
from documents import DocumentError
from documents.tables import stage_table
from documents.uploads import Staged, discard, staged_at


@task()
def import_detentions(
    *, job_id: int, office_id: int, path: str, original_name: str, mapping: dict, user_id=None
):
    from custody.imports import import_file

    with jobs.running(job_id) as progress:
        try:
            batch = import_file(
                path=staged_at(path),
                office=LocalPolicingBody.objects.get(pk=office_id),
                user=get_user_model().objects.filter(pk=user_id).first(),
                source_name=original_name,
                mapping=mapping,
                on_progress=lambda done, total: progress.step(
                    done, total, f"Checked {done:,} of {total:,} rows"
                ),
            )
        except DocumentError as error:
            raise jobs.JobFailed(str(error)) from None
        finally:
            discard(Path(path))
        url = reverse("custody:batch", kwargs={"pk": batch.pk})
        if batch.state != batch.State.IMPORTED:
            progress.finish(
                url=url, message=f"{original_name}: nothing was imported; the problems are listed"
            )
            raise jobs.JobFailed(f"{original_name}: {batch.error_count:,} problems; nothing was imported.")
        progress.finish(
            url=url,
            message=f"{original_name}: {batch.created:,} new and {batch.updated:,} updated detentions",
            batch_id=batch.pk,
        )
    control_quarters.enqueue(office_id=office_id)


@task()
def control_quarters(*, office_id: int):
    """The figures people without the custody permission see, controlled and kept before anyone asks for
    them (`custody.disclosure`): after each import."""
    from custody.disclosure import control_office

    control_office(office_id)


def import_later(*, office, upload, mapping: dict, user):
    """Stage the file (refused at once, naming it, when too big or empty) and have the worker import it."""
    staged = stage_spreadsheet(upload)
    return jobs.start(
        import_detentions,
        kind="custody-import",
        label=f"Importing detentions: {staged.original_name}",
        owner=user,
        back_url=reverse("custody:import"),
        office_id=office.pk,
        path=str(staged.path),
        original_name=staged.original_name,
        mapping=mapping,
        user_id=user.pk if user else None,
    )


def stage_spreadsheet(upload) -> Staged:
    """Receive a CSV or Excel upload (the one table reader's staging), under custody's own size limit
    (SCRUTINY_CUSTODY_MAX_UPLOAD_MB: record files are larger than reports)."""
    return stage_table(upload, max_bytes=settings.SCRUTINY_CUSTODY_MAX_UPLOAD_BYTES)


@task()
def rebuild_rule(*, job_id: int, rule_id: int):
    from custody.services import rebuild_rule as rebuild

    with jobs.running(job_id) as progress:
        rule = OvernightRule.objects.get(pk=rule_id)
        made = rebuild(rule=rule)
        progress.finish(
            url=reverse("custody:rules"), message=f"“{rule.name}”: {made:,} overnight detentions", flags=made
        )


def rebuild_later(*, rule, user):
    return jobs.start(
        rebuild_rule,
        kind="custody-rule",
        label=f"Working out the overnight rule “{rule.name}”",
        owner=user,
        back_url=reverse("custody:rules"),
        rule_id=rule.pk,
    )
