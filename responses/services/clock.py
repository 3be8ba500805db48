"""The 56-day clock as the deadlines page reads it: each obligation's bucket and the on-time record."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from responses.models import (
    ResponseObligation,
)

BUCKETS = [
    ("overdue", "Overdue"),
    ("7", "Due within 7 days"),
    ("14", "Due in 8 to 14 days"),
    ("28", "Due in 15 to 28 days"),
    ("later", "Due later"),
    ("published", "Published"),
    ("not-applicable", "Not applicable"),
    ("history", "History: past reports kept for the record"),
]


def bucket_of(obligation: ResponseObligation, today: date) -> str:
    if obligation.not_applicable:
        return "not-applicable"
    if obligation.history:
        return "history"
    if obligation.published_on:
        return "published"
    left = obligation.days_left(today)
    if left < 0:
        return "overdue"
    # `left` counts the days after today: 7 left is "within 7 days", 8 to 14 the next bucket.
    return "7" if left <= 7 else "14" if left <= 14 else "28" if left <= 28 else "later"


@dataclass
class OnTime:
    on_time: int = 0
    late: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late

    @property
    def rate(self) -> float | None:
        return self.on_time / self.total if self.total else None


@dataclass
class Deadlines:
    buckets: dict = field(default_factory=lambda: {key: [] for key, _ in BUCKETS})
    by_year: dict = field(default_factory=lambda: defaultdict(OnTime))
    by_type: dict = field(default_factory=lambda: defaultdict(OnTime))


def deadlines(obligations, today: date) -> Deadlines:
    """Obligations grouped by how soon they are due, and the on-time rate of those whose period has
    ended (published on time, against published late or still unpublished past the due date). History
    stands apart, outside the on-time record."""
    summary = Deadlines()
    for obligation in obligations.select_related("report", "report__report_type", "body"):
        summary.buckets[bucket_of(obligation, today)].append(obligation)
        if obligation.not_applicable or obligation.history or not obligation.statutory:
            continue  # the on-time record counts section 55 duties only
        settled = obligation.published_on is not None or obligation.is_late(today)
        if settled:
            on_time = obligation.published_on is not None and not obligation.published_late
            for key, table in [
                (obligation.report.published_on.year, summary.by_year),
                (obligation.report.report_type.name, summary.by_type),
            ]:
                if on_time:
                    table[key].on_time += 1
                else:
                    table[key].late += 1
    for items in summary.buckets.values():
        items.sort(key=lambda o: (o.due_on, o.report.title))
    return summary
