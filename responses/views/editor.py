"""The response editor: one section per recommendation, free sections, and approval."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import office_staff_required
from core import registry
from core.forms import refusal
from responses.comments import comment_gap
from responses.forms import DraftCommentForm, FreeSectionForm, SendBackForm
from responses.models import ResponseObligation, ResponseSection, ResponseVersion, SectionRevision
from responses.services import (
    ApprovalRefused,
    ObligationRefused,
    SectionChanged,
    add_free_section,
    approve,
    approvers,
    changed_since_submitted,
    comment_on_draft,
    delete_free_section,
    drafted_section,
    drafters,
    may_approve,
    prepare_response,
    quote_current_text,
    save_section,
    send_back,
    submit_for_approval,
    unanswered,
)
from responses.views.obligations import office_obligation


def editor_context(obligation: ResponseObligation, user=None, **extra) -> dict:
    # an approver who wrote part of it is not offered approval (asked once: each asks the database)
    approver = user is not None and may_approve(user, obligation)
    wrote_it = approver and user.pk in drafters(obligation)
    sections = list(obligation.sections.select_related("finding").order_by("position", "id"))
    remarks = list(obligation.draft_comments.select_related("author", "version"))
    revisions = dict(
        SectionRevision.objects.filter(section__obligation=obligation)
        .values("section")
        .annotate(count=Count("id"))
        .values_list("section", "count")
    )
    for section in sections:
        section.remarks = [remark for remark in remarks if remark.section_id == section.pk]
        section.revision_count = revisions.get(section.pk, 0)
        section.gap = comment_gap(section, obligation)
    gaps = [section for section in sections if section.gap and section.gap["level"] == "unanswered"]
    unconfirmed = [section for section in sections if section.gap and section.gap["level"] == "proposed"]
    named = list(approvers(obligation.body))
    return {
        "obligation": obligation,
        "sections": sections,
        "missing": unanswered(obligation),
        "free_form": FreeSectionForm(),
        "section_sources": list(registry.response_sections),
        "remarks": [remark for remark in remarks if remark.section_id is None],
        "approvers": named,
        "may_approve": approver and not wrote_it,
        "wrote_it": approver and wrote_it,
        "gaps": gaps,
        "unconfirmed": unconfirmed,
        "send_back_form": SendBackForm(),
        "comment_form": DraftCommentForm(),
        "sent_back": sent_back(obligation),
        "submitted": obligation.versions.filter(event=ResponseVersion.Event.SUBMITTED)
        .select_related("made_by")
        .order_by("-number")
        .first(),
        "version_count": obligation.versions.count(),
        "changed_since_submitted": changed_since_submitted(obligation),
        **extra,
    }


@office_staff_required
def editor(request, pk):
    obligation = office_obligation(request, pk)
    if request.method == "POST":  # "Start the response": sections for every recommendation
        prepare_response(obligation=obligation)
        return redirect("responses:response-editor", pk=obligation.pk)
    return render(request, "responses/editor.html", editor_context(obligation, request.user))


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
        error = refused.sentence
    if request.htmx:
        context = {"section": section, "obligation": section.obligation, "saved": not error, "error": error}
        return render(request, "responses/editor.html#section", {**context, "conflict": conflict})
    if conflict:  # the whole page, with this section showing both texts
        context = editor_context(section.obligation, request.user, conflict=conflict, form=refusal(error))
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
        messages.error(request, refused.sentence)
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
        messages.error(request, refused.sentence)
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
            messages.error(request, refused.sentence)
            return redirect("responses:response-editor", pk=obligation.pk)
        messages.success(request, f"Section “{section.title}” drafted: check and edit it.")
        return redirect(f"{obligation.get_absolute_url()}response/#{section.anchor}")
    form = FreeSectionForm(request.POST)
    if form.is_valid():
        try:
            section = add_free_section(obligation=obligation, user=request.user, **form.cleaned_data)
        except ObligationRefused as refused:
            form.add_error(None, refused.sentence)
        else:
            messages.success(request, f"Section “{section.title}” added.")
            return redirect(f"{obligation.get_absolute_url()}response/#{section.anchor}")
    return render(
        request, "responses/editor.html", editor_context(obligation, request.user, free_form=form, form=form)
    )


def save_typed(request, obligation: ResponseObligation) -> None:
    """Save the text typed in the editor and not saved yet, which the page sends with any of its buttons
    (SectionChanged when someone saved the section since)."""
    for section in obligation.sections.all():
        typed = request.POST.get(f"section-{section.pk}-body")
        if typed is not None and typed.strip() != section.body:
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


def sent_back(obligation) -> ResponseVersion | None:
    """The approver's sending back, while it is the last thing that happened: its reason leads the page."""
    if obligation.status != ResponseObligation.Status.DRAFTING:
        return None
    latest = obligation.versions.select_related("made_by").order_by("-number").first()
    return latest if latest is not None and latest.event == ResponseVersion.Event.SENT_BACK else None


def step(request, pk, act, done: str, what: str):
    """One of the editor's buttons: save what was typed, then `act(obligation)`; a refusal shows on the
    editor with nothing typed lost."""
    obligation = office_obligation(request, pk)
    try:
        save_typed(request, obligation)
        act(obligation)
    except SectionChanged as changed:
        conflict = {"section": changed.section.pk, "yours": changed.attempted, "message": str(changed)}
        context = editor_context(
            obligation, request.user, conflict=conflict, form=refusal(f"Not {what}: {changed}")
        )
        return render(request, "responses/editor.html", context)
    except ApprovalRefused as refused:
        return render(
            request, "responses/editor.html", editor_context(obligation, request.user, refused=refused)
        )
    except ObligationRefused as refused:
        context = editor_context(obligation, request.user, form=refusal(refused.sentence))
        return render(request, "responses/editor.html", context)
    messages.success(request, done)
    return redirect(obligation)


@office_staff_required
@require_POST
def approve_response(request, pk):
    """Approve, after saving any text typed in the editor and not saved yet (the page sends it along)."""
    return step(
        request,
        pk,
        lambda obligation: approve(obligation=obligation, on=timezone.localdate(), user=request.user),
        "Response approved: every recommendation is answered.",
        "approved",
    )


@office_staff_required
@require_POST
def submit_response(request, pk):
    """Send the response to the approver, with an optional note."""
    note = request.POST.get("note", "")[:5000]
    return step(
        request,
        pk,
        lambda obligation: submit_for_approval(obligation=obligation, user=request.user, note=note),
        "Sent for approval: the approver has been told.",
        "sent for approval",
    )


@office_staff_required
@require_POST
def send_back_response(request, pk):
    """The approver returns the draft with what should change."""
    obligation = office_obligation(request, pk)
    form = SendBackForm(request.POST)
    if not form.is_valid():
        context = editor_context(obligation, request.user, send_back_form=form, form=form)
        return render(request, "responses/editor.html", context)
    return step(
        request,
        pk,
        lambda obligation: send_back(
            obligation=obligation, user=request.user, reason=form.cleaned_data["reason"]
        ),
        "Sent back to the drafters with what should change.",
        "sent back",
    )


@office_staff_required
@require_POST
def draft_comment(request, pk):
    """A remark on the draft, or on one of its sections."""
    obligation = office_obligation(request, pk)
    form = DraftCommentForm(request.POST)
    chosen = request.POST.get("section", "")
    section = None
    if chosen:
        if not (chosen.isascii() and chosen.isdigit() and len(chosen) < 12):
            raise Http404("no such section")
        section = get_object_or_404(obligation.sections.all(), pk=chosen)
    if form.is_valid():
        try:
            comment_on_draft(
                obligation=obligation, user=request.user, text=form.cleaned_data["text"], section=section
            )
        except ObligationRefused as refused:
            form.add_error("text", refused.sentence)
        else:
            messages.success(request, "Comment added.")
            anchor = f"#{section.anchor}" if section else "#draft-comments"
            return redirect(f"{obligation.get_absolute_url()}response/{anchor}")
    context = editor_context(obligation, request.user, form=form, comment_form=form)
    return render(request, "responses/editor.html", context)
