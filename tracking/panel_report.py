"""The quarterly Police and Crime Panel report: summary figures, charts with their figures as tables, the
overdue list, and what changed since the last quarter; as Word and PDF, with the full overdue list as an
Excel annex when the document's list is capped.

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

from core.text import for_xml, one_line
from tracking import rules
from tracking.models import Action, ActionUpdate, Category, TargetRevision, View

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
        .order_by("effective_on", "created_at", "id")
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
    # Plain rows, not model instances: building 50,000 actions with their joins took most of a minute.
    actions = [
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
    both = standings(actions, [before, as_at], ids)
    now, then = both[as_at], both[before]
    counts = Counter(now[action.pk].category for action in actions)
    overdue = sorted(
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
    closed_in = [a for a in actions if (c := now[a.pk].closed_on) and quarter.start <= c <= as_at]
    newly = [row for row in overdue if quarter.start <= row.target_on]
    figures = [
        ("Actions tracked", len(actions)),
        ("Open", counts[Category.OPEN]),
        ("Done, awaiting closure", counts[Category.DONE]),
        ("No action needed", counts[Category.NO_ACTION]),
        ("Closed", counts[Category.CLOSED]),
        ("Overdue", len(overdue)),
        ("Newly overdue this quarter", len(newly)),
        ("Closed this quarter", len(closed_in)),
    ]
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
    closed_by_quarter = Counter(str(Quarter.of(s.closed_on)) for s in now.values() if s.closed_on)
    closures = []
    step = quarter
    for _ in range(8):
        closures.append((str(step), closed_by_quarter[str(step)]))
        step = step.previous()
    closures.reverse()
    changes = [
        (
            line(action.label),
            line(action.report_title),
            CATEGORY_LABELS[then[action.pk].category] if action.report_published_on <= before else "New",
            CATEGORY_LABELS[now[action.pk].category],
        )
        for action in actions
        if action.report_published_on > before or then[action.pk].category != now[action.pk].category
    ]
    report = PanelReport(
        office=line(str(office)),
        quarter=quarter,
        as_at=as_at,
        figures=figures,
        by_report=capped_groups(by_report, "reports"),
        by_theme=capped_groups(by_theme, "themes"),
        overdue=overdue,
        closures=closures,
        changes=changes,
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


def as_docx(report: PanelReport) -> bytes:
    import docx
    from docx.shared import Inches, Pt

    word = docx.Document()
    word.core_properties.title = report.title
    word.core_properties.author = report.office
    word.styles["Normal"].font.name, word.styles["Normal"].font.size = "Arial", Pt(11)
    word.add_heading(report.title, level=1)
    word.add_paragraph(f"{report.office}. Figures as at {report.as_at:%-d %B %Y}.")

    def table(headings, rows):
        grid = word.add_table(rows=1, cols=len(headings))
        grid.style = "Table Grid"
        for cell, heading in zip(grid.rows[0].cells, headings, strict=True):
            cell.text = heading
        for row in rows:
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.text = for_xml(str(value))

    word.add_heading("Summary", level=2)
    table(["Figure", "Number"], report.figures)
    word.add_paragraph(
        f"This quarter: {report.updates_in_quarter} updates were recorded and "
        f"{report.revisions_in_quarter} target dates were revised."
    )
    sections = [
        (
            "Standing by report",
            "by_report",
            ["Report", *map(CATEGORY_LABELS.get, CATEGORY_ORDER)],
            category_rows(report.by_report),
        ),
        (
            "Standing by theme",
            "by_theme",
            ["Theme", *map(CATEGORY_LABELS.get, CATEGORY_ORDER)],
            category_rows(report.by_theme),
        ),
        ("Closures over time", "closures", ["Quarter", "Closed"], report.closures),
        (
            "Overdue actions by how late they are",
            "overdue",
            ["How late", "Actions"],
            report.overdue_bands,
        ),
    ]
    for heading, key, headings, rows in sections:
        word.add_heading(heading, level=2)
        if key in report.charts:
            word.add_picture(io.BytesIO(report.charts[key]), width=Inches(6))
        table(headings, rows)
    word.add_heading("Overdue actions", level=2)
    if report.capped:
        word.add_paragraph(
            f"The {OVERDUE_CAP} latest of {len(report.overdue)} overdue actions; the Excel annex lists them all."
        )
    table(
        ["Finding", "Report", "Force", "Owner", "Target date", "Days late"],
        overdue_rows(report.overdue_shown),
    )
    word.add_heading("Changes since the last quarter", level=2)
    if report.changes:
        table(["Finding", "Report", "Last quarter", "Now"], report.changes[:200])
    else:
        word.add_paragraph("No action changed its standing.")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def category_rows(rows):
    return [(name, *(counts.get(category, 0) for category in CATEGORY_ORDER)) for name, counts in rows]


def overdue_rows(rows: list[OverdueRow]):
    return [(r.label, r.report, r.force, r.owner, f"{r.target_on:%-d %b %Y}", r.days_late) for r in rows]


def print_context(report: PanelReport) -> dict:
    """What the print template and the dashboards show: the charts as data URIs, and every table."""
    import base64

    return {
        "report": report,
        "images": {key: base64.b64encode(data).decode() for key, data in report.charts.items()},
        "categories": [CATEGORY_LABELS[c] for c in CATEGORY_ORDER],
        "by_report": category_rows(report.by_report),
        "by_theme": category_rows(report.by_theme),
        "overdue": overdue_rows(report.overdue_shown),
        "bands": report.overdue_bands,
        "cap": OVERDUE_CAP,
    }


def as_html(report: PanelReport) -> str:
    from django.template.loader import render_to_string

    return render_to_string("tracking/panel_report_print.html", print_context(report))


def as_pdf(report: PanelReport) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=as_html(report)).write_pdf()


def annex_xlsx(report: PanelReport) -> bytes:
    """Every overdue action, for the annex."""
    from openpyxl import Workbook

    from core.exports import sheet, workbook_bytes

    book = Workbook(write_only=True)
    sheet(
        book,
        "Overdue actions",
        ["Finding", "Report", "Force", "Owner", "Target date", "Days late"],
        (
            [row.label, row.report, row.force, row.owner, row.target_on, row.days_late]
            for row in report.overdue
        ),
    )
    return workbook_bytes(book)
