"""The quarterly Police and Crime Panel report: summary figures, charts with their figures as tables, the
overdue list, and what changed since the last quarter (written as Word, PDF and an Excel annex by
`tracking.panel_documents`).

Every figure is worked out as at the quarter's last day (or today, for the quarter under way) from the
dated histories: the statuses each view held then, the target date agreed then. So last year's report
says what was true then, whatever has happened since.
"""

import functools
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from core.text import one_line
from tracking import rules
from tracking.models import Action, ActionUpdate, Category, TargetRevision, View
from tracking.queries import HISTORY_ORDER

OVERDUE_CAP = 50  # rows in the document; the Excel annex holds them all
GROUP_CAP = 25  # reports or themes in a table: those with the most open actions, then the rest together
CATEGORY_ORDER = [Category.OPEN, Category.DONE, Category.NO_ACTION, Category.CLOSED]
CATEGORY_LABELS = dict(Category.choices)


BANDS = ["Up to 3 months", "3 to 12 months", "Over a year"]


def band(days_late: int) -> str:
    return BANDS[2] if days_late > 365 else BANDS[1] if days_late > 90 else BANDS[0]


class QuarterError(ValueError):
    pass


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        match = re.fullmatch(r"(\d{4})Q([1-4])", text.strip().upper())
        if not match or not 1900 <= int(match[1]) <= 2100:
            raise QuarterError(f"{text!r} is not a quarter like 2026Q3")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        following = self.next().start
        return following - timedelta(days=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + (self.number == 4), self.number % 4 + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def __str__(self):
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        months = ["January to March", "April to June", "July to September", "October to December"]
        return f"{months[self.number - 1]} {self.year}"


class Standing(NamedTuple):
    category: str
    target_on: date | None
    closed_on: date | None


def standings(actions: list, days: list[date], ids=None) -> dict[date, dict[int, Standing]]:
    """Where each action stood at the end of each of `days`: from the status updates effective by then and
    the target-date revisions agreed by then. One pass over each history, oldest first, noting the state
    as it passes each day. `ids` is a query of the actions' ids (a subquery, not 50,000 parameters)."""
    ids = ids if ids is not None else [action.pk for action in actions]
    days = sorted(days)
    latest: dict[tuple[int, str], str] = {}
    closing: dict[int, date] = {}
    seen: dict[date, tuple[dict, dict]] = {}
    waiting = list(days)
    updates = (
        ActionUpdate.objects.filter(action__in=ids, status__isnull=False, effective_on__lte=days[-1])
        .order_by(*HISTORY_ORDER)  # as the action's own page reads it (queries.status_history)
        .values_list("action_id", "view", "status__category", "effective_on")
    )
    for action_id, view, category, effective_on in updates.iterator(chunk_size=5000):
        while waiting and effective_on > waiting[0]:
            seen[waiting.pop(0)] = (dict(latest), dict(closing))
        previous = latest.get((action_id, view))
        latest[(action_id, view)] = category
        if view != View.OPCC:
            continue
        if category != Category.CLOSED:
            closing.pop(action_id, None)
        elif previous != Category.CLOSED:
            closing[action_id] = effective_on
    for day in waiting:
        seen[day] = (latest, closing)
    targets: dict[date, dict[int, date]] = {}
    moved: dict[int, date] = {}
    waiting = list(days)
    revisions = (
        TargetRevision.objects.filter(action__in=ids, agreed_on__lte=days[-1])
        .order_by("agreed_on", "recorded_at", "id")
        .values_list("action_id", "new_on", "agreed_on")
    )
    for action_id, new_on, agreed_on in revisions.iterator(chunk_size=5000):
        while waiting and agreed_on > waiting[0]:
            targets[waiting.pop(0)] = dict(moved)
        moved[action_id] = new_on
    for day in waiting:
        targets[day] = moved
    overall = functools.cache(lambda force, opcc: rules.overall_category(force=force, opcc=opcc))
    result = {}
    for day in days:
        views, closed, moved_by = seen[day][0], seen[day][1], targets[day]
        standing = result[day] = {}
        for action in actions:
            pk = action.pk
            category = overall(views.get((pk, View.FORCE)), views.get((pk, View.OPCC)))
            standing[pk] = Standing(
                category,
                moved_by.get(pk, action.original_target_on),
                closed.get(pk) if category == Category.CLOSED else None,
            )
    return result


@dataclass
class Row:
    """An action as the report needs it."""

    pk: int
    original_target_on: date | None
    owner: str
    label: str
    report_title: str
    report_published_on: date
    force_name: str


@dataclass
class OverdueRow:
    label: str
    report: str
    force: str
    owner: str
    target_on: date
    days_late: int


@dataclass
class PanelReport:
    office: str
    quarter: Quarter
    as_at: date
    figures: list[tuple[str, int]]
    by_report: list[tuple[str, dict[str, int]]]
    by_theme: list[tuple[str, dict[str, int]]]
    overdue: list[OverdueRow]
    closures: list[tuple[str, int]]
    changes: list[tuple[str, str, str, str]]
    updates_in_quarter: int
    revisions_in_quarter: int
    charts: dict[str, bytes] = field(default_factory=dict)

    @property
    def overdue_shown(self) -> list[OverdueRow]:
        return self.overdue[:OVERDUE_CAP]

    @property
    def capped(self) -> bool:
        return len(self.overdue) > OVERDUE_CAP

    @property
    def overdue_bands(self) -> list[tuple[str, int]]:
        late = Counter(band(row.days_late) for row in self.overdue)
        return [(name, late[name]) for name in BANDS]

    @property
    def title(self) -> str:
        return f"Recommendations tracker: report to the Police and Crime Panel, {self.quarter.label}"


def build(*, office, quarter: Quarter, today: date, charts: bool = True, scope=None) -> PanelReport:
    """The report of the office's actions, or of `scope` (a queryset of actions: a dashboard's)."""
    line = functools.lru_cache(maxsize=None)(one_line)  # titles, labels and owners repeat across actions
    as_at = min(quarter.end, today)
    before = quarter.previous().end
    scope = scope if scope is not None else Action.objects.filter(office=office)
    scope = scope.filter(finding__report__published_on__lte=as_at)
    ids = Action.objects.filter(pk__in=scope.values("pk")).values("pk")
    actions = plain_rows(scope)
    both = standings(actions, [before, as_at], ids)
    now, then = both[as_at], both[before]
    overdue = overdue_of(actions, now, as_at, line)
    by_report, by_theme = grouped(actions, now, ids, line)
    report = PanelReport(
        office=line(str(office)),
        quarter=quarter,
        as_at=as_at,
        figures=headline_figures(actions, now, overdue, quarter, as_at),
        by_report=capped_groups(by_report, "reports"),
        by_theme=capped_groups(by_theme, "themes"),
        overdue=overdue,
        closures=closures_by_quarter(now, quarter),
        changes=changes_since(actions, then, now, before, line),
        updates_in_quarter=ActionUpdate.objects.filter(
            action__in=ids, effective_on__gte=quarter.start, effective_on__lte=as_at
        ).count(),
        revisions_in_quarter=TargetRevision.objects.filter(
            action__in=ids, agreed_on__gte=quarter.start, agreed_on__lte=as_at
        ).count(),
    )
    if charts:
        report.charts = draw_charts(report)
    return report


def plain_rows(scope) -> list[Row]:
    """The actions as plain rows in the report's order, not model instances: building 50,000 actions with
    their joins took most of a minute."""
    return [
        Row(*values)
        for values in scope.order_by(
            "finding__report__published_on", "finding__report_id", "finding__position", "id"
        ).values_list(
            "pk",
            "original_target_on",
            "owner",
            "finding__label",
            "finding__report__title",
            "finding__report__published_on",
            "force__name",
        )
    ]


def overdue_of(actions: list[Row], now: dict, as_at: date, line) -> list[OverdueRow]:
    """Open actions past their target date on `as_at`, the longest overdue first."""
    return sorted(
        (
            OverdueRow(
                line(action.label),
                line(action.report_title),
                action.force_name,
                line(action.owner),
                now[action.pk].target_on,
                (as_at - now[action.pk].target_on).days,
            )
            for action in actions
            if now[action.pk].category == Category.OPEN
            and now[action.pk].target_on is not None
            and now[action.pk].target_on < as_at
        ),
        key=lambda row: (-row.days_late, row.report, row.label),
    )


def headline_figures(actions, now, overdue, quarter: Quarter, as_at: date) -> list[tuple[str, int]]:
    counts = Counter(now[action.pk].category for action in actions)
    closed_in = [a for a in actions if (c := now[a.pk].closed_on) and quarter.start <= c <= as_at]
    newly = [row for row in overdue if quarter.start <= row.target_on]
    return [
        ("Actions tracked", len(actions)),
        ("Open", counts[Category.OPEN]),
        ("Done, awaiting closure", counts[Category.DONE]),
        ("No action needed", counts[Category.NO_ACTION]),
        ("Closed", counts[Category.CLOSED]),
        ("Overdue", len(overdue)),
        ("Newly overdue this quarter", len(newly)),
        ("Closed this quarter", len(closed_in)),
    ]


def grouped(actions, now, ids, line) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Each report's and each theme's actions counted by where they stand."""
    by_report: dict[str, Counter] = defaultdict(Counter)
    by_theme: dict[str, Counter] = defaultdict(Counter)
    themes = defaultdict(list)
    tags = Action.themes.through.objects.filter(action__in=ids).values_list("action_id", "theme__name")
    for action_id, name in tags.iterator(chunk_size=5000):
        themes[action_id].append(line(name))
    for action in actions:
        category = now[action.pk].category
        by_report[line(action.report_title)][category] += 1
        for name in themes[action.pk]:
            by_theme[name][category] += 1
    return by_report, by_theme


def closures_by_quarter(now: dict, quarter: Quarter) -> list[tuple[str, int]]:
    """Actions closed in each of the eight quarters up to this one, oldest first."""
    closed = Counter(str(Quarter.of(standing.closed_on)) for standing in now.values() if standing.closed_on)
    closures = []
    step = quarter
    for _ in range(8):
        closures.append((str(step), closed[str(step)]))
        step = step.previous()
    return closures[::-1]


def changes_since(actions, then, now, before: date, line) -> list[tuple[str, str, str, str]]:
    """Actions whose standing changed since the last quarter's end, and those new since: (label, report,
    was, is)."""
    return [
        (
            line(action.label),
            line(action.report_title),
            CATEGORY_LABELS[then[action.pk].category] if action.report_published_on <= before else "New",
            CATEGORY_LABELS[now[action.pk].category],
        )
        for action in actions
        if action.report_published_on > before or then[action.pk].category != now[action.pk].category
    ]


def capped_groups(groups: dict[str, Counter], noun: str) -> list[tuple[str, dict[str, int]]]:
    """The groups with the most open actions (then by name), and the rest added together in one row."""
    ordered = sorted(groups.items(), key=lambda item: (-item[1][Category.OPEN], item[0]))
    rows = [(name, dict(counter)) for name, counter in ordered[:GROUP_CAP]]
    rest = ordered[GROUP_CAP:]
    if rest:
        total: Counter = Counter()
        for _, counter in rest:
            total.update(counter)
        rows.append((f"The other {len(rest)} {noun}", dict(total)))
    return rows


def draw_charts(report: PanelReport) -> dict[str, bytes]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    colours = {
        Category.OPEN: "#d4351c",
        Category.DONE: "#1d70b8",
        Category.NO_ACTION: "#505a5f",
        Category.CLOSED: "#00703c",
    }

    def stacked(rows, title):
        figure, axes = pyplot.subplots(figsize=(7, 0.5 + 0.45 * max(len(rows), 1)))
        names = [name[:50] for name, _ in rows] or ["None"]
        left = [0] * len(names)
        for category in CATEGORY_ORDER:
            values = [counts.get(category, 0) for _, counts in rows] or [0]
            axes.barh(names, values, left=left, color=colours[category], label=CATEGORY_LABELS[category])
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_title(title)
        axes.invert_yaxis()
        axes.legend(loc="lower right", fontsize="small")
        return figure

    def png(figure) -> bytes:
        buffer = io.BytesIO()
        figure.tight_layout()
        figure.savefig(buffer, format="png", dpi=110)
        pyplot.close(figure)
        return buffer.getvalue()

    charts = {
        "by_report": png(stacked(report.by_report[:15], "Actions by report and standing")),
        "by_theme": png(stacked(report.by_theme[:15], "Actions by theme and standing")),
    }
    figure, axes = pyplot.subplots(figsize=(7, 3))
    axes.bar(
        [label for label, _ in report.closures], [count for _, count in report.closures], color="#00703c"
    )
    axes.set_title("Actions closed each quarter")
    charts["closures"] = png(figure)
    figure, axes = pyplot.subplots(figsize=(7, 2.5))
    axes.barh(BANDS, [count for _, count in report.overdue_bands], color="#d4351c")
    axes.set_title("Overdue actions by how late they are")
    charts["overdue"] = png(figure)
    return charts
