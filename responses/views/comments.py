"""The chief officer's comments: recording them, and confirming how they link to the recommendations."""

from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from accounts.access import office_staff_required
from documents import DocumentError
from responses.comments import (
    addressed_elsewhere,
    confirm_links,
    doubt_order,
    doubtful_link,
    recommendation_sections,
)
from responses.forms import CommentLinkForm, CommentsForm
from responses.models import ResponseSection
from responses.services import ObligationRefused
from responses.tasks import receive_comments, relink_later
from responses.views.obligations import office_obligation


@office_staff_required
def comments(request, pk):
    obligation = office_obligation(request, pk)
    form = CommentsForm(
        request.POST or None, request.FILES or None, initial={"text": obligation.comments_text}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = receive_comments(
                obligation=obligation,
                received_on=data["received_on"],
                text=data["text"],
                upload=data["document"],
                user=request.user,
            )
        except DocumentError as error:
            form.add_error("document", str(error))
        except ObligationRefused as error:
            form.add_error(None, error.sentence)
        else:
            if job is not None:  # the worker reads the document and proposes links; the page follows it
                return redirect("core:job", pk=job.pk)
            messages.success(request, "The chief officer's comments are recorded.")
            return redirect(obligation)
    return render(request, "responses/comments.html", {"obligation": obligation, "form": form})


@office_staff_required
def comment_links(request, pk):
    """Each recommendation with the passage of the comments proposed as its answer and its stance."""
    obligation = office_obligation(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    error = ""
    if action == "prepare":  # the sections are opened by a POST, never by looking at the page
        recommendation_sections(obligation)
        return redirect("responses:comment-links", pk=obligation.pk)
    if action == "relink":
        if not obligation.comments_document and not obligation.comments_text.strip():
            error = "No comments are recorded yet; record the comments first"
        else:
            return redirect("core:job", pk=relink_later(obligation=obligation, user=request.user).pk)
    if obligation.published_on:  # the record of what was confirmed, no longer changeable
        sections = obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION).select_related(
            "finding", "comments_confirmed_by"
        )
        for section in sections:
            section.elsewhere = addressed_elsewhere(section, obligation)
        return render(
            request, "responses/comment_links.html", {"obligation": obligation, "sections": sections}
        )
    sections = recommendation_sections(obligation, prepare=request.method == "POST")
    unopened = not sections and obligation.report.findings.filter(kind="recommendation").exists()
    rows = [
        (
            section,
            CommentLinkForm(
                request.POST if action == "confirm" else None,
                prefix=f"section-{section.pk}",
                initial={"passage": section.comments_passage, "stance": section.comments_stance or "none"},
            ),
        )
        for section in sections
    ]
    doubtful_first = request.GET.get("order") == "doubtful"
    if doubtful_first:
        rows.sort(key=lambda row: doubt_order(row[0]))
    for section, _ in rows:
        section.elsewhere = addressed_elsewhere(section, obligation)
    # Not answering a recommendation addressed to another body is no doubt about the link: it says why.
    doubtful = sum(
        1
        for section, _ in rows
        if doubtful_link(section) and not (section.elsewhere and section.comments_stance == "none")
    )
    for section, form in rows:  # each label names its recommendation, for screen readers' lists of fields
        form.fields["passage"].label = f"The part of the comments that answers {section.title}"
        form.fields["stance"].label = f"The chief officer's stance on {section.title}"
    if action == "confirm" and all(form.is_valid() for _, form in rows):
        try:
            count = confirm_links(
                obligation=obligation,
                links={
                    section.pk: (form.cleaned_data["passage"], form.cleaned_data["stance"])
                    for section, form in rows
                },
                user=request.user,
            )
        except ObligationRefused as refused:
            error = refused.sentence
        else:
            messages.success(
                request, f"Links confirmed for {count} recommendation{'s' if count != 1 else ''}."
            )
            return redirect(obligation)
    errors = [(form, section) for section, form in rows if form.errors]
    context = {
        "obligation": obligation,
        "rows": rows,
        "errors": errors,
        "error": error,
        "unopened": unopened,
        "doubtful_first": doubtful_first,
        "doubtful": doubtful,
    }
    return render(request, "responses/comment_links.html", context)


@office_staff_required
def comments_document(request, pk):
    """The document the chief officer's comments came in, as it was received."""
    obligation = office_obligation(request, pk)
    if not obligation.comments_document:
        raise Http404("no comments document is attached")
    try:
        handle = obligation.comments_document.open("rb")
    except FileNotFoundError:
        raise Http404("the stored comments document is missing") from None
    name = Path(obligation.comments_document.name).name
    return FileResponse(handle, as_attachment=True, filename=name)
