"""Reports and findings: lists with filters, detail, and hand entry. Views parse, call a service, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import office_staff_required, report_reader_required
from core import registry
from core.submissions import once
from reports.exports import file_name, findings_download
from reports.forms import FindingEditForm, FindingFormSet, NewReportForm, ReportFilterForm, ReportForm
from reports.models import Finding, Report
from reports.services import (
    FindingInput,
    FindingRefused,
    ReportRefused,
    add_findings,
    create_report,
    delete_finding,
    update_finding,
    update_report,
)

PAGE_SIZE = 50


def filtered(request, queryset):
    """Bind the filter form to the query string and apply it; bad values are ignored, not fatal."""
    form = ReportFilterForm(request.GET, years=Report.objects.visible_to(request.user).years())
    filters = form.cleaned_data if form.is_valid() else {}
    return form, queryset.matching(**{key: value for key, value in filters.items() if value})


def page_of(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@report_reader_required
def report_list(request):
    reports = Report.objects.visible_to(request.user)
    form, reports = filtered(request, reports)
    reports = (
        reports.select_related("report_type")
        .prefetch_related("inspectorates", "forces")
        .order_by("-published_on", "title")
    )
    page = page_of(request, reports)
    page.object_list = page.object_list.with_finding_counts()
    template = "reports/report_list.html" + ("#results" if request.htmx else "")
    return render(request, template, {"form": form, "page": page})


@report_reader_required
def finding_list(request):
    findings = Finding.objects.visible_to(request.user)
    form, findings = filtered(request, findings)
    findings = findings.select_related("report", "report__report_type", "parent").order_by(
        "-report__published_on", "report_id", "position"
    )
    page = "reports/finding_list.html" + ("#results" if request.htmx else "")
    return render(request, page, {"form": form, "page": page_of(request, findings)})


@report_reader_required
def finding_list_export(request, kind):
    """Every finding the list shows, with its filters, as CSV or Excel."""
    _, findings = filtered(request, Finding.objects.visible_to(request.user))
    return findings_download(findings, kind=kind, name="findings", with_report=True)


@report_reader_required
def report_findings_export(request, pk, kind):
    """One report's findings as CSV or Excel."""
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    findings = Finding.objects.visible_to(request.user).filter(report=report)
    return findings_download(findings, kind=kind, name=file_name(report.title))


def finding_tree(findings):
    """Group a report's findings by kind, each top-level finding followed by those that belong to it."""
    children = {}
    for finding in findings:
        children.setdefault(finding.parent_id, []).append(finding)
    groups = []
    for kind in Finding.Kind.values:
        top = [f for f in children.get(None, []) if f.kind == kind]
        # A recommendation under a cause of concern is shown with its parent, not again on its own.
        if top:
            groups.append(
                {
                    "kind": kind,
                    "label": Finding.PLURALS[kind],
                    "findings": [(f, children.get(f.pk, [])) for f in top],
                }
            )
    return groups


@report_reader_required
def report_detail(request, pk):
    report = get_object_or_404(
        Report.objects.visible_to(request.user)
        .select_related("report_type", "created_by")
        .prefetch_related("inspectorates", "forces"),
        pk=pk,
    )
    findings = list(Finding.objects.visible_to(request.user).filter(report=report).order_by("position", "id"))
    context = {
        "report": report,
        "groups": finding_tree(findings),
        "finding_count": len(findings),
        "panels": registry.render_panels(registry.report_panels, request, report),
        "linked_reports": Report.objects.visible_to(request.user).filter(linked_reports=report),
    }
    return render(request, "reports/report_detail.html", context)


def with_another_finding(data):
    """The typed-in form as initial values plus one blank finding row; nothing is checked or saved yet."""
    count = data.get("findings-TOTAL_FORMS", "")
    # as many rows as were on the page, within the formset's own limit (a tampered count is not a crash)
    readable = count.isascii() and count.isdigit() and len(count) < 6
    total = min(int(count), FindingFormSet.max_num) if readable else 1
    names = FindingFormSet.form.base_fields
    findings = [{name: data.get(f"findings-{i}-{name}", "") for name in names} for i in range(total)]
    report = {
        name: data.getlist(name) if name in ("inspectorates", "forces") else data.get(name)
        for name in NewReportForm.base_fields
    }
    return NewReportForm(initial=report), FindingFormSet(initial=findings, prefix="findings")


@office_staff_required
def report_add(request):
    if request.method == "POST" and "add-finding" in request.POST:
        form, formset = with_another_finding(request.POST)
        return render(request, "reports/report_form.html", {"form": form, "formset": formset})
    form = NewReportForm(request.POST or None)
    formset = FindingFormSet(request.POST or None, prefix="findings")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = {key: value for key, value in form.cleaned_data.items() if key != "opened_at"}

        def add() -> str:
            report = create_report(created_by=request.user, findings=formset.inputs(), **fields)
            messages.success(request, f"Report added with {report.findings.count()} findings.")
            return report.get_absolute_url()

        try:
            address, _ = once(request, add)  # sent twice (a double click): one report, not two
        except ReportRefused as error:
            field = "published_on" if "publication date" in str(error) else "forces"
            form.add_error(field, error.sentence)
        except FindingRefused as error:
            form.add_error(None, str(error))
        else:
            return redirect(address)
    return render(request, "reports/report_form.html", {"form": form, "formset": formset})


@office_staff_required
def report_edit(request, pk):
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        fields = {key: value for key, value in form.cleaned_data.items() if key != "opened_at"}
        try:
            update_report(
                report=report,
                inspectorates=fields.pop("inspectorates"),
                forces=fields.pop("forces"),
                **fields,
            )
        except ReportRefused as error:
            field = "published_on" if "publication date" in str(error) else "forces"
            form.add_error(field, error.sentence)
        else:
            messages.success(request, "Report details saved.")
            return redirect(report)
    return render(request, "reports/report_edit.html", {"form": form, "report": report})


@office_staff_required
def finding_add(request, pk):
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    form = FindingEditForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        finding = add_findings(report=report, findings=[FindingInput(**form.cleaned_data)])[0]
        messages.success(request, f"{finding.label} added.")
        return redirect(finding)
    return render(request, "reports/finding_form.html", {"form": form, "report": report, "finding": None})


def from_review(request) -> bool:
    """Whether the person came from the review page, and should go back to it (`from=review`)."""
    return (request.POST.get("from") or request.GET.get("from")) == "review"


def review_url(finding: Finding, anchor: str = "") -> str:
    url = reverse("reports:report-review", kwargs={"pk": finding.report_id})
    return f"{url}#{anchor or f'finding-{finding.pk}'}"


def neighbour_anchor(finding: Finding) -> str:
    """Where the review page should open after a finding goes: the finding after it, else the one before."""
    siblings = Finding.objects.filter(report=finding.report_id).exclude(pk=finding.pk)
    after = siblings.filter(position__gte=finding.position).order_by("position", "id").first()
    near = after or siblings.filter(position__lte=finding.position).order_by("-position", "-id").first()
    return f"finding-{near.pk}" if near else "findings"


@office_staff_required
@transaction.atomic
def finding_edit(request, pk):
    findings = Finding.objects.visible_to(request.user).select_related("report")
    if request.method == "POST":  # held from the check that no one saved since to the save itself
        findings = findings.select_for_update(of=("self",))
    finding = get_object_or_404(findings, pk=pk)
    form = FindingEditForm(request.POST or None, instance=finding, report=finding.report)
    reviewing = from_review(request)
    if request.method == "POST" and form.is_valid():
        fields = {**form.cleaned_data}
        try:
            update_finding(finding=finding, **fields)
        except FindingRefused as error:
            form.add_error("parent", str(error))
        else:
            messages.success(request, f"{finding.label} saved.")
            return redirect(review_url(finding) if reviewing else finding)
    return render(
        request,
        "reports/finding_form.html",
        {"form": form, "report": finding.report, "finding": finding, "from_review": reviewing},
    )


@office_staff_required
def finding_delete(request, pk):
    finding = get_object_or_404(Finding.objects.visible_to(request.user).select_related("report"), pk=pk)
    reviewing = from_review(request)
    context = {"finding": finding, "report": finding.report, "from_review": reviewing}
    if request.method != "POST":
        return render(request, "reports/finding_delete.html", context)
    label, after = finding.label, neighbour_anchor(finding)
    try:
        delete_finding(finding=finding)
    except FindingRefused as error:
        messages.error(request, f"{label} was not deleted: {error}.")
        return redirect(review_url(finding) if reviewing else finding.report)
    messages.success(request, f"{label} deleted.")
    return redirect(review_url(finding, after) if reviewing else finding.report)
