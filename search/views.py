"""The search page: one box over every finding and report the person may open, with facets; and the
searches a person saves, with an e-mail when something new matches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from core.limits import limited
from reports.exports import findings_download
from search.finder import FACETS, loaded, notes_for, public_search, search, snippet
from search.models import SavedSearch
from search.services import SearchRefused, change_saved_search, save_search
from tracking.access import reads_tracking

PAGE_SIZE = 20


def asked_for(data) -> tuple[str, dict[str, str]]:
    text = data.get("q", "").strip()[:500]
    return text, {name: data.get(name, "").strip()[:100] for name in FACETS}


@login_required
def search_page(request):
    text, chosen = asked_for(request.GET)
    results = search(request.user, text, chosen)
    page = Paginator(results.keys, PAGE_SIZE).get_page(request.GET.get("page"))
    findings = loaded(page.object_list)
    where_now(findings, request.user)
    notes = notes_for(findings, results.asked, request.user)
    for finding in findings:
        update = notes.get(finding.pk)
        finding.note = (update, snippet(update.text, results.asked)) if update else None
    shown = [(finding, snippet(finding.text, results.asked)) for finding in findings]
    facets = [
        {
            "label": facet.label,
            "chosen": facet.chosen,
            "clear": link(text, chosen, facet.name, ""),
            "values": [
                {
                    "label": label or value,
                    "count": count,
                    "chosen": value == facet.chosen,
                    "url": link(text, chosen, facet.name, value),
                }
                for value, label, count in facet.values
            ],
        }
        for facet in results.facets
    ]
    filters = {name: value for name, value in chosen.items() if value}
    saved = SavedSearch.objects.visible_to(request.user).filter(query=text, filters=filters).first()
    context = {
        "q": text,
        "results": results,
        "page": page,
        "shown": shown,
        "chosen": chosen,
        "facets": facets,
        "saved": saved,
    }
    template = "search/search.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


def where_now(findings: list, user) -> None:
    """Beside each finding shown: the actions on it the person may see (force, status, target date) and
    the national item it is a copy of, if any (`finding.tracked`, `finding.item_id`)."""
    from search.models import Fingerprint
    from search.register import actions_for

    tracked = actions_for(findings, user) if reads_tracking(user) else {}
    items = dict(
        Fingerprint.objects.filter(finding__in=findings, item__isnull=False).values_list(
            "finding_id", "item_id"
        )
    )
    today = timezone.localdate()
    for finding in findings:
        finding.tracked = tracked.get(finding.pk, [])
        for action in finding.tracked:
            action.is_late = (
                action.category == "open" and action.target_on is not None and action.target_on < today
            )
        finding.item_id = items.get(finding.pk)


def link(text: str, chosen: dict[str, str], name: str, value: str) -> str:
    """The search page's address with one facet set to `value` (or cleared), the rest kept, page one."""
    wanted = {"q": text} | {key: given for key, given in chosen.items() if given} | {name: value}
    return "?" + urlencode({key: given for key, given in wanted.items() if given})


@login_required
def search_export(request, kind):
    """Every finding the search finds (not only the first thousand it pages through), with its report,
    as CSV or Excel: the same search, filters and visibility as the page."""
    text, chosen = asked_for(request.GET)
    results = search(request.user, text, chosen)
    if results.matched is None:
        messages.error(request, "Type at least one word to search for before downloading the findings.")
        return redirect("search:search")
    name = "search-" + (slugify(text)[:40].strip("-") or "findings")
    return findings_download(results.matched, kind=kind, name=name, with_report=True)


@login_required
@require_POST
def save_search_page(request):
    """Keep the search as typed, with its filters; e-mails on. Saving it again changes nothing."""
    text, chosen = asked_for(request.POST)
    filters = {name: value for name, value in chosen.items() if value}
    back = reverse("search:search") + "?" + urlencode({"q": text, **filters})
    try:
        _, created = save_search(request.user, text, filters)
    except SearchRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    if created:
        messages.success(request, "Search saved. You will get an e-mail when a new finding matches it.")
    else:
        messages.info(request, "You had saved this search already.")
    return redirect(back)


@login_required
def saved_list(request):
    saved = SavedSearch.objects.visible_to(request.user)
    return render(request, "search/saved_list.html", {"saved": saved})


@login_required
@require_POST
def saved_change(request, pk):
    """Turn a saved search's e-mails on or off, or delete it."""
    saved = get_object_or_404(SavedSearch.objects.visible_to(request.user), pk=pk)
    try:
        messages.success(request, change_saved_search(saved, request.POST.get("action", "")))
    except SearchRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("search:saved-list")


@limited("public-search", "SCRUTINY_PUBLIC_SEARCH_RATE")
def public_search_page(request):
    """For anyone: the recommendations of reports whose responses are published, with those responses."""
    from responses.views.outputs import public_context

    text = request.GET.get("q", "").strip()[:200]
    asked, found, total = public_search(text)
    shown = [(finding, snippet(finding.text, asked), answers) for finding, answers in found]
    context = {"q": text, "asked": asked, "shown": shown, "total": total, **public_context()}
    return render(request, "search/public_search.html", context)
