"""The figures worked out again straight from the detentions, by aggregate queries: an oracle the
summaries the page reads (`custody.figures`) are checked against. Nothing outside the tests reads it."""

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber

from custody import rules
from custody.figures import BREAKDOWNS, Row, Table, label_of
from custody.models import Detention, OvernightFlag, OvernightRule


def overnight_filter(rule: rules.Rule, office_rule: OvernightRule | None) -> Q:
    if office_rule is not None:
        return Q(Exists(OvernightFlag.objects.filter(rule=office_rule, detention=OuterRef("pk"))))
    return Q(weekend=True) if rule.key == rules.WEEKEND.key else Q(overnight=True)


def counts(rule: rules.Rule, office_rule) -> dict:
    return {
        "detentions": Count("pk"),
        "overnight": Count("pk", filter=overnight_filter(rule, office_rule)),
        "post_charge": Count("pk", filter=Q(post_charge=True)),
        "requested": Count("pk", filter=Q(transfer_requested_at__isnull=False)),
        "transferred": Count("pk", filter=Q(transferred_at__isnull=False)),
        "no_release": Count("pk", filter=Q(released_at__isnull=True)),
    }


def spread(detentions, column: str | None, measure: str = "minutes_held") -> dict:
    """{group: (median hours, 90th percentile hours)} of `measure` (whole minutes), by the nearest-rank
    method, in the database: each row's rank within its group (a window function) is compared with the
    ranks of the two percentiles, so only two rows a group come back."""
    partition = [F(column)] if column else []
    ranked = detentions.filter(**{f"{measure}__isnull": False}).annotate(
        position=Window(RowNumber(), partition_by=partition, order_by=[F(measure).asc(), F("pk").asc()]),
        size=Window(Count("pk"), partition_by=partition),
    )
    # The nearest rank of share p of n is ceil(p·n): (n + 1) / 2 and (9n + 9) / 10 in whole numbers.
    median_rank = (F("size") + 1) / 2
    p90_rank = (F("size") * 9 + 9) / 10
    picked = ranked.filter(Q(position=median_rank) | Q(position=p90_rank))
    found: dict = {}
    for group, value, position, size in picked.values_list(column or "pk", measure, "position", "size"):
        key = group if column else None
        median, p90 = found.get(key, (None, None))
        if position == (size + 1) // 2:
            median = (value // 6) / 10
        if position == (size * 9 + 9) // 10:
            p90 = (value // 6) / 10
        found[key] = (median, p90)
    return found


def table(detentions, breakdown: str, rule: rules.Rule, office_rule=None) -> Table:
    title, column = BREAKDOWNS[breakdown]
    grouped = detentions.values(column).annotate(**counts(rule, office_rule)).order_by(column)
    spreads = spread(detentions, column)
    rows = []
    for values in grouped:
        key = values.pop(column)
        median, p90 = spreads.get(key, (None, None))
        rows.append(Row(key, label_of(breakdown, key), values, median, p90))
    totals = detentions.aggregate(**counts(rule, office_rule))
    median, p90 = spread(detentions, None).get(None, (None, None))
    return Table(breakdown, title, rows, Row(None, "Total", totals, median, p90))


def funnel(detentions) -> dict:
    """The s38(6) funnel, one aggregate over the charged children refused bail."""
    refused = detentions.filter(bail=Detention.Bail.REFUSED)
    asked = Q(transfer_requested_at__isnull=False)
    not_moved = Q(transferred_at__isnull=True)
    return refused.aggregate(
        refused_bail=Count("pk"),
        requested=Count("pk", filter=asked),
        secure=Count("pk", filter=asked & Q(secure_requested=True)),
        provided=Count("pk", filter=asked & Q(reply=Detention.Reply.ACCEPTED)),
        transferred=Count("pk", filter=~not_moved),
        certificates=Count("pk", filter=not_moved & ~Q(certificate="")),
        no_certificate=Count("pk", filter=not_moved & Q(certificate="")),
    )


def by_transfer_authority(detentions) -> Table:
    """Where transfers fail: each local authority asked under s38(6), with the delay to transfer."""
    asked = detentions.filter(transfer_requested_at__isnull=False)
    measures = {
        "requested": Count("pk"),
        "accepted": Count("pk", filter=Q(reply=Detention.Reply.ACCEPTED)),
        "refused": Count("pk", filter=Q(reply=Detention.Reply.REFUSED)),
        "no_reply": Count("pk", filter=Q(reply=Detention.Reply.NO_REPLY)),
        "transferred": Count("pk", filter=Q(transferred_at__isnull=False)),
        "certificates": Count("pk", filter=Q(transferred_at__isnull=True) & ~Q(certificate="")),
    }
    column = "transfer_authority__name"
    grouped = asked.values(column).annotate(**measures).order_by(column)
    delays = spread(asked, column, "transfer_minutes")
    rows = []
    for values in grouped:
        key = values.pop(column)
        rows.append(Row(key, label_of("authority", key), values, *delays.get(key, (None, None))))
    total = Row(
        None,
        "Total",
        asked.aggregate(**measures),
        *spread(asked, None, "transfer_minutes").get(None, (None, None)),
    )
    return Table("transfer_authority", "Local authority asked", rows, total)
