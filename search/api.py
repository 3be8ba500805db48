"""Search over the API: the same search, visibility and facets as the search page."""

from datetime import date

from ninja import Query, Router, Schema
from pydantic import Field

from search.finder import loaded, search, snippet

router = Router(tags=["search"])
MOST_RETURNED = 100


class SearchIn(Schema):
    q: str = Field("", max_length=500, description='Words, "a phrase", -left-out, a or b.')
    kind: str = Field("", max_length=60)
    type: str = Field("", max_length=60, description="A report type's code.")
    year: str = Field("", max_length=4)
    force: str = Field("", max_length=60, description="A force's code: findings of reports that name it.")
    limit: int = Field(20, ge=1, le=MOST_RETURNED)
    offset: int = Field(0, ge=0, le=1000)


class HitOut(Schema):
    id: int
    kind: str
    label: str
    report_id: int
    report_title: str
    published_on: date
    snippet: str  # HTML: the words asked for are in <mark>


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class FacetOut(Schema):
    name: str
    label: str
    chosen: str
    values: list[FacetValueOut]


class ReportHitOut(Schema):
    id: int
    title: str
    published_on: date


class SearchOut(Schema):
    total: int
    findings: list[HitOut]
    reports: list[ReportHitOut]
    facets: list[FacetOut]


@router.get("/search", response=SearchOut, summary="Search findings and reports you may open")
def search_records(request, given: Query[SearchIn]):
    chosen = {"kind": given.kind, "type": given.type, "year": given.year, "force": given.force}
    results = search(request.user, given.q, chosen)
    hits = loaded(results.keys[given.offset : given.offset + given.limit])
    return {
        "total": results.total,
        "findings": [
            {
                "id": finding.pk,
                "kind": finding.kind,
                "label": finding.label,
                "report_id": finding.report_id,
                "report_title": finding.report.title,
                "published_on": finding.report.published_on,
                "snippet": str(snippet(finding.text, results.asked)),
            }
            for finding in hits
        ],
        "reports": [
            {"id": report.pk, "title": report.title, "published_on": report.published_on}
            for report in results.reports
        ],
        "facets": [
            {
                "name": facet.name,
                "label": facet.label,
                "chosen": facet.chosen,
                "values": [{"value": v, "label": label, "count": n} for v, label, n in facet.values],
            }
            for facet in results.facets
        ],
    }
