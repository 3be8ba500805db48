"""Small-number suppression for everyone without the custody permission (office staff, the panel, any
public output).

Primary: a count from 1 to 4 is shown as "<5". Secondary: in each column of a table that has a total, a
lone hidden cell could be worked out as the total minus the cells shown, so the next smallest cell of the
column is hidden too (shown as "[c]"); a total under 5 hides its whole column. Medians and percentiles of
a group under 5 children are hidden. Zero is shown: it reveals nobody.
"""

SMALL = 5
PRIMARY, SECONDARY = "<5", "[c]"


def suppress(table, measures: list[str]) -> None:
    """Fill `table.shown` with the text of every cell, hiding what must be hidden."""
    shown = {}
    for measure in measures:
        cells = [row.values.get(measure) or 0 for row in table.rows]
        total = table.total.values.get(measure) or 0
        hidden = {index for index, value in enumerate(cells) if 0 < value < SMALL}
        if 0 < total < SMALL:
            hidden = set(range(len(cells)))
        elif len(hidden) == 1:
            others = [(value == 0, value, index) for index, value in enumerate(cells) if index not in hidden]
            if others:  # the smallest non-zero cell, else a zero (hidden, nobody can tell it is zero)
                hidden.add(min(others, key=lambda item: (item[0], item[1]))[2])
        for index, value in enumerate(cells):
            if index in hidden:
                shown[(index, measure)] = PRIMARY if 0 < value < SMALL else SECONDARY
            else:
                shown[(index, measure)] = f"{value:,}"
        shown[("total", measure)] = PRIMARY if 0 < total < SMALL else f"{total:,}"
    for index, row in enumerate(table.rows):
        small = (row.values.get(measures[0]) or 0) < SMALL
        shown[(index, "median")] = SECONDARY if small else hours(row.median)
        shown[(index, "p90")] = SECONDARY if small else hours(row.p90)
    small = (table.total.values.get(measures[0]) or 0) < SMALL
    shown[("total", "median")] = SECONDARY if small else hours(table.total.median)
    shown[("total", "p90")] = SECONDARY if small else hours(table.total.p90)
    table.shown = shown


def reveal(table, measures: list[str]) -> None:
    """Every cell as it is: for people with the custody permission."""
    shown = {}
    for key, row in [*enumerate(table.rows), ("total", table.total)]:
        for measure in measures:
            shown[(key, measure)] = f"{row.values.get(measure) or 0:,}"
        shown[(key, "median")] = hours(row.median)
        shown[(key, "p90")] = hours(row.p90)
    table.shown = shown


def hours(value) -> str:
    return "–" if value is None else f"{value:.1f}"


# Funnel steps that add up to another step: every child refused bail was transferred, or not (with or
# without a certificate).
FUNNEL_SUMS = [("refused_bail", ["transferred", "certificates", "no_certificate"])]


def suppress_funnel(funnel: dict) -> dict:
    """Each small step is hidden; where steps add up to another, a lone hidden part gets company."""
    shown = {key: (PRIMARY if 0 < value < SMALL else f"{value:,}") for key, value in funnel.items()}
    for total, parts in FUNNEL_SUMS:
        hidden = [part for part in parts if shown[part] == PRIMARY]
        if len(hidden) == 1 and shown[total] != PRIMARY:
            rest = sorted(
                (part for part in parts if part not in hidden), key=lambda p: (funnel[p] == 0, funnel[p])
            )
            shown[rest[0]] = SECONDARY
    return shown


def delay(found, full: bool) -> dict:
    """The appropriate adult delay as shown: its median and 90th percentile hidden from people without the
    custody permission when fewer than 5 detentions record it."""
    small = not full and found.counted < SMALL
    return {
        "counted": f"{found.counted:,}" if full or not 0 < found.counted < SMALL else PRIMARY,
        "median": SECONDARY if small else hours(found.median),
        "p90": SECONDARY if small else hours(found.p90),
    }
