"""The figures a commissioner acts on, computed in the database.

Every count is one aggregate query (GROUP BY the breakdown); medians and 90th percentiles come from the
database's histogram of whole minutes held per group (SQLite has no median), so a page never loads
detentions into Python, however many there are. The overnight rule is named with the figures.

People without the custody permission see the same tables suppressed (`custody.suppression`).
"""

from dataclasses import dataclass, field
from datetime import date

from custody import rules
from custody.models import Detention, OvernightRule
from custody.schema import ETHNIC_GROUPS

BREAKDOWNS = {
    "month": ("Month", "month"),
    "local_authority": ("Home local authority", "local_authority__name"),
    "suite": ("Custody suite", "suite"),
    "age_band": ("Age", "age_band"),
    "sex": ("Sex", "sex"),
    "ethnic_group": ("Ethnicity (5 groups)", "ethnic_group"),
}
MEASURES = [
    ("detentions", "Detentions"),
    ("overnight", "Overnight"),
    ("post_charge", "Post-charge"),
    ("requested", "Transfers requested"),
    ("transferred", "Transfers achieved"),
    ("no_release", "No release time"),
]
COUNTS = [key for key, _ in MEASURES]


@dataclass(frozen=True)
class Period:
    """Months from `start` (first day) up to, not including, `end`; None for all time."""

    start: date | None = None
    end: date | None = None

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def quarter(cls, year: int, number: int) -> "Period":
        first = date(year, 3 * (number - 1) + 1, 1)
        last = date(year + (number == 4), (3 * number) % 12 + 1, 1)
        return cls(first, last)

    @classmethod
    def financial_year(cls, year: int) -> "Period":
        """April of `year` to March of the next."""
        return cls(date(year, 4, 1), date(year + 1, 4, 1))

    @classmethod
    def twelve_months_to(cls, last: date) -> "Period":
        """The twelve months that end with the month of `last`."""
        end = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        return cls(date(end.year - 1, end.month, 1), end)

    def label(self) -> str:
        if self.start is None and self.end is None:
            return "all years"
        end = date(self.end.year - (self.end.month == 1), (self.end.month - 2) % 12 + 1, 1)
        if self.start is None:
            return f"all years to {end:%B %Y}"
        if end < self.start:
            return f"no whole quarter that has ended, from {self.start:%B %Y}"
        return f"{self.start:%B %Y} to {end:%B %Y}" if end != self.start else f"{self.start:%B %Y}"

    def filter(self, detentions):
        if self.start is not None:
            detentions = detentions.filter(month__gte=self.start)
        if self.end is not None:
            detentions = detentions.filter(month__lt=self.end)
        return detentions


def rule_for(key: str, office_rules) -> tuple[rules.Rule, OvernightRule | None]:
    """The named rule (a built-in key, or "office-N" of the office's own), defaulting to the default."""
    for rule in office_rules:
        if rule.key == key:
            from custody.imports import as_rule

            return as_rule(rule), rule
    return rules.BUILT_IN.get(key, rules.DEFAULT), None


@dataclass
class Row:
    key: object
    label: str
    values: dict
    median: float | None = None  # hours
    p90: float | None = None


@dataclass
class Table:
    breakdown: str
    title: str
    rows: list[Row]
    total: Row
    shown: dict = field(
        default_factory=dict
    )  # filled by suppression: {(row index or "total", measure): text}


def percentile(histogram: list[tuple[int, int]], share: float) -> float | None:
    """Hours at `share` of a sorted histogram [(tenths of an hour, count)], by the nearest rank."""
    total = sum(count for _, count in histogram)
    if not total:
        return None
    rank, seen = -(-total * round(share * 10) // 10), 0
    for tenths, count in histogram:
        seen += count
        if seen >= rank:
            return tenths / 10
    return None


def summary_table(summaries, breakdown: str, rule: rules.Rule, office_rule=None) -> Table:
    """A breakdown from the import's summaries: one query of a row per month and value, whose histograms
    are added up (a few thousand rows, whatever the number of detentions). An office's own rule's counts
    are kept on the same rows, by the rule."""
    from custody.summaries import add_into, rule_key
    from custody.summaries import percentile as hours_at

    title, _ = BREAKDOWNS[breakdown]
    dimension = "total" if breakdown == "month" else breakdown
    group = "month" if breakdown == "month" else "key"
    overnight = "weekend" if rule.key == rules.WEEKEND.key else "overnight"
    kept_as = rule_key(office_rule.pk) if office_rule is not None else None
    # (an office's rule is read from `extra`, fetched only then: on the total rows it holds the funnel too)
    found = summaries.filter(dimension=dimension).values_list(
        group, "detentions", overnight, "post_charge", "requested", "transferred", "no_release", "held",
        "extra" if kept_as else "dimension",
    )  # fmt: skip
    groups: dict = {}
    for key, *numbers, held, extra in found.order_by(group).iterator(chunk_size=1000):
        if kept_as is not None:
            numbers[1] = (extra or {}).get(kept_as, 0)
        values, histogram = groups.get(key, (None, None))
        if values is None:
            values = dict.fromkeys(COUNTS, 0)
        for measure, number in zip(COUNTS, numbers, strict=True):
            values[measure] += number
        groups[key] = (values, add_into(histogram, unpack(held)))
    names = authority_names(groups) if breakdown == "local_authority" else {}
    rows, total, merged = [], dict.fromkeys(COUNTS, 0), None
    for key, (values, histogram) in groups.items():
        label = names.get(key, "Not recorded") if breakdown == "local_authority" else label_of(breakdown, key)
        rows.append(Row(key, label, values, hours_at(histogram, 0.5), hours_at(histogram, 0.9)))
        for measure in COUNTS:
            total[measure] += values[measure]
        merged = add_into(merged, histogram)
    if breakdown != "month":
        rows.sort(key=lambda row: (row.label == "Not recorded", row.label))
    return Table(
        breakdown, title, rows, Row(None, "Total", total, hours_at(merged, 0.5), hours_at(merged, 0.9))
    )


def unpack(data):
    from custody.summaries import unpack as unpacked

    return unpacked(data)


def authority_names(groups) -> dict:
    from directory.models import LocalAuthority

    ids = [int(key) for key in groups if key]
    return {str(pk): name for pk, name in LocalAuthority.objects.filter(pk__in=ids).values_list("pk", "name")}


def label_of(breakdown: str, key) -> str:
    if key in (None, ""):
        return "Not recorded"
    if breakdown == "month":
        return f"{key:%b %Y}"
    if breakdown == "age_band":
        return rules.AGE_BANDS.get(key, key)
    if breakdown == "sex":
        return dict(Detention.Sex.choices).get(key, key)
    if breakdown == "ethnic_group":
        return ETHNIC_GROUPS.get(key, key)
    return str(key)


FUNNEL = [
    ("refused_bail", "Charged and refused bail"),
    ("requested", "s38(6) request made"),
    ("secure", "of which secure accommodation asked for"),
    ("provided", "Accommodation provided"),
    ("transferred", "Transfer achieved"),
    ("certificates", "Not transferred: s38(7) certificate"),
    ("no_certificate", "Not transferred, no certificate recorded"),
]


def summary_funnel(summaries) -> dict:
    """The s38(6) funnel from the import's summaries (the "total" rows keep it by month)."""
    found = dict.fromkeys((key for key, _ in FUNNEL), 0)
    for extra in summaries.filter(dimension="total").values_list("extra", flat=True):
        for key, count in (extra or {}).items():
            if key in found:
                found[key] += count
    return found


@dataclass
class Delay:
    """The time from the appropriate adult being asked for to their arrival: over the detentions that
    record both times."""

    counted: int
    median: float | None  # hours
    p90: float | None


def aa_delay(summaries) -> Delay:
    from custody.summaries import add_into
    from custody.summaries import percentile as hours_at

    merged = None
    for data in summaries.filter(dimension="total").values_list("aa", flat=True):
        merged = add_into(merged, unpack(data))
    counted = int(merged.sum()) if merged is not None else 0
    return Delay(counted, hours_at(merged, 0.5), hours_at(merged, 0.9))


AUTHORITY_MEASURES = [
    ("requested", "Requests"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
    ("no_reply", "No reply"),
    ("transferred", "Transferred"),
    ("certificates", "Certificates"),
]


def summary_by_transfer_authority(summaries) -> Table:
    """Where transfers fail, from the import's summaries: each local authority asked under s38(6), with the
    delay from request to transfer."""
    from custody.summaries import add_into
    from custody.summaries import percentile as hours_at
    from directory.models import LocalAuthority

    measures = [key for key, _ in AUTHORITY_MEASURES]
    groups: dict = {}
    for key, extra, held in summaries.filter(dimension="transfer_authority").values_list(
        "key", "extra", "held"
    ):
        values, histogram = groups.get(key, (dict.fromkeys(measures, 0), None))
        for measure in measures:
            values[measure] += (extra or {}).get(measure, 0)
        groups[key] = (values, add_into(histogram, unpack(held)))
    ids = [int(key) for key in groups if key]
    names = dict(LocalAuthority.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows, total, merged = [], dict.fromkeys(measures, 0), None
    for key, (values, histogram) in groups.items():
        name = names.get(int(key)) if key else None
        rows.append(
            Row(key, label_of("authority", name), values, hours_at(histogram, 0.5), hours_at(histogram, 0.9))
        )
        for measure in measures:
            total[measure] += values[measure]
        merged = add_into(merged, histogram)
    rows.sort(key=lambda row: (row.label == "Not recorded", row.label))
    total_row = Row(None, "Total", total, hours_at(merged, 0.5), hours_at(merged, 0.9))
    return Table("transfer_authority", "Local authority asked", rows, total_row)


def months_available(detentions) -> list[date]:
    return list(detentions.order_by().values_list("month", flat=True).distinct().order_by("month"))
