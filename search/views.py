"""The search page: one box over every finding and report the person may open, with facets."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from search.finder import FACETS, search, snippet

PAGE_SIZE = 20


@login_required
def search_page(request):
    text = request.GET.get("q", "").strip()[:500]
    chosen = {name: request.GET.get(name, "").strip()[:60] for name in FACETS}
    results = search(request.user, text, chosen)
    page = Paginator(results.findings, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [(finding, snippet(finding.text, results.asked)) for finding in page]
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
    context = {
        "q": text,
        "results": results,
        "page": page,
        "shown": shown,
        "chosen": chosen,
        "facets": facets,
    }
    template = "search/search.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


def link(text: str, chosen: dict[str, str], name: str, value: str) -> str:
    """The search page's address with one facet set to `value` (or cleared), the rest kept, page one."""
    wanted = {"q": text} | {key: given for key, given in chosen.items() if given} | {name: value}
    return "?" + urlencode({key: given for key, given in wanted.items() if given})
