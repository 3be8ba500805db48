"""The office's own tracking settings (statuses and themes) and its public tracker."""

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import access
from accounts.audit import cell
from core.forms import refusal
from directory.models import LocalPolicingBody
from reports.models import Report
from tracking.forms import StatusForm, ThemeForm
from tracking.models import Action, ActionUpdate, Category, Publication, Status, Theme, View
from tracking.services import ActionRefused, ensure_statuses, publish, save_status, save_theme


def own_office(request) -> LocalPolicingBody:
    if request.user.office_id is None:
        raise Http404("Tracking settings belong to an office; you do not belong to one.")
    return request.user.office


@access.office_admin_required
def statuses(request):
    """Rename and extend the statuses of each view; each keeps a fixed category."""
    office = own_office(request)
    ensure_statuses([office])
    do = request.POST.get("do") if request.method == "POST" else None
    editing = None
    chosen = request.POST.get("status", "") if do else request.GET.get("edit", "")
    if chosen.isascii() and chosen.isdigit() and len(chosen) < 12:
        editing = get_object_or_404(Status.objects.visible_to(request.user).filter(office=office), pk=chosen)
    initial = (
        {
            "view": editing.view,
            "name": editing.name,
            "category": editing.category,
            "public_name": editing.public_name,
        }
        if editing
        else {}
    )
    status_form = StatusForm(request.POST if do == "status" else None, prefix="status", initial=initial)
    theme_form = ThemeForm(request.POST if do == "theme" else None, prefix="theme")
    refused = None
    try:
        if do == "status" and status_form.is_valid():
            saved = save_status(office=office, status=editing, **status_form.cleaned_data)
            messages.success(request, f"Saved the status {saved.name}.")
            return redirect("tracking:statuses")
        if do == "theme" and theme_form.is_valid():
            save_theme(office=office, name=theme_form.cleaned_data["name"])
            messages.success(request, "Added the theme.")
            return redirect("tracking:statuses")
    except ActionRefused as error:
        refused = refusal(f"Not saved: {error}.")
    rows = Status.objects.filter(office=office).order_by("view", "position", "id")
    context = {
        "views": [(label, [status for status in rows if status.view == key]) for key, label in View.choices],
        "categories": Category.choices,
        "status_form": status_form,
        "theme_form": theme_form,
        "themes": Theme.objects.filter(office=office),
        "editing": editing,
        "form": refused or (status_form if do == "status" else theme_form if do == "theme" else None),
    }
    return render(request, "tracking/statuses.html", context)


@require_POST
@access.office_staff_required
def publish_report(request, pk):
    """Put a report's tracker on the office's public tracker, or take it off."""
    office = own_office(request)
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    public = request.POST.get("public") == "true"
    publish(office=office, report=report, user=request.user, public=public)
    messages.success(
        request,
        "The report's tracker is on the public tracker." if public else "Taken off the public tracker.",
    )
    return redirect(report)


def public_rows(office_pk: int):
    """What the public tracker shows: published reports' actions, the office's view by its public name,
    and the last update marked public; never internal notes."""
    office = get_object_or_404(LocalPolicingBody.objects.all(), pk=office_pk)
    reports = Publication.objects.filter(office=office).values("report")
    actions = (
        Action.objects.filter(office=office, finding__report__in=reports)
        .select_related("finding", "finding__report", "opcc_status")
        .order_by("finding__report__published_on", "finding__report_id", "finding__position", "id")
    )
    last_public = {}
    for update in ActionUpdate.objects.filter(action__in=actions, public=True).order_by("effective_on", "id"):
        last_public[update.action_id] = update
    rows = []
    for action in actions:
        status = action.opcc_status
        update = last_public.get(action.pk)
        rows.append(
            {
                "report": action.finding.report,
                "label": action.finding.label,
                "text": action.finding.text,
                "status": (status.public_name or status.name) if status else "Not yet assessed",
                "target_on": action.target_on,
                "update": update.text if update else "",
                "updated_on": update.effective_on if update else None,
            }
        )
    return office, rows


def public_tracker(request, office):
    """Anyone, without signing in: the office's published trackers."""
    office, rows = public_rows(office)
    return render(request, "tracking/public_tracker.html", {"office": office, "rows": rows})


def public_tracker_csv(request, office):
    office, rows = public_rows(office)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "Report",
            "Published",
            "Recommendation",
            "Text",
            "Status",
            "Target date",
            "Last update",
            "Update date",
        ]
    )
    for row in rows:
        values = [
            row["report"].title,
            row["report"].published_on.isoformat(),
            row["label"],
            row["text"],
            row["status"],
            row["target_on"].isoformat() if row["target_on"] else "",
            row["update"],
            row["updated_on"].isoformat() if row["updated_on"] else "",
        ]
        writer.writerow([cell(value) for value in values])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tracker-{office.force.code}.csv"'
    return response
