"""The response as Word, PDF and a public web page; publishing it; the copies the law requires."""

import hashlib

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from accounts.access import office_staff_required
from core.forms import date_field, refusal
from core.limits import limited
from responses import documents
from responses.models import ResponseObligation
from responses.services import (
    ObligationRefused,
    open_correction,
    publish,
    publish_correction,
    record_copies_sent,
    withdraw,
)
from responses.views.obligations import office_obligation

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_document(document: documents.ResponseDocument, kind: str, base_url: str) -> bytes:
    return documents.as_pdf(document, base_url) if kind == "pdf" else documents.as_docx(document)


def download(obligation: ResponseObligation, request, kind: str, *, public: bool = False) -> HttpResponse:
    """The response as PDF or Word. `public`: what the public reads (as published, never a correction
    being drafted), rendered once for what it says (the key is a digest of the whole document, so a
    correction renders afresh) and then served from the cache, so asking for it again costs nothing."""
    cached = public
    document = (
        documents.public_document(obligation) if public else documents.build(obligation, timezone.localdate())
    )
    base_url = request.build_absolute_uri("/")
    if cached:
        digest = hashlib.sha256(repr((document, base_url)).encode()).hexdigest()
        key = f"published-response:{obligation.pk}:{kind}:{digest}"
        content = cache.get(key)
        if content is None:
            content = render_document(document, kind, base_url)
            cache.set(key, content, timeout=24 * 3600)
    else:
        content = render_document(document, kind, base_url)
    name = slugify(f"response {obligation.report.title}")[:80]
    content_type = "application/pdf" if kind == "pdf" else WORD
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@office_staff_required
def office_download(request, pk, kind):
    return download(office_obligation(request, pk), request, kind)


def public_response(request, pk):
    """The published response, for anyone: no sign-in. A withdrawn one says so, when and why, in place
    of its text; a corrected one lists its corrections, each with its reason and the earlier version."""
    obligation = get_object_or_404(
        ResponseObligation.objects.public().select_related("report", "body"), pk=pk
    )
    context = {
        "document": documents.public_document(obligation),
        "for_print": False,
        "obligation": obligation,
        "public": True,
        **public_context(),
        "corrections": obligation.corrections.filter(published_on__isnull=False),
    }
    return render(request, "responses/published.html", context)


def public_version(request, pk, number):
    """A published response as it read before correction `number` (kept, for anyone to compare)."""
    obligation = get_object_or_404(ResponseObligation.objects.public(), pk=pk)
    correction = get_object_or_404(obligation.corrections.filter(published_on__isnull=False), number=number)
    context = {
        "document": documents.from_snapshot(correction.earlier),
        "for_print": False,
        "obligation": obligation,
        "earlier_version": correction,
        **public_context(),
    }
    return render(request, "responses/published.html", context)


def public_index(request):
    """Every published response, for anyone: by office, then year of the report, then report. `office`
    narrows it to one office (its page to link from the office's own website)."""
    published = (
        ResponseObligation.objects.public()
        .select_related("report", "body", "body__response_settings")
        .order_by("body__name", "-report__published_on", "report__title")
    )
    chosen = request.GET.get("office", "")
    if chosen.isascii() and chosen.isdigit() and len(chosen) < 12:
        published = published.filter(body=chosen)
    offices: dict = {}
    for obligation in published:
        years = offices.setdefault(obligation.body, {})
        years.setdefault(obligation.report.published_on.year, []).append(obligation)
    context = {"offices": offices, **public_context(), "one_office": bool(chosen) and len(offices) == 1}
    return render(request, "responses/public_index.html", context)


@office_staff_required
def response_preview(request, pk):
    """The public page as it will read once published, for the office to check before publishing."""
    obligation = office_obligation(request, pk)
    document = documents.build(obligation, obligation.published_on or timezone.localdate())
    context = {"document": document, "for_print": False, "obligation": obligation, "preview": True}
    return render(request, "responses/published.html", context)


@limited("public-download", "SCRUTINY_PUBLIC_DOCUMENT_RATE")
def public_download(request, pk, kind):
    obligation = get_object_or_404(
        ResponseObligation.objects.public().select_related("report", "body"), pk=pk
    )
    if obligation.withdrawn_on:
        raise Http404("The response was withdrawn.")
    return download(obligation, request, kind, public=True)


class PublishForm(forms.Form):
    published_on = date_field(
        "Date published",
        happened=True,
        help_text="The day it goes public: today, or an earlier day it went up. For example, 17 4 2020.",
    )
    confirmed = forms.BooleanField(
        label="I have read the preview: publish this response, with the chief constable's comments",
        error_messages={"required": "Confirm that you have read the preview and want to publish"},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Published with the response, so readers know what changed.",
        error_messages={"required": "Say why"},
    )


def public_context() -> dict:
    """What a public page tells the page header (core names no app's pages): it is public, and where the
    public's home is."""
    return {
        "public_page": True,
        "public_home": {"label": "Published responses", "href": reverse("responses:public-index")},
    }


@office_staff_required
def published_page(request, pk):
    """A published response: correct it (the earlier version kept), publish the correction, or withdraw
    it; each with its reason."""
    obligation = office_obligation(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    correct = ReasonForm(request.POST if action == "correct" else None, prefix="correct")
    withdrawal = ReasonForm(request.POST if action == "withdraw" else None, prefix="withdraw")
    refused = None
    try:
        if action == "correct" and correct.is_valid():
            open_correction(obligation=obligation, reason=correct.cleaned_data["reason"], user=request.user)
            messages.success(request, "Correct the sections, approve, then publish the correction here.")
            return redirect("responses:response-editor", pk=obligation.pk)
        if action == "publish-correction" and not request.POST.get("confirmed"):
            raise ObligationRefused(
                "confirm that you have read the corrected page in the preview, then publish the correction"
            )
        if action == "publish-correction":
            correction = publish_correction(obligation=obligation, user=request.user)
            messages.success(request, f"Correction {correction.number} is published, with its reason.")
            return redirect(obligation)
        if action == "withdraw" and withdrawal.is_valid():
            withdraw(obligation=obligation, reason=withdrawal.cleaned_data["reason"], user=request.user)
            messages.success(request, "The response is withdrawn; its public page says so and why.")
            return redirect(obligation)
    except ObligationRefused as error:
        refused = refusal(error.sentence)
    context = {
        "obligation": obligation,
        "correct": correct,
        "withdrawal": withdrawal,
        "refused": refused,
        "corrections": obligation.corrections.all(),
    }
    return render(request, "responses/published_manage.html", context)


@office_staff_required
def publish_page(request, pk):
    obligation = office_obligation(request, pk)
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        url = request.build_absolute_uri(reverse("responses:public-response", kwargs={"pk": obligation.pk}))
        try:
            publish(
                obligation=obligation,
                url=url,
                user=request.user,
                published_on=form.cleaned_data["published_on"],
            )
        except ObligationRefused as refused:
            form.add_error(None, refused.sentence)
        else:
            messages.success(request, f"Published at {url}. Now send the copies the law requires.")
            return redirect(obligation)
    return render(request, "responses/publish.html", {"obligation": obligation, "form": form})


@office_staff_required
@require_POST
def copies_sent(request, pk):
    obligation = office_obligation(request, pk)
    try:
        record_copies_sent(obligation=obligation, sent_on=timezone.localdate(), user=request.user)
        messages.success(request, "Recorded: copies sent to HM Inspectors and the Home Secretary.")
    except ObligationRefused as refused:
        messages.error(request, refused.sentence)
    return redirect(obligation)
