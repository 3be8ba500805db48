"""The rules the office can read: where an action stands overall, its RAG, and how late it is.

Kept as plain functions of plain values, so the page that explains them, the lists (which compute the
same rule in the database) and the tests all share one statement of each rule.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracking.models import Category, Rag

AMBER_DAYS = 30  # an open action this close to its target date is amber unless it is nearly done
NEARLY_DONE = 75  # per cent

RAG_RULE = [
    "Green: the action is done, closed, or needs no action.",
    "Red: the action is open and its target date has passed.",
    "Amber: the action is open and has no target date.",
    f"Amber: the action is open, its target date is within {AMBER_DAYS} days and it is under "
    f"{NEARLY_DONE}% complete.",
    "Green: any other open action.",
    "An officer may override the RAG with a reason; the override is shown as one, beside the rule's RAG.",
]

CATEGORY_RULE = [
    "Closed when the office's view is in a closed status.",
    "Done when the office's view, or failing that the force's, is in a done status.",
    "No action when the office's view, or failing that the force's, says no action is needed.",
    "Open otherwise.",
]


def overall_category(*, force: str | None, opcc: str | None) -> str:
    """The action's overall category from the categories of its force and office statuses."""
    if opcc in (Category.CLOSED, Category.DONE, Category.NO_ACTION):
        return opcc
    if force in (Category.DONE, Category.NO_ACTION):
        return force
    return Category.OPEN


def derived_rag(*, category: str, target_on: date | None, progress: int, today: date) -> str:
    if category != Category.OPEN:
        return Rag.GREEN
    if target_on is None:
        return Rag.AMBER
    if target_on < today:
        return Rag.RED
    if target_on <= today + timedelta(days=AMBER_DAYS) and progress < NEARLY_DONE:
        return Rag.AMBER
    return Rag.GREEN


def month_start(today: date) -> date:
    return today.replace(day=1)


@dataclass(frozen=True)
class Lateness:
    """How late an open action is, kept apart by kind."""

    days_late: int  # 0 when not late
    newly_overdue: bool  # its target date passed this month
    kind: str  # "", "overdue", "extension-agreed", "partially-complete", "waiting"

    LABELS = {
        "overdue": "Overdue",
        "extension-agreed": "Extension agreed",
        "partially-complete": "Partially complete",
        "waiting": "Waiting on another body",
    }

    @property
    def label(self) -> str:
        return self.LABELS.get(self.kind, "")


def lateness(
    *,
    category: str,
    target_on: date | None,
    original_target_on: date | None,
    progress: int,
    waiting_on: str,
    today: date,
) -> Lateness:
    """Plain overdue is kept apart from an action whose original date passed but whose agreed new date
    has not, from one partly done, and from one waiting on another body."""
    if category != Category.OPEN or target_on is None:
        return Lateness(0, False, "")
    if target_on >= today:
        extended = original_target_on is not None and original_target_on < today
        return Lateness(0, False, "extension-agreed" if extended else "")
    days = (today - target_on).days
    newly = target_on >= month_start(today)
    if waiting_on:
        return Lateness(days, newly, "waiting")
    if progress > 0:
        return Lateness(days, newly, "partially-complete")
    return Lateness(days, newly, "overdue")


# Who a finding addresses, as intake reads it ("Chief constables", "Essex Police", "The commissioner"): the
# force follows those addressed to it, to its chief officer or to its local policing body.
POLICE_ADDRESSEES = re.compile(
    r"\bpolic(?:e|ing)\b|\bconstab|\bchief\s+(?:constable|officer)s?\b|\bcommissioners?\b|\bP(?:F)?CCs?\b|"
    r"\bOPCCs?\b|\bforces?\b|\bMOPAC\b",
    re.I,
)

ADDRESSEE_RULE = (
    "A report's findings addressed to the force, its chief constable or its commissioner, and those whose "
    "addressee the report does not print, are tracked for the force; findings addressed only to other "
    "bodies (a council, the NHS, a department) are tracked only when an officer chooses them."
)


# National bodies of policing: named with the police's words, but not the force.
NATIONAL_POLICING = re.compile(
    r"National\s+Police\s+Chiefs|\bNPCC\b|College\s+of\s+Policing|Independent\s+Office\s+for\s+Police|\bIOPC\b|"
    r"Police\s+Federation|Police\s+Digital\s+Service|Inspectorate|Home\s+Office",
    re.I,
)


def for_the_force(addressees: list[str]) -> bool:
    """Whether a finding with these addressees is tracked for the force unless an officer says otherwise."""
    return not addressees or any(
        POLICE_ADDRESSEES.search(name) and not NATIONAL_POLICING.search(name) for name in addressees
    )
