"""Partnerships and inspection coverage pages: the partnerships, the matrix, each area's timeline, adding
and importing inspections. Views parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import is_office_staff, office_admin_required, office_staff_required
from directory.models import Force, LocalAuthority, SafeguardingPartnership
from documents import DocumentError
from partnerships import coverage
from partnerships.exports import coverage_workbook, workbook_response
from partnerships.forms import ImportForm, InspectionForm, MeetingForm, PartnershipForm
from partnerships.models import CoverageImport, Inspection
from partnerships.services import may_edit_partnership, save_partnership_details
from partnerships.tasks import import_coverage_later


def chosen_force(request) -> Force:
    """The force asked for (?force=code), else the person's office's force, else the first force."""
    code = request.GET.get("force", "")
    forces = Force.objects.visible_to(request.user)
    if code:
        force = forces.filter(code=code[:50]).first()
        if force is None:
            raise Http404("no such force")
        return force
    office = getattr(request.user, "office", None)
    return office.force if office is not None else forces.first()


@login_required
def partnership_list(request):
    force = chosen_force(request)
    partnerships = (
        SafeguardingPartnership.objects.visible_to(request.user)
        .in_force_area(force)
        .prefetch_related("local_authorities")
    )
    context = {"force": force, "forces": Force.objects.visible_to(request.user), "partnerships": partnerships}
    return render(request, "partnerships/partnership_list.html", context)


@login_required
def partnership_detail(request, pk):
    partnership = get_object_or_404(SafeguardingPartnership.objects.visible_to(request.user), pk=pk)
    authorities = list(partnership.local_authorities.order_by("name"))
    context = {
        "partnership": partnership,
        "authorities": authorities,
        "forces": partnership.police_forces(),
        "may_edit": may_edit_partnership(request.user, partnership),
        "meetings": partnership.meetings.visible_to(request.user),
        "inspections": Inspection.objects.visible_to(request.user)
        .filter(local_authority__in=authorities)
        .select_related("local_authority"),
    }
    return render(request, "partnerships/partnership_detail.html", context)


@office_admin_required
def partnership_edit(request, pk):
    """Contacts, links and meeting dates: reference data the administrators of the offices whose force area
    the partnership is in keep."""
    partnership = get_object_or_404(SafeguardingPartnership.objects.visible_to(request.user), pk=pk)
    if not may_edit_partnership(request.user, partnership):
        raise PermissionDenied("Only the offices whose force area this partnership is in keep its details.")
    action = request.POST.get("action") if request.method == "POST" else None
    form = PartnershipForm(request.POST if action == "details" else None, instance=partnership)
    meeting = MeetingForm(request.POST if action == "meeting" else None)
    if action == "details" and form.is_valid():
        save_partnership_details(form=form, user=request.user)
        messages.success(request, "The partnership's details are saved.")
        return redirect(partnership)
    if action == "meeting" and meeting.is_valid():
        held_on = meeting.cleaned_data["held_on"]
        if partnership.meetings.filter(held_on=held_on).exists():
            meeting.add_error("held_on", "A meeting on that day is already recorded")
        else:
            meeting.instance.partnership = partnership
            meeting.save()
            messages.success(request, f"Meeting on {held_on:%-d %B %Y} added.")
            return redirect(partnership)
    context = {"partnership": partnership, "form": form, "meeting_form": meeting}
    return render(request, "partnerships/partnership_edit.html", context)


@login_required
def coverage_matrix(request):
    force = chosen_force(request)
    today = timezone.localdate()
    context = {
        "force": force,
        "forces": Force.objects.visible_to(request.user),
        "matrix": coverage.coverage_matrix(force, today),
        "today": today,
        "may_change": is_office_staff(request.user),
    }
    return render(request, "partnerships/coverage_matrix.html", context)


@login_required
def coverage_export(request):
    force = chosen_force(request)
    matrix = coverage.coverage_matrix(force, timezone.localdate())
    inspections = Inspection.objects.visible_to(request.user).filter(local_authority__forces=force)
    partnerships = SafeguardingPartnership.objects.visible_to(request.user).in_force_area(force)
    workbook = coverage_workbook(matrix, inspections, partnerships.prefetch_related("local_authorities"))
    return workbook_response(workbook, f"coverage-{force.code}.xlsx")


@login_required
def coverage_authority(request, code):
    authority = get_object_or_404(LocalAuthority.objects.visible_to(request.user), code=code[:9])
    context = {
        "authority": authority,
        "inspections": Inspection.objects.visible_to(request.user)
        .filter(local_authority=authority)
        .prefetch_related("inspectorates"),
        "partnerships": authority.partnerships.all(),
        "may_change": is_office_staff(request.user),
    }
    return render(request, "partnerships/coverage_authority.html", context)


@office_staff_required
def inspection_add(request):
    code = request.GET.get("local_authority", "")[:9]
    initial = {"local_authority": LocalAuthority.objects.filter(code=code).first()} if code else {}
    form = InspectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = coverage.record_inspection(user=request.user, **form.cleaned_data)
        except coverage.CoverageRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{inspection} recorded.")
            return redirect("partnerships:coverage-authority", code=inspection.local_authority.code)
    return render(request, "partnerships/inspection_form.html", {"form": form})


@office_staff_required
def coverage_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_coverage_later(upload=form.cleaned_data["file"], user=request.user)
        except DocumentError as error:
            form.add_error("file", str(error))
        else:
            return redirect(job.result_url or reverse("core:job", kwargs={"pk": job.pk}))
    imports = CoverageImport.objects.visible_to(request.user)[:20]
    return render(request, "partnerships/coverage_import.html", {"form": form, "imports": imports})


@office_staff_required
def import_detail(request, pk):
    record = get_object_or_404(CoverageImport.objects.visible_to(request.user), pk=pk)
    return render(request, "partnerships/import_detail.html", {"record": record})
