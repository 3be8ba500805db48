"""Following background work: the job's page, which htmx refreshes until the job is done."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from core.models import Job


@login_required
def job_detail(request, pk):
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    if job.state == Job.State.DONE and job.result_url and request.GET.get("stay") != "1":
        if request.htmx:  # the polling fragment hands over to the result page
            response = render(request, "core/job.html#status", {"job": job})
            response["HX-Redirect"] = job.result_url
            return response
        return redirect(job.result_url)
    template = "core/job.html#status" if request.htmx else "core/job.html"
    return render(request, template, {"job": job})
