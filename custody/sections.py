"""The custody section the response editor can insert: the figures of the four quarters before the report
was published (or the latest four quarters imported), with the overnight rule. A response is published,
so its figures are always the controlled ones (`custody.disclosure`), whoever drafts it."""

from custody import dashboard, disclosure, figures
from custody.models import Detention


def period_for(obligation, detentions) -> figures.Period | None:
    end = disclosure.quarter_start(obligation.report.published_on)
    before = figures.Period(end.replace(year=end.year - 1), end)
    if before.filter(detentions).exists():
        return before
    latest = detentions.order_by("-month").values_list("month", flat=True).first()
    return disclosure.rolling_year(latest) if latest else None


def draft(obligation, user):
    detentions = Detention.objects.counted_for(user).filter(office=obligation.body_id)
    period = period_for(obligation, detentions)
    if period is None:
        return None
    board = dashboard.build(user, period, office_id=obligation.body_id, public=True)
    from custody.exports import summary_sentence

    worst = worst_authority(board)
    body = summary_sentence(board)
    if worst:
        body += f" Transfers were least often achieved after requests to {worst}."
    body += (
        " The commissioner will ask the chief constable and the local authorities for a plan to reduce the "
        "number of children held overnight, and will report the figures to the panel each quarter."
    )
    return "Children in police custody", body


def worst_authority(board) -> str | None:
    """The authority asked with the lowest share of transfers achieved, among those with at least 5 requests
    (so the sentence never points at a suppressed figure)."""
    rates = [
        (row.values["transferred"] / row.values["requested"], row.label)
        for row in board.authorities.rows
        if row.values["requested"] >= 5
    ]
    return min(rates)[1] if len(rates) > 1 else None
