"""Following background jobs over the API: the job that reads an upload, an import or an export."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination

from core.models import Job

router = Router(tags=["jobs"])


class Pages(PageNumberPagination):
    """Numbered pages, with the page number bounded: page 10**30 would be an offset no database can take."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=1000)


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
