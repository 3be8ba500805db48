"""Everything the custody page shows, in one place, so the page, the API, the exports, the briefing and
the response section say the same thing."""

from dataclasses import dataclass

from custody import figures, suppression
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
    return list(OvernightRule.objects.visible_to(user))


def build(user, period: figures.Period, rule_key: str = "default", office_id=None) -> Dashboard:
    """The figures for the period under the named rule, of what the person may count (one office's, if
    named), suppressed unless they have the custody permission. The built-in rules read the import's
    summaries, where an office's own rule's counts are kept beside the built-in ones (from its flags)."""
    rule, office_rule = figures.rule_for(rule_key, office_rules_for(user))
    summaries = period.filter(FigureSummary.objects.counted_for(user))
    if office_id is not None:
        summaries = summaries.filter(office=office_id)
    full = reads_custody_records(user)
    show = suppression.reveal if full else suppression.suppress
    tables = []
    for breakdown in figures.BREAKDOWNS:
        table = figures.summary_table(summaries, breakdown, rule, office_rule)
        show(table, figures.COUNTS)
        tables.append(table)
    authorities = figures.summary_by_transfer_authority(summaries)
    show(authorities, [key for key, _ in figures.AUTHORITY_MEASURES])
    raw = figures.summary_funnel(summaries)
    shown = {key: f"{value:,}" for key, value in raw.items()} if full else suppression.suppress_funnel(raw)
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
        aa_delay=suppression.delay(figures.aa_delay(summaries), full),
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
