"""The tracker's list: filters, the RAG and lateness rules computed in the database, and sorting.

The database computes the same rules as `tracking.rules` (a test holds them together), so a list of
50,000 actions is filtered, counted and sorted without loading them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, CharField, F, Q, Value, When

from tracking import rules, search
from tracking.models import ActionUpdate, Category, Rag, View

LATE_CHOICES = [
    ("", "Any"),
    ("late", "Past target date"),
    ("newly", "Newly overdue (this month)"),
    ("overdue", "Overdue"),
    ("extension-agreed", "Extension agreed"),
    ("partially-complete", "Partially complete"),
    ("waiting", "Waiting on another body"),
    ("due-soon", "Due within 30 days"),
]
SORTS = {
    "target": ("target_on", "id"),
    "-target": ("-target_on", "-id"),
    "report": ("finding__report__published_on", "finding__position", "id"),
    "force": ("force__name", "target_on", "id"),
    "updated": ("-last_update_on", "-id"),
}


def derived_rag(today: date):
    return Case(
        When(~Q(category=Category.OPEN), then=Value(Rag.GREEN)),
        When(target_on__isnull=True, then=Value(Rag.AMBER)),
        When(target_on__lt=today, then=Value(Rag.RED)),
        When(
            target_on__lte=today + timedelta(days=rules.AMBER_DAYS),
            progress__lt=rules.NEARLY_DONE,
            then=Value(Rag.AMBER),
        ),
        default=Value(Rag.GREEN),
        output_field=CharField(),
    )


def with_rag(actions, today: date):
    """Each action with `rule_rag` (the rule's) and `rag` (the override, if any, else the rule's)."""
    return actions.annotate(
        rule_rag=derived_rag(today),
        rag=Case(
            When(~Q(rag_override=""), then=F("rag_override")),
            default=derived_rag(today),
            output_field=CharField(),
        ),
    )


def rag_filter(rag: str, today: date) -> Q:
    """The actions whose RAG (the override, else the rule's) is `rag`, as plain conditions on the columns,
    so the database filters through its indexes rather than working out every action's RAG first."""
    soon = today + timedelta(days=rules.AMBER_DAYS)
    open_ = Q(rag_override="", category=Category.OPEN)
    by_rule = {
        Rag.RED: open_ & Q(target_on__lt=today),
        Rag.AMBER: open_
        & (
            Q(target_on__isnull=True)
            | Q(target_on__gte=today, target_on__lte=soon, progress__lt=rules.NEARLY_DONE)
        ),
        Rag.GREEN: (Q(rag_override="") & ~Q(category=Category.OPEN))
        | open_ & Q(target_on__gt=soon)
        | open_ & Q(target_on__gte=today, target_on__lte=soon, progress__gte=rules.NEARLY_DONE),
    }
    if rag not in by_rule:
        return Q()
    return Q(rag_override=rag) | by_rule[rag]


def late_filter(kind: str, today: date) -> Q:
    late = Q(category=Category.OPEN, target_on__lt=today)
    plain = Q(waiting_on="")
    return {
        "late": late,
        "newly": late & Q(target_on__gte=rules.month_start(today)),
        "overdue": late & plain & Q(progress=0),
        "partially-complete": late & plain & Q(progress__gt=0),
        "waiting": late & ~Q(waiting_on=""),
        "extension-agreed": Q(category=Category.OPEN, target_on__gte=today, original_target_on__lt=today),
        "due-soon": Q(
            category=Category.OPEN,
            target_on__gte=today,
            target_on__lte=today + timedelta(days=rules.AMBER_DAYS),
        ),
    }.get(kind, Q())


@dataclass
class Filters:
    q: str = ""
    report: int | None = None
    force: str = ""
    category: str = ""
    status: int | None = None
    theme: int | None = None
    rag: str = ""
    late: str = ""
    owner: str = ""
    sort: str = "target"


def matching(actions, filters: Filters, today: date):
    actions = with_rag(actions, today)
    if filters.q:
        actions = actions.filter(finding__in=search.matching_findings(filters.q))
    if filters.report:
        actions = actions.filter(Q(finding__report=filters.report) | Q(restated_in__report=filters.report))
    if filters.force:
        actions = actions.filter(force__code=filters.force)
    if filters.category:
        actions = actions.filter(category=filters.category)
    if filters.status:
        actions = actions.filter(
            Q(force_status=filters.status)
            | Q(opcc_status=filters.status)
            | Q(inspectorate_status=filters.status)
        )
    if filters.theme:
        actions = actions.filter(themes=filters.theme)
    if filters.rag:
        actions = actions.filter(rag_filter(filters.rag, today))
    if filters.owner:
        actions = actions.filter(owner__icontains=filters.owner)
    if filters.late:
        actions = actions.filter(late_filter(filters.late, today))
    if filters.report:
        actions = actions.distinct()
    return actions.order_by(*SORTS.get(filters.sort, SORTS["target"]))


def for_display(actions):
    return actions.select_related(
        "finding", "finding__report", "force", "force_status", "opcc_status", "inspectorate_status"
    )


def lateness(action, today: date) -> rules.Lateness:
    return rules.lateness(
        category=action.category,
        target_on=action.target_on,
        original_target_on=action.original_target_on,
        progress=action.progress,
        waiting_on=action.waiting_on,
        today=today,
    )


# The order of an action's history, oldest first: by the day each update speaks of, then as written. The
# panel report's standings read the histories in this order too.
HISTORY_ORDER = ("effective_on", "created_at", "id")


def status_history(action):
    """The one query for where an action stands: every update that gave one of the three views a status,
    oldest first. The standing is not private (the public tracker shows it), so everyone who may open the
    action sees every entry, though the update's note may be internal."""
    return (
        ActionUpdate.objects.filter(action=action, status__isnull=False)
        .select_related("status")
        .order_by(*HISTORY_ORDER)
    )


@dataclass
class Standing:
    """Where the history leaves an action: each view's latest status (a view with none keeps `start`),
    the overall category, and the day the office's view last became closed."""

    statuses: dict
    category: str
    closed_on: date | None
    listed: dict  # each view's entries, newest first, as the page lists them

    @property
    def category_label(self) -> str:
        return Category(self.category).label


def standing_of(entries, start: dict | None = None) -> Standing:
    statuses = dict(start or {})
    listed: dict[str, list] = {view: [] for view in View.values}
    closed_on = None
    for update in entries:
        before = listed[update.view][0].status if listed[update.view] else None
        listed[update.view].insert(0, update)
        statuses[update.view] = update.status
        if update.view == View.OPCC:
            if update.status.category != Category.CLOSED:
                closed_on = None
            elif before is None or before.category != Category.CLOSED:
                closed_on = update.effective_on
    category = rules.overall_category(
        force=statuses[View.FORCE].category if statuses.get(View.FORCE) else None,
        opcc=statuses[View.OPCC].category if statuses.get(View.OPCC) else None,
    )
    return Standing(statuses, category, closed_on if category == Category.CLOSED else None, listed)
