"""Downloads: the filtered tracker as Excel or CSV, and the quarterly Police and Crime Panel report."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts import access
from directory.models import Force
from reports.models import Report
from tracking import exports, panel_documents, panel_report
from tracking.access import tracker_reader_required
from tracking.forms import QuarterForm
from tracking.models import Action, Theme
from tracking.panel_report import Quarter
from tracking.views.actions import listed

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
panel_reader_required = access.requires(
    access.reads_deadlines, "Your role does not include the Police and Crime Panel report."
)


@tracker_reader_required
def export(request, kind):
    """The same list, with the same filters, as the tracker page shows the person."""
    _, _, actions = listed(request)
    return exports.download(actions, timezone.localdate(), kind)


def office_of(request):
    """The panel report is one office's: people without an office (deployment administrators) have none."""
    if request.user.office_id is None:
        raise Http404("The panel report is made for an office; you do not belong to one.")
    return request.user.office


@panel_reader_required
def panel_report_page(request):
    office = office_of(request)
    today = timezone.localdate()
    form = QuarterForm(request.GET or None, initial={"quarter": str(Quarter.of(today).previous())})
    report = None
    if form.is_valid():
        quarter = Quarter.parse(form.cleaned_data["quarter"])
        report = panel_report.build(office=office, quarter=quarter, today=today, charts=False)
    return render(request, "tracking/panel_report.html", {"form": form, "report": report, "office": office})


@panel_reader_required
def panel_report_download(request, quarter, kind):
    office = office_of(request)
    try:
        chosen = Quarter.parse(quarter)
    except panel_report.QuarterError as error:
        raise Http404(str(error)) from error
    report = panel_report.build(
        office=office, quarter=chosen, today=timezone.localdate(), charts=kind != "xlsx"
    )
    name = f"panel-report-{chosen}"
    if kind == "docx":
        body, media = panel_documents.as_docx(report), DOCX
    elif kind == "pdf":
        body, media = panel_documents.as_pdf(report), "application/pdf"
    else:
        body, media, name = panel_documents.annex_xlsx(report), exports.XLSX, f"{name}-overdue-annex"
    response = HttpResponse(body, content_type=media)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@tracker_reader_required
def dashboard(request):
    """The panel report's charts, with their figures, today: for the person's actions, or one report's,
    one force's or one theme's."""
    today = timezone.localdate()
    scope = Action.objects.visible_to(request.user)
    chosen = []
    for key, lookup, model in (
        ("report", "finding__report", Report),
        ("force", "force__code", None),
        ("theme", "themes", Theme),
    ):
        value = request.GET.get(key, "")
        if not value:
            continue
        if model is not None:
            if not (value.isascii() and value.isdigit() and len(value) < 12):
                raise Http404("No such filter.")
            found = get_object_or_404(model.objects.visible_to(request.user), pk=value)
            chosen.append(str(found))
            scope = scope.filter(**{lookup: found})
        else:
            found = get_object_or_404(Force.objects.all(), code=value)
            chosen.append(found.name)
            scope = scope.filter(force=found)
    report = panel_report.build(
        office=request.user.office, quarter=Quarter.of(today), today=today, scope=scope.distinct()
    )
    context = panel_documents.print_context(report)
    context.update({"chosen": chosen, "today": today})
    return render(request, "tracking/dashboard.html", context)
