"""The national register's pages: recommendations printed in many reports, each with its copies, and the
proposals that a later copy for a force re-raises, supersedes or closes an earlier one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import access
from search import register
from search.models import NationalItem, Proposal
from tracking.access import reads_tracking

PAGE_SIZE = 20


@login_required
def register_list(request):
    words = request.GET.get("q", "").strip()[:200]
    page = Paginator(register.items_for(request.user, words), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "search/register_list.html", {"page": page, "q": words})


@login_required
def register_item(request, pk):
    item = get_object_or_404(NationalItem.objects.visible_to(request.user), pk=pk)
    copies = register.copies_for(item, request.user)
    tracked = register.actions_for(copies, request.user)
    for copy in copies:
        copy.tracked = tracked.get(copy.pk, [])
    proposals = register.proposals_for(request.user, state="").filter(
        earlier__in=[copy.pk for copy in copies], later__in=[copy.pk for copy in copies]
    )
    context = {
        "item": item,
        "copies": copies,
        "proposals": proposals,
        "related": register.related(item, request.user, copies),
    }
    return render(request, "search/register_item.html", context)


STATES = {
    "proposed": Proposal.State.PROPOSED,
    "accepted": Proposal.State.ACCEPTED,
    "rejected": Proposal.State.REJECTED,
}


@login_required
def proposal_list(request):
    state = STATES.get(request.GET.get("state", ""), Proposal.State.PROPOSED)
    report = request.GET.get("report", "")
    report = report if report.isdigit() and len(report) < 10 else ""
    proposals = register.proposals_for(
        request.user, state=state, report=int(report) if report.isdigit() else None
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    findings = [f for proposal in page.object_list for f in (proposal.earlier, proposal.later)]
    tracked = register.actions_for(findings, request.user) if reads_tracking(request.user) else {}
    for proposal in page.object_list:
        proposal.may_decide = register.may_decide(request.user, proposal)
        proposal.earlier.tracked = tracked.get(proposal.earlier_id, [])
        proposal.later.tracked = tracked.get(proposal.later_id, [])
    context = {
        "page": page,
        "state": state,
        "states": Proposal.State.choices,
        "relations": Proposal.Relation.choices,
        "report": report,
    }
    return render(request, "search/proposal_list.html", context)


@access.requires(access.is_office_staff, access.STAFF_ONLY)
@require_POST
def proposal_decide(request, pk):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    if not register.may_decide(request.user, proposal):
        raise PermissionDenied("Only staff of the office whose force the later report concerns decide this.")
    decision = request.POST.get("decision", "")
    if decision not in ("accept", "reject"):
        messages.error(request, "Choose to accept or reject the proposal.")
        return redirect("search:proposal-list")
    try:
        register.decide(
            request.user, proposal, accept=decision == "accept", relation=request.POST.get("relation", "")
        )
    except register.DecisionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("search:proposal-list")
    said = "Accepted" if decision == "accept" else "Rejected"
    messages.success(
        request,
        f"{said}: {proposal.later.label} {proposal.verb} {proposal.earlier.label}.",
    )
    return redirect("search:proposal-list")
