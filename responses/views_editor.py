"""The response editor: one section per recommendation, free sections, and approval."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import office_staff_required
from core import registry
from core.forms import refusal
from responses.forms import FreeSectionForm
from responses.models import ResponseObligation, ResponseSection
from responses.services import (
    ApprovalRefused,
    ObligationRefused,
    SectionChanged,
    add_free_section,
    approve,
    delete_free_section,
    drafted_section,
    prepare_response,
    quote_current_text,
    save_section,
    unanswered,
)
from responses.views import office_obligation


def editor_context(obligation: ResponseObligation, **extra) -> dict:
    sections = list(obligation.sections.select_related("finding").order_by("position", "id"))
    return {
        "obligation": obligation,
        "sections": sections,
        "missing": unanswered(obligation),
        "free_form": FreeSectionForm(),
        "section_sources": list(registry.response_sections),
        **extra,
    }


@office_staff_required
def editor(request, pk):
    obligation = office_obligation(request, pk)
    if request.method == "POST":  # "Start the response": sections for every recommendation
        prepare_response(obligation=obligation)
        return redirect("responses:response-editor", pk=obligation.pk)
    return render(request, "responses/editor.html", editor_context(obligation))


def office_section(request, pk) -> ResponseSection:
    return get_object_or_404(
        ResponseSection.objects.visible_to(request.user).select_related("obligation", "finding"),
        pk=pk,
    )


def opened_version(request) -> int | None:
    """The version of the section the person opened (sent back with the form), if it came readable."""
    value = request.POST.get("version", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@office_staff_required
@require_POST
def section_save(request, pk):
    section = office_section(request, pk)
    error, conflict = "", None
    try:
        save_section(
            section=section,
            body=request.POST.get("body", ""),
            title=request.POST.get("title"),
            version=opened_version(request),
            user=request.user,
        )
    except SectionChanged as changed:
        error = str(changed)
        conflict = {"section": section.pk, "yours": changed.attempted, "message": error}
    except ObligationRefused as refused:
        error = str(refused)
    if request.htmx:
        context = {"section": section, "obligation": section.obligation, "saved": not error, "error": error}
        return render(request, "responses/editor.html#section", {**context, "conflict": conflict})
    if conflict:  # the whole page, with this section showing both texts
        context = editor_context(section.obligation, conflict=conflict, form=refusal(error))
        return render(request, "responses/editor.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"{section.title} saved.")
    return redirect(f"{section.obligation.get_absolute_url()}response/#{section.anchor}")


@office_staff_required
@require_POST
def section_requote(request, pk):
    """Quote the finding's new text, after the report's finding was edited."""
    section = office_section(request, pk)
    try:
        quote_current_text(section=section, user=request.user)
        messages.success(request, f"{section.title} now quotes the finding as the report has it.")
    except ObligationRefused as refused:
        messages.error(request, str(refused)[:1].upper() + str(refused)[1:])
    return redirect(f"{section.obligation.get_absolute_url()}response/#{section.anchor}")


@office_staff_required
@require_POST
def section_delete(request, pk):
    section = office_section(request, pk)
    obligation = section.obligation
    try:
        delete_free_section(section=section, user=request.user)
        messages.success(request, f"Section “{section.title}” deleted.")
    except ObligationRefused as refused:
        messages.error(request, str(refused))
    return redirect("responses:response-editor", pk=obligation.pk)


@office_staff_required
@require_POST
def section_add(request, pk):
    obligation = office_obligation(request, pk)
    if "source" in request.POST:  # a section another app drafts, for the officer to edit
        try:
            section = drafted_section(
                obligation=obligation, source_key=request.POST["source"], user=request.user
            )
        except ObligationRefused as refused:
            messages.error(request, str(refused)[:1].upper() + str(refused)[1:])
            return redirect("responses:response-editor", pk=obligation.pk)
        messages.success(request, f"Section “{section.title}” drafted: check and edit it.")
        return redirect(f"{obligation.get_absolute_url()}response/#{section.anchor}")
    form = FreeSectionForm(request.POST)
    if form.is_valid():
        try:
            section = add_free_section(obligation=obligation, user=request.user, **form.cleaned_data)
        except ObligationRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Section “{section.title}” added.")
            return redirect(f"{obligation.get_absolute_url()}response/#{section.anchor}")
    return render(request, "responses/editor.html", editor_context(obligation, free_form=form, form=form))


@office_staff_required
@require_POST
def approve_response(request, pk):
    """Approve, after saving any text typed in the editor and not saved yet (the page sends it along)."""
    obligation = office_obligation(request, pk)
    try:
        for section in obligation.sections.all():
            typed = request.POST.get(f"section-{section.pk}-body")
            if typed is not None and typed != section.body:
                version = request.POST.get(f"section-{section.pk}-version", "")
                save_section(
                    section=section,
                    body=typed,
                    version=int(version)
                    if version.isascii() and version.isdigit() and len(version) < 10
                    else None,
                    user=request.user,
                )
        obligation.refresh_from_db()
        approve(obligation=obligation, on=timezone.localdate(), user=request.user)
    except SectionChanged as changed:
        conflict = {"section": changed.section.pk, "yours": changed.attempted, "message": str(changed)}
        context = editor_context(obligation, conflict=conflict, form=refusal(f"Not approved: {changed}"))
        return render(request, "responses/editor.html", context)
    except ApprovalRefused as refused:
        return render(
            request, "responses/editor.html", editor_context(obligation, refused=refused), status=200
        )
    except ObligationRefused as refused:
        messages.error(request, str(refused))
        return redirect("responses:response-editor", pk=obligation.pk)
    messages.success(request, "Response approved: every recommendation is answered.")
    return redirect(obligation)
