"""Everything the custody page shows, in one place, so the page, the API, the exports, the briefing and
the response section say the same thing."""

import re
from dataclasses import dataclass
from datetime import date

from custody import disclosure, figures
from custody.models import FigureSummary, OvernightRule, reads_custody_records

AUTHORITY_CHART = [("requested", "Requests"), ("transferred", "Transfers achieved")]
TREND_CHART = [("detentions", "Detentions"), ("overnight", "Overnight"), ("post_charge", "Post-charge")]


@dataclass
class Dashboard:
    period: figures.Period
    rule_name: str
    rule_text: str
    rule_key: str
    full: bool  # unsuppressed (the custody permission)
    tables: list
    funnel: list  # [(key, label, shown)]
    authorities: figures.Table
    total_detentions: int
    aa_delay: dict  # {"counted", "median", "p90"}: as shown to the person


def office_rules_for(user):
    """An office's own rules, for the people who may read the records (everyone else sees the figures under
    the built-in rules only, so that two rules cannot be differenced)."""
    if not reads_custody_records(user):
        return []
    return list(OvernightRule.objects.visible_to(user))


def build(
    user, period: figures.Period, rule_key: str = "default", office_id=None, *, public=False
) -> Dashboard:
    """The figures for the period under the named rule, of what the person may count (one office's, if
    named): every route out (the page, the API, the exports, the briefing and the response section) comes
    through here. Exact for people with the custody permission; for everyone else, and for anything to be
    published (`public`), made of whole quarters that have ended and controlled (`custody.disclosure`).
    The built-in rules read the import's summaries, where an office's own rule's counts are kept beside
    the built-in ones (from its flags)."""
    full = reads_custody_records(user) and not public
    rule, office_rule = figures.rule_for(rule_key, office_rules_for(user) if full else [])
    if not full:
        period = disclosure.publishable(period)
    summaries = period.filter(FigureSummary.objects.counted_for(user))
    if office_id is not None:
        summaries = summaries.filter(office=office_id)
    tables = [figures.summary_table(summaries, b, rule, office_rule) for b in figures.BREAKDOWNS]
    authorities = figures.summary_by_transfer_authority(summaries)
    authority_keys = [key for key, _ in figures.AUTHORITY_MEASURES]
    funnel, delay = figures.summary_funnel(summaries), figures.aa_delay(summaries)
    if full:
        for table in tables:
            disclosure.reveal(table, figures.COUNTS)
        disclosure.reveal(authorities, authority_keys)
        shown = {key: f"{value:,}" for key, value in funnel.items()}
        aa_delay = {
            "counted": f"{delay.counted:,}",
            **{k: disclosure.hours(getattr(delay, k)) for k in ("median", "p90")},
        }
    else:
        hidden = disclosure.hidden_cells(summaries)
        measure = "weekend" if rule.key == "weekend" else "overnight"
        for breakdown, table in zip(figures.BREAKDOWNS, tables, strict=True):
            disclosure.show(table, breakdown, figures.COUNTS, hidden, measure)
        disclosure.show(authorities, "transfer_authority", authority_keys, hidden)
        shown = disclosure.show_funnel(funnel, hidden)
        aa_delay = disclosure.show_delay(delay, hidden)
    return Dashboard(
        period=period,
        rule_name=rule.name,
        rule_text=rule.describe(),
        rule_key=rule.key,
        full=full,
        tables=tables,
        funnel=[(key, label, shown[key]) for key, label in figures.FUNNEL],
        authorities=authorities,
        total_detentions=tables[0].total.values["detentions"],
        aa_delay=aa_delay,
    )


def grid(table, measures: list[str]) -> list[list[str]]:
    """The table as shown to the person, a row a list: label, each measure, median, 90th percentile; the
    total last."""
    keys = [*measures, "median", "p90"]
    rows = [[row.label, *[table.shown[(index, key)] for key in keys]] for index, row in enumerate(table.rows)]
    return [*rows, ["Total", *[table.shown[("total", key)] for key in keys]]]


def rule_choices(user) -> list[tuple[str, str]]:
    from custody.rules import BUILT_IN

    return [(key, rule.name) for key, rule in BUILT_IN.items()] + [
        (r.key, r.name) for r in office_rules_for(user)
    ]


def period_named(choice: str, latest: date | None, full: bool) -> figures.Period:
    """A period by name: "all", a calendar year "2024", a financial year "fy2024" (April 2024 to March
    2025) or a quarter "2024-Q3"; by default the latest twelve months (for people without the custody
    permission, the four latest quarters that have ended, as every period they see is whole quarters)."""
    choice = choice.strip().lower()
    if choice == "all":
        return figures.Period()
    if found := re.fullmatch(r"(fy)?(\d{4})(?:-q([1-4]))?", choice):
        year = int(found[2])
        if 1990 <= year <= 2100 and not (found[1] and found[3]):
            if found[3]:
                return figures.Period.quarter(year, int(found[3]))
            return figures.Period.financial_year(year) if found[1] else figures.Period.year(year)
    if not full:
        return disclosure.rolling_year(latest)
    return figures.Period.twelve_months_to(latest) if latest else figures.Period()


def period_options(months: list[date], full: bool) -> list[tuple[str, str]]:
    """(value, label) of the periods offered: the default, all years, then each calendar year, financial
    year and quarter with data, newest first (for people without the custody permission, those with a
    quarter that has ended)."""
    if not full:
        ended = disclosure.current_quarter()
        months = [month for month in months if month < ended]
    years = sorted({month.year for month in months}, reverse=True)
    financial = sorted({month.year - (month.month < 4) for month in months}, reverse=True)
    quarters = sorted({(month.year, (month.month - 1) // 3 + 1) for month in months}, reverse=True)
    return [
        ("", "Latest 12 months"),
        ("all", "All years"),
        *[(str(year), f"{year}") for year in years],
        *[(f"fy{year}", f"Financial year {year} to {str(year + 1)[-2:]}") for year in financial],
        *[(f"{year}-q{quarter}", f"{year} quarter {quarter}") for year, quarter in quarters],
    ]
