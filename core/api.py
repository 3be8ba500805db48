"""Following background jobs over the API: the job that reads an upload, an import or an export."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from core.models import Job

router = Router(tags=["jobs"])


class JobOut(Schema):
    job_id: int
    kind: str
    label: str
    state: str
    done: int
    total: int
    message: str
    result_url: str
    result: dict
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_job_id(job):
        return job.pk


@router.get("/jobs/{job_id}", response=JobOut, summary="Where a background job stands (the person's own)")
def get_job(request, job_id: int):
    return get_object_or_404(Job.objects.visible_to(request.user), pk=job_id)
