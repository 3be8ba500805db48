"""Search over the API: the same search, visibility and facets as the search page; and the national
register: findings printed in many reports, and the proposals about later copies."""

from datetime import date
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from accounts.api_auth import office_staff
from search import register
from search.finder import FACETS, loaded, search, snippet
from search.models import NationalItem, Proposal

router = Router(tags=["search"])
MOST_RETURNED = 100


class SearchIn(Schema):
    q: str = Field("", max_length=500, description='Words, "a phrase", -left-out, a or b.')
    kind: str = Field("", max_length=60)
    type: str = Field("", max_length=60, description="A report type's code.")
    year: str = Field("", max_length=4)
    force: str = Field("", max_length=60, description="A force's code: findings of reports that name it.")
    inspectorate: str = Field("", max_length=60, description="An inspectorate's code.")
    status: str = Field("", max_length=20, description="open, done, closed or no-action: of your actions.")
    overdue: Literal["", "yes"] = Field(
        "", description="yes: one of your actions on it is past its target date."
    )
    theme: str = Field("", max_length=100, description="A theme of your office's actions.")
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
    corrected_from: str  # what was typed, when nothing matched it and these are the results of `query`
    query: str
    findings: list[HitOut]
    reports: list[ReportHitOut]
    facets: list[FacetOut]


@router.get("/search", response=SearchOut, summary="Search findings and reports you may open")
def search_records(request, given: Query[SearchIn]):
    chosen = {name: getattr(given, name) for name in FACETS}
    results = search(request.user, given.q, chosen)
    hits = loaded(results.keys[given.offset : given.offset + given.limit])
    return {
        "total": results.total,
        "corrected_from": results.corrected_from,
        "query": results.text,
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


class ItemOut(Schema):
    id: int
    text: str
    copies: int
    first_published_on: date
    last_published_on: date


class CopyOut(Schema):
    finding_id: int
    label: str
    kind: str
    report_id: int
    report_title: str
    published_on: date
    forces: list[str]  # codes; empty when the report concerns every force
    likeness: int  # 0-100, to the copy it was grouped through


class ItemDetailOut(Schema):
    id: int
    text: str
    copies: list[CopyOut]


class ProposalOut(Schema):
    id: int
    earlier_finding_id: int
    later_finding_id: int
    relation: str
    likeness: int
    only_earlier: list[str]
    only_later: list[str]
    state: str


class DecisionIn(Schema):
    decision: Literal["accept", "reject"]
    relation: Literal["", "reraised", "superseded", "closed"] = ""


class RegisterIn(Schema):
    q: str = Field("", max_length=200, description="Words the finding holds.")
    limit: int = Field(20, ge=1, le=MOST_RETURNED)
    offset: int = Field(0, ge=0, le=100_000)


class ProposalsIn(Schema):
    state: Literal["proposed", "accepted", "rejected"] = "proposed"
    report: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Only proposals about this report's findings."
    )
    limit: int = Field(20, ge=1, le=MOST_RETURNED)
    offset: int = Field(0, ge=0, le=100_000)


@router.get(
    "/register", response=list[ItemOut], summary="Findings printed in more than one report you may open"
)
def register_items(request, given: Query[RegisterIn]):
    items = register.items_for(request.user, given.q)[given.offset : given.offset + given.limit]
    return [
        {
            "id": item.pk,
            "text": item.text,
            "copies": item.copies_seen,
            "first_published_on": item.first_seen,
            "last_published_on": item.last_seen,
        }
        for item in items
    ]


@router.get("/register/proposals", response=list[ProposalOut], summary="What later copies are proposed to be")
def register_proposals(request, given: Query[ProposalsIn]):
    found = register.proposals_for(request.user, state=given.state, report=given.report)
    return [proposal_out(proposal) for proposal in found[given.offset : given.offset + given.limit]]


@router.post(
    "/register/proposals/{proposal_id}",
    response=ProposalOut,
    summary="Accept or reject a proposal",
    description="Staff of the office whose force the later report concerns: accept (as proposed, or as "
    "`relation`) or reject. Others get 403.",
    auth=office_staff,
)
def decide_proposal(request, proposal_id: int, given: DecisionIn):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=proposal_id)
    if not register.may_decide(request.user, proposal):
        raise HttpError(403, "only staff of the office whose force the later report concerns decide this")
    register.decide(request.user, proposal, accept=given.decision == "accept", relation=given.relation)
    return proposal_out(proposal)


@router.get(
    "/register/{item_id}", response=ItemDetailOut, summary="One finding printed in many reports, its copies"
)
def register_item(request, item_id: int):
    item = get_object_or_404(NationalItem.objects.visible_to(request.user), pk=item_id)
    return {
        "id": item.pk,
        "text": item.text,
        "copies": [
            {
                "finding_id": copy.pk,
                "label": copy.label,
                "kind": copy.kind,
                "report_id": copy.report_id,
                "report_title": copy.report.title,
                "published_on": copy.report.published_on,
                "forces": []
                if copy.report.all_forces
                else [force.code for force in copy.report.forces.all()],
                "likeness": copy.fingerprint.likeness,
            }
            for copy in register.copies_for(item, request.user)
        ],
    }


def proposal_out(proposal: Proposal) -> dict:
    return {
        "id": proposal.pk,
        "earlier_finding_id": proposal.earlier_id,
        "later_finding_id": proposal.later_id,
        "relation": proposal.relation,
        "likeness": proposal.likeness,
        "only_earlier": proposal.evidence.get("only_earlier", []),
        "only_later": proposal.evidence.get("only_later", []),
        "state": proposal.state,
    }
