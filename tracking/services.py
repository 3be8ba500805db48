"""Every change to actions, as plain functions the pages, the API, the CLI and the demo call.

An action is opened for each finding that concerns a force, for the office that oversees the force;
everything that happens to it afterwards is an immutable, dated update by a named person.
"""

import os
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from rapidfuzz import fuzz

from core.dates import check_happened
from core.refusals import Refused
from directory.models import Force, LocalPolicingBody
from reports.models import Finding, Report
from tracking import queries, rules
from tracking.models import (
    Action,
    ActionUpdate,
    Category,
    Evidence,
    Publication,
    Rag,
    Status,
    TargetRevision,
    Theme,
    View,
)

# Findings that ask something of a force; innovative or promising practice asks nothing.
TRACKED_KINDS = [
    Finding.Kind.RECOMMENDATION,
    Finding.Kind.CAUSE_OF_CONCERN,
    Finding.Kind.AREA_FOR_IMPROVEMENT,
]
RESTATED_SIMILARITY = 85  # rapidfuzz token-set ratio above which a later finding restates an earlier one

OPEN, D, C, N = Category.OPEN, Category.DONE, Category.CLOSED, Category.NO_ACTION
DEFAULT_STATUSES = {
    View.FORCE: [
        ("Not started", OPEN),
        ("In progress", OPEN),
        ("Force reports complete", D),
        ("No action", N),
    ],
    View.OPCC: [
        ("Not assured", OPEN),
        ("Partly assured", OPEN),
        ("Assured", D),
        ("OPCC accepts closure", D),
        ("Closed", C),
    ],
    View.INSPECTORATE: [
        ("Awaiting review", OPEN),
        ("Being progressed", OPEN),
        ("Discharged", C),
        ("Superseded by a later inspection", C),
        ("No longer applicable", N),
    ],
}


def remind_days() -> int:
    """SCRUTINY_TRACKING_REMIND_DAYS: owners are asked for an update this many days before the target."""
    return int(os.environ.get("SCRUTINY_TRACKING_REMIND_DAYS", "14"))


class ActionRefused(Refused):
    """A change the rules do not allow, in words for the person who tried it."""


def ensure_statuses(offices: list[LocalPolicingBody]) -> None:
    """Give each office the default statuses of each view the first time it tracks anything."""
    have = set(Status.objects.filter(office__in=offices).values_list("office_id", flat=True).distinct())
    Status.objects.bulk_create(
        Status(office=office, view=view, name=name, category=category, position=position)
        for office in offices
        if office.pk not in have
        for view, statuses in DEFAULT_STATUSES.items()
        for position, (name, category) in enumerate(statuses)
    )


def first_statuses(offices: list[LocalPolicingBody], view: str) -> dict[int, Status]:
    """Each office's first status of the view (where a new action starts)."""
    first = {}
    for status in Status.objects.filter(office__in=offices, view=view).order_by("office", "position", "id"):
        first.setdefault(status.office_id, status)
    return first


def themes_named(offices: list[LocalPolicingBody], name: str) -> dict[int, Theme]:
    """Each office's theme of this name, made where it is missing."""
    found = {theme.office_id: theme for theme in Theme.objects.filter(office__in=offices, name=name)}
    missing = [Theme(office=office, name=name) for office in offices if office.pk not in found]
    if missing:
        Theme.objects.bulk_create(missing, ignore_conflicts=True)
        found = {theme.office_id: theme for theme in Theme.objects.filter(office__in=offices, name=name)}
    return found


def offices_for(report: Report) -> list[LocalPolicingBody]:
    """The body now in office for each force the report concerns: the office that follows the actions."""
    forces = Force.objects.all() if report.all_forces else report.forces.all()
    return list(LocalPolicingBody.objects.current().filter(force__in=forces).select_related("force"))


def restated_action(finding: Finding, office: LocalPolicingBody, linked) -> Action | None:
    """An open action, in a linked earlier report, whose finding this finding restates."""
    candidates = Action.objects.filter(
        office=office, force=office.force_id, finding__report__in=linked, category=Category.OPEN
    ).select_related("finding")
    best, score = None, RESTATED_SIMILARITY
    for action in candidates:
        similarity = fuzz.token_set_ratio(finding.text, action.finding.text)
        if similarity >= score:
            best, score = action, similarity
    return best


@transaction.atomic
def open_actions(*, report: Report, findings=None, offices=None, chosen: bool = False) -> list[Action]:
    """Open an action for each tracked finding and each office the report concerns (or `offices`); safe
    to call again. Findings addressed only to other bodies are left unless `chosen` by an officer
    (`rules.for_the_force`). A finding that restates an open action of a linked earlier report is
    followed on that action instead. A fixed number of queries, however many offices and findings, but
    for restatements."""
    findings = list(findings if findings is not None else report.findings.filter(kind__in=TRACKED_KINDS))
    findings = [
        finding
        for finding in findings
        if finding.kind in TRACKED_KINDS and (chosen or rules.for_the_force(finding.addressees))
    ]
    offices = (offices_for(report) if offices is None else offices) if findings else []
    if not offices:
        return []
    ensure_statuses(offices)
    starts = first_statuses(offices, View.FORCE)
    themes = themes_named(offices, report.report_type.name)
    followed = set(
        Action.objects.filter(office__in=offices, finding__in=findings).values_list("office_id", "finding_id")
    )
    followed |= set(
        Action.restated_in.through.objects.filter(
            action__office__in=offices, finding__in=findings
        ).values_list("action__office_id", "finding_id")
    )
    linked = list(report.linked_reports.filter(published_on__lt=report.published_on))
    new = []
    for office in offices:
        for finding in findings:
            if (office.pk, finding.pk) in followed:
                continue
            earlier = restated_action(finding, office, linked) if linked else None
            if earlier is not None:
                earlier.restated_in.add(finding)
                continue
            new.append(
                Action(
                    office=office,
                    force=office.force,
                    finding=finding,
                    original_target_on=finding.deadline_on,
                    target_on=finding.deadline_on,
                    force_status=starts.get(office.pk),
                )
            )
    made = Action.objects.bulk_create(new)
    Action.themes.through.objects.bulk_create(
        [Action.themes.through(action_id=action.pk, theme_id=themes[action.office_id].pk) for action in made]
    )
    return made


def untouched(actions):
    """Actions nobody has written about: no updates, no revised dates."""
    return actions.filter(updates__isnull=True, revisions__isnull=True)


def refresh(action: Action) -> None:
    """The action's statuses, overall category and closing day as its history leaves them (the one query,
    `queries.status_history`): a status entered late, dated before a later one, does not replace it."""
    start = {view: getattr(action, f"{view}_status") for view in View.values}
    now = queries.standing_of(queries.status_history(action), start)
    for view, status in now.statuses.items():
        setattr(action, f"{view}_status", status)
    action.category, action.closed_on = now.category, now.closed_on


@dataclass
class Change:
    """What one update says: a note, a status in one view, progress, and evidence."""

    effective_on: date
    text: str = ""
    view: str = ""
    status: Status | None = None
    source: str = ""
    progress: int | None = None
    waiting_on: str | None = None
    corrects: "ActionUpdate | None" = None  # an earlier update of the action that this one corrects
    justification: str = ""
    public: bool = False
    asked_by_office: bool = False
    files: list = field(default_factory=list)  # staged uploads (tracking.evidence.Staged)


def allowed_views(user) -> list[str]:
    """A force contributor speaks for the force; the office's staff record its own and the
    inspectorate's views (and the force's, when it reports by letter)."""
    from accounts import access

    if access.is_force_contributor(user):
        return [View.FORCE]
    if access.is_office_staff(user):
        return [View.FORCE, View.OPCC, View.INSPECTORATE]
    return []


def check_change(*, action: Action, change: Change, user) -> None:
    from accounts import access

    if not (access.is_office_staff(user) or access.is_force_contributor(user)):
        raise ActionRefused("your role cannot update actions")
    if change.status is not None:
        if change.view not in allowed_views(user):
            raise ActionRefused("your role cannot record that view")
        if change.status.office_id != action.office_id or change.status.view != change.view:
            raise ActionRefused("choose one of the office's statuses for that view")
    if change.view == View.INSPECTORATE and change.status is not None and not change.source.strip():
        raise ActionRefused("say where the inspectorate said so (a report, a letter, a meeting)")
    check_happened(
        change.effective_on,
        "the date of an update",
        ActionRefused,
        follows=action.finding.report.published_on,
        follows_what="the report was published",
    )
    if change.progress is not None and not 0 <= change.progress <= 100:
        raise ActionRefused("progress is a percentage from 0 to 100")
    if change.corrects is not None:
        if change.corrects.action_id != action.pk:
            raise ActionRefused("an update can only correct an earlier update of the same action")
        if not change.text.strip():
            raise ActionRefused("say what was wrong in the update you correct, and what is right")
    nothing = not (change.text.strip() or change.status or change.files or change.progress is not None)
    # the form sends back the body the action waits on: the same body again is no change
    if nothing and (change.waiting_on is None or change.waiting_on.strip() == (action.waiting_on or "")):
        raise ActionRefused("write what has happened, or choose a status, progress or evidence")
    if change.status is not None and change.status.category == Category.CLOSED and change.view == View.OPCC:
        has_evidence = (
            change.files or Evidence.objects.filter(update__action=action, removed_at__isnull=True).exists()
        )
        if not has_evidence and not change.justification.strip():
            raise ActionRefused("closing needs evidence: attach a file, or write why it can close without")


def record_update(*, action: Action, change: Change, user) -> ActionUpdate:
    """Add an immutable, dated update, moving the view it speaks for and the action's standing on."""
    check_change(action=action, change=change, user=user)
    try:
        return _record(action=action, change=change, user=user)
    except BaseException:
        # the update was rolled back: its files must not stay behind in storage
        for staged in change.files:
            if getattr(staged, "stored_as", None):
                Evidence.file.field.storage.delete(staged.stored_as)
        raise


def _record(*, action: Action, change: Change, user) -> ActionUpdate:
    from tracking import evidence

    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        changes = {}
        if change.waiting_on is not None and change.waiting_on.strip() != action.waiting_on:
            changes["waiting_on"] = [action.waiting_on, change.waiting_on.strip()]
            action.waiting_on = change.waiting_on.strip()
        update = ActionUpdate.objects.create(
            action=action,
            author=user,
            author_name=user.get_full_name() or user.username,
            effective_on=change.effective_on,
            corrects=change.corrects,
            text=change.text.strip(),
            view=change.view if change.status else "",
            status=change.status,
            source=change.source.strip(),
            progress=change.progress,
            justification=change.justification.strip(),
            public=change.public,
            asked_by_office=change.asked_by_office,
            changes=changes,
        )
        for staged in change.files:
            evidence.attach(update=update, staged=staged)
        later = action.updates.filter(progress__isnull=False, effective_on__gt=change.effective_on)
        if change.progress is not None and not later.exists():
            action.progress = change.progress
        if action.last_update_on is None or change.effective_on >= action.last_update_on:
            action.last_update_on = change.effective_on
        refresh(action)
        action.save()
    return update


def log(*, action: Action, user, effective_on: date, text: str, changes: dict) -> ActionUpdate:
    """An update that records a change made through another service (owner, target date, RAG, themes)."""
    return ActionUpdate.objects.create(
        action=action,
        author=user,
        author_name=user.get_full_name() or user.username,
        effective_on=effective_on,
        text=text,
        changes=changes,
    )


def revise_target(*, action: Action, new_on: date, agreed_by: str, reason: str, user, today: date) -> None:
    """A new target date, with who agreed it and why; the original date stays."""
    if not agreed_by.strip() or not reason.strip():
        raise ActionRefused("say who agreed the new target date and why")
    if new_on == action.target_on:
        raise ActionRefused("the new target date is the same as the current one")
    with transaction.atomic():
        TargetRevision.objects.create(
            action=action,
            previous_on=action.target_on,
            new_on=new_on,
            agreed_on=today,
            agreed_by=agreed_by.strip(),
            reason=reason.strip(),
            recorded_by=user,
        )
        old = action.target_on
        if action.original_target_on is None:
            action.original_target_on = new_on
        action.target_on = new_on
        action.save(update_fields=["target_on", "original_target_on", "updated_at"])
        log(
            action=action,
            user=user,
            effective_on=today,
            text=f"Target date revised, agreed by {agreed_by.strip()}: {reason.strip()}",
            changes={"target_on": [str(old) if old else "", str(new_on)]},
        )


def set_owner(*, action: Action, owner: str, owner_user=None, user, today: date) -> None:
    owner = owner.strip() or (owner_user.get_full_name() or owner_user.username if owner_user else "")
    if owner == action.owner and owner_user == action.owner_user:
        return
    with transaction.atomic():
        old = action.owner
        action.owner, action.owner_user = owner, owner_user
        action.save(update_fields=["owner", "owner_user", "updated_at"])
        log(
            action=action,
            user=user,
            effective_on=today,
            text=f"Owner set to {owner or 'nobody'}.",
            changes={"owner": [old, owner]},
        )


def override_rag(*, action: Action, rag: str, reason: str, user, today: date) -> None:
    """Override the rule's RAG with a reason, which is shown with it; an empty `rag` removes it."""
    if rag and rag not in Rag.values:
        raise ActionRefused("choose red, amber or green")
    if rag and not reason.strip():
        raise ActionRefused("give the reason for overriding the RAG")
    with transaction.atomic():
        old = action.rag_override
        action.rag_override, action.rag_override_reason = rag, reason.strip() if rag else ""
        action.save(update_fields=["rag_override", "rag_override_reason", "updated_at"])
        text = f"RAG set to {rag} by hand: {reason.strip()}" if rag else "RAG override removed."
        log(action=action, user=user, effective_on=today, text=text, changes={"rag_override": [old, rag]})


def set_themes(*, action: Action, themes: list[Theme], user, today: date) -> None:
    if any(theme.office_id != action.office_id for theme in themes):
        raise ActionRefused("choose the office's own themes")
    old = sorted(action.themes.values_list("name", flat=True))
    new = sorted(theme.name for theme in themes)
    if old == new:
        return
    with transaction.atomic():
        action.themes.set(themes)
        log(
            action=action,
            user=user,
            effective_on=today,
            text="Themes: " + (", ".join(new) or "none"),
            changes={"themes": [old, new]},
        )


@dataclass
class BulkEdit:
    owner: str = ""
    target_on: date | None = None
    agreed_by: str = ""
    reason: str = ""
    status: Status | None = None


def bulk_edit(*, actions, edit: BulkEdit, user, today: date) -> int:
    """Apply an owner, a target date or an office status to a selection: each action gets its own
    update, and the whole selection changes or none of it does."""
    if not (edit.owner.strip() or edit.target_on or edit.status):
        raise ActionRefused("choose an owner, a target date or a status to apply")
    count = 0
    with transaction.atomic():
        for action in actions.select_related("force_status", "opcc_status"):
            if edit.owner.strip():
                set_owner(action=action, owner=edit.owner, user=user, today=today)
            if edit.target_on and edit.target_on != action.target_on:
                revise_target(
                    action=action,
                    new_on=edit.target_on,
                    agreed_by=edit.agreed_by,
                    reason=edit.reason,
                    user=user,
                    today=today,
                )
            if edit.status is not None:
                record_update(
                    action=action,
                    change=Change(
                        effective_on=today,
                        view=edit.status.view,
                        status=edit.status,
                        justification=edit.reason,
                        text=edit.reason,
                    ),
                    user=user,
                )
            count += 1
    return count


def save_status(*, office, view: str, name: str, category: str, public_name: str = "", status=None) -> Status:
    """Add or rename one of the office's statuses; its category decides what it means."""
    if view not in View.values or category not in Category.values:
        raise ActionRefused("choose a view and a category")
    name = name.strip()
    if not name:
        raise ActionRefused("give the status a name")
    clash = Status.objects.filter(office=office, view=view, name=name)
    if status is not None:
        clash = clash.exclude(pk=status.pk)
    if clash.exists():
        raise ActionRefused(f"there is already a status called {name} in that view")
    if status is None:
        position = Status.objects.filter(office=office, view=view).count()
        return Status.objects.create(
            office=office, view=view, name=name, category=category, public_name=public_name, position=position
        )
    if (
        status.category != category
        and Action.objects.filter(
            Q(force_status=status) | Q(opcc_status=status) | Q(inspectorate_status=status)
        ).exists()
    ):
        raise ActionRefused("actions are in this status: add a new status instead of changing its category")
    status.name, status.category, status.public_name = name, category, public_name.strip()
    status.save()
    return status


def publish(*, office, report: Report, user, public: bool) -> None:
    """Opt a report's tracker in to (or out of) the office's public tracker."""
    if public:
        Publication.objects.get_or_create(office=office, report=report, defaults={"published_by": user})
    else:
        Publication.objects.filter(office=office, report=report).delete()


def save_theme(*, office, name: str) -> Theme:
    name = name.strip()
    if not name:
        raise ActionRefused("give the theme a name")
    if Theme.objects.filter(office=office, name=name).exists():
        raise ActionRefused(f"there is already a theme called {name}")
    return Theme.objects.create(office=office, name=name)
