"""The versions of a response kept at each step of its approval, and what changed between two of them."""

from django.shortcuts import render

from accounts.access import office_staff_required
from responses.versions import compare, current_sections
from responses.views.obligations import office_obligation

DRAFT = "now"


@office_staff_required
def versions(request, pk):
    obligation = office_obligation(request, pk)
    kept = list(obligation.versions.select_related("made_by").order_by("number"))
    by_number = {str(version.number): version for version in kept}
    now = current_sections(obligation)
    choices = [(str(v.number), f"Version {v.number}: {v.get_event_display().lower()}") for v in kept]
    if obligation.editable:
        choices.append((DRAFT, "The response as it stands now"))
    valid = {key for key, _ in choices}
    newer = request.GET.get("to", "")
    older = request.GET.get("from", "")
    if newer not in valid:  # the latest state, or the latest version when nothing changed since
        differs = kept and kept[-1].sections != now
        newer = (
            DRAFT if obligation.editable and (differs or not kept) else (str(kept[-1].number) if kept else "")
        )
    asked_same = older in valid and older == newer and "from" in request.GET
    if older not in valid or older == newer:
        position = [key for key, _ in choices].index(newer) if newer in valid else 0
        older = choices[position - 1][0] if position > 0 else ""

    def sections_of(key):
        return now if key == DRAFT else by_number[key].sections

    changes = compare(sections_of(older), sections_of(newer)) if older and newer else []
    if asked_same:  # the person chose one version twice: say so rather than compare another pair
        older, changes = newer, []
    context = {
        "obligation": obligation,
        "versions": kept,
        "choices": choices,
        "older": older,
        "newer": newer,
        "changes": changes,
        "changed": sum(change.state != "unchanged" for change in changes),
    }
    return render(request, "responses/versions.html", context)
