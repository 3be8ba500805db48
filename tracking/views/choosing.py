"""The checklist of a report's findings the office tracks for its force."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts import access
from reports.models import Report
from tracking import rules
from tracking.access import tracker_reader_required
from tracking.choosing import choices, choose
from tracking.services import offices_for


@tracker_reader_required
def choose_findings(request, pk):
    """Which findings of the report the office tracks: ticked as they are followed now (for a report
    nobody has chosen for yet, those addressed to the force); saving opens the missing actions and sets
    the others aside, keeping any action someone has written about."""
    access.require(request.user, access.is_office_staff, access.STAFF_ONLY)
    office = request.user.office
    if office is None:
        raise Http404("Which findings are tracked is each office's choice; you do not belong to an office.")
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    concerned = office in offices_for(report)
    listed = choices(report, office) if concerned else []
    if request.method == "POST" and concerned:
        known = {choice.finding.pk for choice in listed}
        chosen = {int(v) for v in request.POST.getlist("findings") if v.isascii() and v.isdigit()} & known
        outcome = choose(report=report, office=office, chosen=chosen)
        said = f"{len(chosen)} finding{'s' if len(chosen) != 1 else ''} tracked for {office.force.name}"
        said += f": {outcome.opened} action{'s' if outcome.opened != 1 else ''} opened"
        said += f", {outcome.set_aside} set aside." if outcome.set_aside else "."
        if outcome.kept:
            said += " Kept, because someone has written about them: " + ", ".join(
                finding.label or finding.text[:40] for finding in outcome.kept
            )
            said += "."
        messages.success(request, said)
        return redirect(f"/tracker/?report={report.pk}")
    started = any(choice.followed for choice in listed)
    rows = [
        {
            "choice": choice,
            "ticked": choice.followed if started else choice.for_the_force,
            "name": named(choice.finding),
        }
        for choice in listed
    ]
    return render(
        request,
        "tracking/choose_findings.html",
        {
            "report": report,
            "office": office,
            "concerned": concerned,
            "rows": rows,
            "rule": rules.ADDRESSEE_RULE,
        },
    )


def named(finding) -> str:
    """ "Recommendation 4" as printed, or its kind before a bare label ("Area for improvement 5a")."""
    kind = finding.get_kind_display()
    if finding.label.lower().startswith(kind.split()[0].lower()):
        return finding.label
    return f"{kind} {finding.label}".strip()
