"""The response as Word, PDF and a public web page; publishing it; the copies the law requires."""

import hashlib

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from accounts.access import office_staff_required
from core.forms import date_field
from core.limits import limited
from responses import documents
from responses.models import ResponseObligation
from responses.services import ObligationRefused, publish, record_copies_sent
from responses.views import office_obligation

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_document(document: documents.ResponseDocument, kind: str, base_url: str) -> bytes:
    return documents.as_pdf(document, base_url) if kind == "pdf" else documents.as_docx(document)


def download(obligation: ResponseObligation, request, kind: str, *, cached: bool = False) -> HttpResponse:
    """The response as PDF or Word. `cached`: a published response is rendered once for what it says
    (the key is a digest of the whole document, so a correction renders afresh) and then served from the
    cache, so asking for it again costs nothing."""
    document = documents.build(obligation, timezone.localdate())
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
    """The published response, for anyone: no sign-in."""
    obligation = get_object_or_404(
        ResponseObligation.objects.public().select_related("report", "body"), pk=pk
    )
    document = documents.build(obligation, obligation.published_on)
    return render(
        request,
        "responses/published.html",
        {"document": document, "for_print": False, "obligation": obligation, "public": True},
    )


@limited("public-download", "SCRUTINY_PUBLIC_DOCUMENT_RATE")
def public_download(request, pk, kind):
    obligation = get_object_or_404(
        ResponseObligation.objects.public().select_related("report", "body"), pk=pk
    )
    return download(obligation, request, kind, cached=True)


class PublishForm(forms.Form):
    published_on = date_field("Date published", help_text="For example, 17 4 2020.")


@office_staff_required
def publish_page(request, pk):
    obligation = office_obligation(request, pk)
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        url = request.build_absolute_uri(reverse("responses:public-response", kwargs={"pk": obligation.pk}))
        try:
            publish(obligation=obligation, url=url, user=request.user, **form.cleaned_data)
        except ObligationRefused as refused:
            form.add_error(None, str(refused))
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
        messages.error(request, str(refused))
    return redirect(obligation)
