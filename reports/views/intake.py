"""Intake on the web: upload a report, then review what was extracted beside the source text."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from accounts.access import office_staff_required, report_reader_required
from core import registry
from documents import DocumentError
from documents.uploads import safe_name
from reports.forms import SplitFindingForm, UploadForm
from reports.models import Finding, Report, SourceDocument
from reports.services import FindingRefused, accept_finding, mark_reviewed, merge_findings, split_finding
from reports.tasks import start_reading


@office_staff_required
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            job, existing = start_reading(
                document,
                user=request.user,
                published_on=form.cleaned_data["published_on"],
                history=form.cleaned_data["history"],
            )
        except DocumentError as error:
            form.add_error("document", str(error))
        else:
            if existing is not None:
                messages.info(
                    request,
                    f"{safe_name(document.name)} was uploaded before; this is the report made from it.",
                )
                return redirect("reports:report-review", pk=existing.pk)
            return redirect("core:job", pk=job.pk)  # the worker reads it; the page follows its progress
    return render(request, "reports/upload.html", {"form": form})


def source_pages(report: Report):
    """The source document's text as read at intake, page by page, for reading beside the findings: the
    file the findings were read from (the first), when the report has more than one."""
    source = report.documents.order_by("uploaded_at", "pk").first()
    if source is None:
        return None, []
    pages, current = [], None
    for block in source.blocks:
        key = block.get("page") or 1
        if current is None or current["number"] != key:
            current = {"number": key, "blocks": []}
            pages.append(current)
        current["blocks"].append(block)
    return source, pages


def label_key(finding: Finding) -> tuple:
    """A label as compared for duplicates: "AFI 1", "afi  1" and "AFI 1." are the same label, unless the
    findings belong to different parents (an "(a)" under each of two recommendations)."""
    return (finding.parent_id, " ".join(finding.label.casefold().replace(".", " ").split()))


def annotated(findings: list[Finding], pages: list[dict]) -> list[Finding]:
    """Each finding with what the review page says about it: the other findings printed with the same
    label (a summary repeating a finding is read as a second one), and its pages, linked only where the
    source text on this page has that page."""
    by_label: dict[tuple, list[Finding]] = {}
    for finding in findings:
        if finding.label.strip():
            by_label.setdefault(label_key(finding), []).append(finding)
    shown = {page["number"] for page in pages}
    for finding in findings:
        same = by_label.get(label_key(finding), [])
        finding.same_label = [other for other in same if other is not finding]
        printed = [anchor["page"] for anchor in finding.anchors if anchor.get("page")]
        finding.linked_pages = [page for page in printed if page in shown]
        finding.unlinked_pages = [str(page) for page in printed if page not in shown]
    return findings


def duplicate_labels(findings: list[Finding]) -> list[str]:
    """Each label more than one finding has, as the first of them prints it."""
    labels: dict[tuple, str] = {}
    for finding in findings:
        if finding.same_label:
            labels.setdefault(label_key(finding), finding.label)
    return list(labels.values())


DOUBTFUL = 0.6  # below this, the reader's confidence is shown as doubt and the finding is offered first


def review_context(request, report: Report) -> dict:
    findings = list(
        Finding.objects.visible_to(request.user)
        .filter(report=report)
        .select_related("parent")
        .order_by("position", "id")
    )
    source, pages = source_pages(report)
    annotated(findings, pages)
    doubtful_first = request.GET.get("order") == "doubtful"
    if doubtful_first:  # the ones the reader was least sure of, not yet checked, come first
        findings.sort(key=lambda finding: (finding.reviewed, finding.confidence, finding.position))
    return {
        "report": report,
        "findings": findings,
        "doubtful_first": doubtful_first,
        "doubtful": sum(1 for finding in findings if not finding.reviewed and finding.confidence < DOUBTFUL),
        "source": source,
        "pages": pages,
        "unreviewed": sum(1 for finding in findings if not finding.reviewed),
        "duplicate_labels": duplicate_labels(findings),
    }


@office_staff_required
def review(request, pk):
    report = get_object_or_404(Report.objects.visible_to(request.user).select_related("report_type"), pk=pk)
    context = review_context(request, report)
    # What other apps say about the report (the response each office owes, statutory or voluntary and
    # why), so the officer confirms it while reviewing.
    context["panels"] = registry.render_panels(registry.report_panels, request, report)
    return render(request, "reports/review.html", context)


@office_staff_required
@require_POST
def accept(request, pk):
    finding = get_object_or_404(Finding.objects.visible_to(request.user), pk=pk)
    accept_finding(finding=finding)
    if request.htmx:
        # The finding, and the count of those not yet checked swapped in out of band.
        context = review_context(request, finding.report)
        context["finding"] = next(f for f in context["findings"] if f.pk == finding.pk)
        return HttpResponse(
            render_to_string("reports/review.html#finding", context, request=request)
            + render_to_string("reports/review.html#progress", {**context, "oob": True}, request=request)
        )
    return redirect(f"{reverse_review(finding)}#finding-{finding.pk}")


def reverse_review(finding: Finding) -> str:
    from django.urls import reverse

    return reverse("reports:report-review", kwargs={"pk": finding.report_id})


@office_staff_required
@require_POST
def merge(request, pk):
    finding = get_object_or_404(Finding.objects.visible_to(request.user), pk=pk)
    following = (
        Finding.objects.visible_to(request.user)
        .filter(report=finding.report_id, position__gt=finding.position)
        .order_by("position")
        .first()
    )
    if following is None:
        messages.error(request, f"{finding.label} is the last finding: there is nothing after it to merge.")
    else:
        try:
            merge_findings(first=finding, second=following)
        except FindingRefused as error:
            messages.error(request, f"{following.label} was not merged: {error}.")
        else:
            messages.success(request, f"{following.label} merged into {finding.label}.")
    return redirect(f"{reverse_review(finding)}#finding-{finding.pk}")


@office_staff_required
def split(request, pk):
    finding = get_object_or_404(Finding.objects.visible_to(request.user).select_related("report"), pk=pk)
    form = SplitFindingForm(request.POST or None, finding=finding)
    if request.method == "POST" and form.is_valid():
        try:
            second = split_finding(finding=finding, **form.cleaned_data)
        except FindingRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{finding.label} split; the second part is {second.label}.")
            return redirect(f"{reverse_review(finding)}#finding-{second.pk}")
    return render(
        request, "reports/finding_split.html", {"form": form, "finding": finding, "report": finding.report}
    )


@office_staff_required
@require_POST
def reviewed(request, pk):
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    mark_reviewed(report=report, user=request.user)
    messages.success(request, "Report marked as reviewed: every finding has been checked.")
    return redirect(report)


@report_reader_required
def source_file(request, pk):
    source = get_object_or_404(SourceDocument.objects.visible_to(request.user), pk=pk)
    try:
        handle = source.file.open("rb")
    except FileNotFoundError:
        raise Http404("the stored file is missing") from None
    # A download, never a page of this site: an uploaded HTML report must not run here (a <meta refresh>,
    # a script), so it is sent as an attachment and sandboxed if a browser renders it anyway.
    response = FileResponse(
        handle, filename=source.original_name, content_type=source.media_type, as_attachment=True
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
