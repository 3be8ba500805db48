"""Custody pages: figures for the office and the panel (suppressed without the custody permission); the
import, its batches, the records and the rules for those granted custody data. Views parse, call, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import requires
from custody import dashboard, disclosure, exports, figures
from custody.forms import ImportForm, RuleForm
from custody.models import (
    Detention,
    FigureSummary,
    ImportBatch,
    OvernightRule,
    reads_custody_figures,
    reads_custody_records,
)
from custody.rules import BUILT_IN
from custody.schema import COLUMNS, ETHNICITY, template_csv
from custody.services import CustodyRefused, add_rule, delete_batch, record_read
from custody.tasks import import_later, rebuild_later
from documents import DocumentError

figures_reader = requires(reads_custody_figures, "Your role does not include custody figures.")
records_reader = requires(
    reads_custody_records, "Record-level custody data needs the custody permission (ask an administrator)."
)


def months_of(user):
    """The months with detentions the person may count, from the summaries (one row a month)."""
    return FigureSummary.objects.counted_for(user).filter(dimension="total")


def period_from(request, months, full: bool) -> figures.Period:
    """?period= (all, 2024, fy2024, 2024-q3; ?year= as before); by default the latest twelve months."""
    choice = request.GET.get("period") or request.GET.get("year", "")
    latest = months.order_by("-month").values_list("month", flat=True).first()
    return dashboard.period_named(choice, latest, full)


@figures_reader
def figures_page(request):
    months = months_of(request.user)
    full = reads_custody_records(request.user)
    board = dashboard.build(
        request.user, period_from(request, months, full), request.GET.get("rule", "default")
    )
    tables = {title: (title, head, rows) for title, head, rows in exports.sections(board)}
    context = {
        "board": board,
        "charts": exports.charts_svg(board),
        "tables": [tables[table.title] for table in board.tables],
        "authority_head": tables[exports.AUTHORITY_TITLE][1],
        "authority_rows": tables[exports.AUTHORITY_TITLE][2],
        "periods": dashboard.period_options(figures.months_available(months), full),
        "period": request.GET.get("period") or request.GET.get("year", ""),
        "rules": dashboard.rule_choices(request.user),
    }
    return render(request, "custody/figures.html", context)


@records_reader
def import_page(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if request.user.office_id is None:
            form.add_error(None, "Imports belong to an office; deployment administrators have none")
        else:
            try:
                job = import_later(
                    office=request.user.office,
                    upload=form.cleaned_data["document"],
                    mapping=form.cleaned_data["mapping"],
                    user=request.user,
                )
            except DocumentError as error:
                form.add_error("document", str(error))
            else:
                return redirect("core:job", pk=job.pk)
    context = {"form": form, "columns": COLUMNS, "ethnicity": ETHNICITY}
    return render(request, "custody/import.html", context)


@records_reader
def template_download(request):
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="custody-import-template.csv"'
    return response


@records_reader
def batch_list(request):
    batches = ImportBatch.objects.visible_to(request.user).select_related("imported_by")
    page = Paginator(batches, 50).get_page(request.GET.get("page"))
    return render(request, "custody/batch_list.html", {"page": page})


@records_reader
def batch_detail(request, pk):
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)
    record_read(
        user=request.user, what=f"Import report: {batch.source_name}", count=batch.error_count, obj=batch
    )
    return render(request, "custody/batch_detail.html", {"batch": batch})


@records_reader
def batch_delete(request, pk):
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        name = batch.source_name
        count = delete_batch(batch=batch, user=request.user)
        messages.success(request, f"Deleted the import of {name} and its {count:,} detentions.")
        return redirect("custody:batches")
    held = Detention.objects.visible_to(request.user).filter(batch=batch).count()
    return render(request, "custody/batch_delete.html", {"batch": batch, "held": held})


@records_reader
def records(request):
    detentions = (
        Detention.objects.visible_to(request.user)
        .select_related("local_authority", "transfer_authority")
        .order_by("-arrived_at", "-pk")
    )
    page = Paginator(detentions, 50).get_page(request.GET.get("page"))
    record_read(user=request.user, what=f"Detentions, page {page.number}", count=len(page.object_list))
    return render(request, "custody/records.html", {"page": page})


@records_reader
def rules_page(request):
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.office_id is None:
            form.add_error(None, "Rules belong to an office; deployment administrators have none")
        else:
            try:
                rule = add_rule(office=request.user.office, **form.cleaned_data)
            except CustodyRefused as refusal:
                form.add_error(None, refusal.sentence)
            else:
                return redirect("core:job", pk=rebuild_later(rule=rule, user=request.user).pk)
    context = {
        "form": form,
        "built_in": BUILT_IN.values(),
        "office_rules": OvernightRule.objects.visible_to(request.user),
    }
    return render(request, "custody/rules.html", context)


@require_POST
@records_reader
def rule_delete(request, pk):
    from custody.services import delete_rule

    rule = get_object_or_404(OvernightRule.objects.visible_to(request.user), pk=pk)
    delete_rule(rule=rule)
    messages.success(request, f"Deleted the rule “{rule.name}”.")
    return redirect("custody:rules")


@figures_reader
def quarterly_return(request, kind):
    months = months_of(request.user)
    if not reads_custody_records(request.user):  # only quarters that have ended are published
        months = months.filter(month__lt=disclosure.current_quarter())
    year, quarter = exports.quarter_from(request.GET.get("quarter", ""), months)
    if year is None:
        raise Http404("No quarter of detentions has been imported yet")
    board = dashboard.build(
        request.user, figures.Period.quarter(year, quarter), request.GET.get("rule", "default")
    )
    name = f"custody-return-{year}-Q{quarter}.{kind}"
    return exports.return_csv(board, name) if kind == "csv" else exports.return_xlsx(board, name)


@records_reader
def records_export(request, kind):
    """Every detention of the period (as the figures page chose it) as CSV or Excel: one audit entry."""
    detentions = Detention.objects.visible_to(request.user)
    period = period_from(request, months_of(request.user), full=True)
    chosen = period.filter(detentions).order_by("arrived_at", "pk")
    count = chosen.count()
    if count > exports.RECORD_LIMIT:
        return HttpResponse(
            f"The period holds {count:,} detentions, more than the {exports.RECORD_LIMIT:,} an export "
            "takes: choose a year on the custody page and export that.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    record_read(user=request.user, what=f"Detentions export ({kind.upper()}), {period.label()}", count=count)
    name = f"custody-records-{period.label().replace(' ', '-').lower()}.{kind}"
    return exports.records_file(chosen, kind, name)


@figures_reader
def briefing(request):
    period = period_from(request, months_of(request.user), reads_custody_records(request.user))
    board = dashboard.build(request.user, period, request.GET.get("rule", "default"))
    response = HttpResponse(exports.briefing_docx(board), content_type=exports.DOCX)
    response["Content-Disposition"] = 'attachment; filename="custody-briefing.docx"'
    return response
