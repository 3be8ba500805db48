"""Disclosure control: the custody figures shown to everyone without the custody permission (office staff,
the panel, the response section and anything else published), so that no hidden count can be worked out
by arithmetic on everything the same person can see.

How it holds, in the way official statistics control linked tables:

- **Atoms.** Figures are controlled per office and calendar quarter. A table for a longer period (a year,
  a financial year, the rolling twelve months, all years) or for several offices shows a cell only where
  every quarter and office in it shows that cell; the number shown is then a sum of numbers already
  shown, and a cell hidden in any one quarter is hidden in every period that holds it. Subtracting one
  period from another, or one office from the whole, gives nothing the quarters did not.
- **Only quarters that have ended** are published (`publishable`): a quarter still filling would be
  differenced against itself a month later. Periods are whole quarters.
- **Within a quarter**, every relation a reader knows is honoured: each breakdown adds up to the same total,
  the requests by local authority asked add up to the requests in the main tables, the parts of the
  s38(6) funnel add up to its whole, and a part never exceeds what it is part of (overnight, post-charge,
  requests and records without a release time ≤ detentions in the same row; transfers ≤ requests). A
  count of 1 to 4 is hidden (primary). Then each hidden cell's least and greatest value consistent with the
  shown cells and those relations is worked out (interval propagation, `bounds`); while any hidden cell
  can be narrowed to fewer than 5 values' width, the smallest shown cell it is related to is hidden too
  (secondary). Zero is shown: it reveals nobody.
- **Only the built-in overnight rules** are shown suppressed; an office's own rule is for the people who may
  read the records (`custody.dashboard`), so two rules cannot be differenced either.

`custody/tests/test_differencing.py` is the attacker: linear programming over every table each role can
read, for every period, rule and office.
"""

import functools
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from custody import figures
from custody.schema import UK

SMALL = 5
PRIMARY, SECONDARY = "<5", "[c]"
# The counts each row of the main tables holds ("overnight" and "weekend" under the two built-in rules).
MEASURES = ["detentions", "overnight", "weekend", "post_charge", "requested", "transferred", "no_release"]
PART_OF_DETENTIONS = ["overnight", "weekend", "post_charge", "requested", "no_release"]
ASKED = [key for key, _ in figures.AUTHORITY_MEASURES]
FUNNEL = [key for key, _ in figures.FUNNEL]
TOTAL = "Total"
AA = ("aa", TOTAL, "counted")  # detentions recording when the appropriate adult was asked for and came


# Periods: whole quarters that have ended.


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(day: date) -> date:
    start = quarter_start(day)
    return date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)


def current_quarter(today: date | None = None) -> date:
    """The first day of the quarter under way (UK time): nothing from it on is published."""
    return quarter_start(today or timezone.localtime(timezone.now(), UK).date())


def publishable(period: figures.Period, today: date | None = None) -> figures.Period:
    """The part of the period made of whole quarters that have ended."""
    end = current_quarter(today)
    if period.end is not None:
        end = min(end, quarter_start(period.end))
    start = period.start
    if start is not None:
        start = start if start == quarter_start(start) else next_quarter(start)
        start = min(start, end)
    return figures.Period(start, end)


def rolling_year(latest: date | None, today: date | None = None) -> figures.Period:
    """The four quarters up to the last ended quarter that holds data: the page's default."""
    end = current_quarter(today)
    if latest is not None:
        end = min(end, next_quarter(latest))
    return figures.Period(date(end.year - 1, end.month, 1), end)


# The cells of one quarter of one office, and what a reader knows of how they relate.


@dataclass(frozen=True)
class Relation:
    """sum(parts) == whole, or sum(parts) <= whole."""

    parts: tuple
    whole: object
    equal: bool


def atoms(summaries) -> dict:
    """{(office, quarter): {cell: count}} from the figure summaries of the period."""
    found: dict = defaultdict(lambda: defaultdict(int))
    from custody.summaries import unpack

    fields = ["office_id", "month", "dimension", "key", *MEASURES, "extra", "aa"]
    for row in summaries.values(*fields).iterator(chunk_size=2000):
        cells = found[(row["office_id"], quarter_start(row["month"]))]
        if not cells:  # every table's total is shown, even where nothing is in it (a 0 tells too)
            for table, measures in (("all", MEASURES), ("asked", ASKED), ("funnel", FUNNEL)):
                cells.update({(table, TOTAL, measure): 0 for measure in measures})
            cells[AA] = 0
        dimension, key, extra = row["dimension"], row["key"], row["extra"] or {}
        if dimension == "transfer_authority":
            for measure in ASKED:
                cells[("asked", key, measure)] += extra.get(measure, 0)
                cells[("asked", TOTAL, measure)] += extra.get(measure, 0)
            continue
        breakdown = "month" if dimension == "total" else dimension
        key = row["month"] if dimension == "total" else key
        for measure in MEASURES:
            cells[(breakdown, key, measure)] += row[measure]
        if dimension == "total":
            for measure in MEASURES:
                cells[("all", TOTAL, measure)] += row[measure]
            for step in FUNNEL:
                cells[("funnel", TOTAL, step)] += extra.get(step, 0)
            cells[AA] += int(unpack(row["aa"]).sum()) if row["aa"] else 0
    return {atom: dict(cells) for atom, cells in found.items()}


def relations(cells: dict) -> list[Relation]:
    """Every relation between the cells that holds (a reader may assume any that do)."""
    found = []
    rows: dict = defaultdict(list, asked=[])  # (a quarter's table with no rows adds up to 0: it says so)
    for table, key, _measure in cells:
        if table not in ("all", "funnel", "asked") or (table == "asked" and key != TOTAL):
            rows[table].append(key)
    for table, keys in rows.items():
        keys = sorted(set(keys), key=str)
        whole_table = "asked" if table == "asked" else "all"
        for measure in ASKED if table == "asked" else MEASURES:
            found.append(
                Relation(tuple((table, key, measure) for key in keys), (whole_table, TOTAL, measure), True)
            )
    requests = [("asked", TOTAL, "requested"), ("all", TOTAL, "requested")]
    if all(cell in cells for cell in requests) and cells[requests[0]] == cells[requests[1]]:
        found.append(Relation((requests[0],), requests[1], True))
    parts = [("funnel", TOTAL, step) for step in ("transferred", "certificates", "no_certificate")]
    found.append(Relation(tuple(parts), ("funnel", TOTAL, "refused_bail"), True))
    within = [
        (("funnel", TOTAL, "requested"), ("funnel", TOTAL, "refused_bail")),
        (("funnel", TOTAL, "secure"), ("funnel", TOTAL, "requested")),
        (("funnel", TOTAL, "provided"), ("funnel", TOTAL, "requested")),
        (("funnel", TOTAL, "refused_bail"), ("all", TOTAL, "detentions")),
        (AA, ("all", TOTAL, "detentions")),
    ]
    for table, key, measure in list(cells):
        if table in ("asked",) and measure == "requested":
            within += [((table, key, part), (table, key, "requested")) for part in ASKED[1:]]
        elif table not in ("asked", "funnel") and measure == "detentions":
            within += [((table, key, part), (table, key, "detentions")) for part in PART_OF_DETENTIONS]
            within.append(((table, key, "transferred"), (table, key, "requested")))
    for part, whole in within:
        if cells.get(part, 0) <= cells.get(whole, 0):
            found.append(Relation((part,), whole, False))
    replies = tuple(("asked", TOTAL, reply) for reply in ("accepted", "refused", "no_reply"))
    if sum(cells.get(cell, 0) for cell in replies) <= cells.get(("asked", TOTAL, "requested"), 0):
        found.append(Relation(replies, ("asked", TOTAL, "requested"), False))
    return [
        relation for relation in found if all(cell in cells for cell in (*relation.parts, relation.whole))
    ]


def bounds(cells: dict, hidden: set, related: list[Relation]) -> dict:
    """{hidden cell: (least, greatest)} consistent with the shown cells and the relations (each a count, so
    at least 0), by propagating intervals through the relations until none narrows any more."""
    low = dict.fromkeys(hidden, 0.0)
    high = dict.fromkeys(hidden, math.inf)

    def lo(cell):
        return low[cell] if cell in hidden else cells[cell]

    def hi(cell):
        return high[cell] if cell in hidden else cells[cell]

    touching = [
        relation for relation in related if any(c in hidden for c in (*relation.parts, relation.whole))
    ]
    for _ in range(100):
        changed = False
        for relation in touching:
            parts, whole = relation.parts, relation.whole
            least, most = sum(lo(p) for p in parts), sum(hi(p) for p in parts)
            if whole in hidden:
                if least > low[whole]:
                    low[whole], changed = least, True
                if relation.equal and most < high[whole]:
                    high[whole], changed = most, True
            for part in parts:
                if part not in hidden:
                    continue
                others_low = least - lo(part)
                ceiling = hi(whole) - others_low
                if ceiling < high[part]:
                    high[part], changed = ceiling, True
                if relation.equal:
                    floor = lo(whole) - (most - hi(part))
                    if floor > low[part]:
                        low[part], changed = floor, True
        if not changed:
            break
    return {cell: (low[cell], high[cell]) for cell in hidden}


def exact_bounds(cells: dict, hidden: set, related: list[Relation], wide: float = math.inf) -> dict:
    """{hidden cell: (least, greatest)} by linear programming: what `bounds` gives where a sum of several
    relations narrows a cell further (the certificates of the other authorities adding up to all but one
    of the requests, say). Only relations that hold a hidden cell count; shown cells are numbers.

    Every solution the solver returns is a set of figures consistent with what is shown, as the true
    figures are: a cell already seen to take values `wide` or more apart in them can be no narrower, and
    is not solved for again (its bounds are then the values seen, a range inside the true one)."""
    import numpy as np
    from scipy.optimize import linprog

    order = sorted(hidden, key=repr)
    index = {cell: n for n, cell in enumerate(order)}
    equal, equal_to, within, within_to = [], [], [], []
    for relation in related:
        members = [*((cell, 1) for cell in relation.parts), (relation.whole, -1)]
        if not any(cell in index for cell, _ in members):
            continue
        row, constant = np.zeros(len(order)), 0.0
        for cell, sign in members:
            if cell in index:
                row[index[cell]] += sign
            else:
                constant -= sign * cells[cell]
        (equal if relation.equal else within).append(row)
        (equal_to if relation.equal else within_to).append(constant)
    options = {
        "A_eq": np.array(equal) if equal else None,
        "b_eq": np.array(equal_to) if equal else None,
        "A_ub": np.array(within) if within else None,
        "b_ub": np.array(within_to) if within else None,
        "bounds": (0, None),
        "method": "highs",
    }
    seen_low = np.array([float(cells[cell]) for cell in order])
    seen_high = seen_low.copy()

    def solved(objective):
        result = linprog(objective, **options)
        if result.status == 0:
            np.minimum(seen_low, result.x, out=seen_low)
            np.maximum(seen_high, result.x, out=seen_high)
        return result

    if order and wide < math.inf:  # two first solutions, every cell as low and as high as it goes together
        solved(np.ones(len(order)))
        solved(-np.ones(len(order)))
    found = {}
    for cell in order:
        n = index[cell]
        objective = np.zeros(len(order))
        objective[n] = 1
        if seen_high[n] - seen_low[n] < wide:
            least = solved(objective)
            low = least.fun if least.status == 0 else 0.0
            if seen_high[n] - low < wide:
                most = solved(-objective)
                found[cell] = (low, -most.fun if most.status == 0 else math.inf)
                continue
        found[cell] = (float(seen_low[n]), float(seen_high[n]))
    return found


def narrow(cells: dict, hidden: set, related: list[Relation]) -> list:
    """The hidden cells that could be worked out to within fewer than 5 values: first by propagation (quick,
    never narrower than the truth), then, once that finds none, by linear programming."""
    for method in (bounds, functools.partial(exact_bounds, wide=SMALL)):
        found = method(cells, hidden, related)
        weak = sorted((cell for cell, (low, high) in found.items() if high - low < SMALL - 1e-6), key=repr)
        if weak:
            return weak
    return []


def partner(cell, cells: dict, hidden: set, related: list[Relation]):
    """The shown cell to hide beside a hidden one that can be narrowed: a part beside it in a sum before
    the sum itself or what bounds it, the smallest non-zero first."""
    ranked = []
    for relation in related:
        members = (*relation.parts, relation.whole)
        if cell not in members:
            continue
        for other in members:
            if other in hidden or other == cell:
                continue
            role = 0 if relation.equal and other != relation.whole else (2 if relation.equal else 1)
            ranked.append((role, cells[other] == 0, cells[other], repr(other), other))
    return min(ranked)[-1] if ranked else None


# The controls this process has worked out, by their figures: a quarter whose figures come round again (the
# same file imported into another office's trial, the demo loaded afresh) is not worked out twice. The
# linear programs cost about a second a quarter; a control is a few dozen cells.
WORKED_OUT: dict[tuple[str, str], frozenset] = {}
WORKED_OUT_LIMIT = 1024


def protect(cells: dict, previous: dict | None = None) -> frozenset:
    """`hide(cells, previous)`, worked out once per process for the same figures."""
    key = (fingerprint(cells), fingerprint(previous or {}))
    if key not in WORKED_OUT:
        if len(WORKED_OUT) >= WORKED_OUT_LIMIT:
            WORKED_OUT.pop(next(iter(WORKED_OUT)))  # the oldest first
        WORKED_OUT[key] = hide(cells, previous)
    return WORKED_OUT[key]


def hide(cells: dict, previous: dict | None = None) -> frozenset:
    """The cells of one quarter of one office to hide. `previous` is what was shown of the quarter before
    its figures changed (a late import): a count that moved by 1 to 4 since is hidden like a small one
    (else the two versions' difference would single out the few children added or moved), and so is a
    further cell wherever a group of hidden cells adds up to 1 to 4 more or less than before."""
    previous = previous or {}
    related = relations(cells)
    revised = {
        cell for cell, value in cells.items() if cell in previous and 0 < abs(value - previous[cell]) < SMALL
    }
    required = {cell for cell, value in cells.items() if 0 < value < SMALL} | revised
    hidden = set(required)
    while hidden:
        weak = narrow(cells, hidden, related) or moved_groups(cells, hidden, related, previous)
        if not weak:
            break
        added = {found for cell in weak if (found := partner(cell, cells, hidden, related)) is not None}
        if not added:  # nothing left beside them to hide: hide the whole quarter but its zeros
            hidden |= {cell for cell, value in cells.items() if value}
            break
        hidden |= added
    # A cell hidden beside another but worked out exactly all the same protects nothing: show it.
    known = {
        cell
        for cell, (low, high) in exact_bounds(cells, hidden, related, wide=0.5).items()
        if high - low < 0.5
    }
    return frozenset(hidden - {cell for cell in known if cell not in required})


def moved_groups(cells: dict, hidden: set, related: list[Relation], previous: dict) -> list:
    """Hidden cells whose sum (a whole less its shown parts) was also known before, and has moved by 1 to
    4 since: one of each such group, so that a partner joins it."""
    if not previous:
        return []
    weak = []
    for relation in related:
        if not relation.equal:
            continue
        members = [*relation.parts, relation.whole]
        inside = [cell for cell in relation.parts if cell in hidden]
        shown = [cell for cell in members if cell not in hidden]
        if not inside or relation.whole in hidden or any(cell not in previous for cell in shown):
            continue
        now = cells[relation.whole] - sum(cells[cell] for cell in shown if cell != relation.whole)
        before = previous[relation.whole] - sum(previous[cell] for cell in shown if cell != relation.whole)
        if 0 < abs(now - before) < SMALL:
            weak.append(sorted(inside, key=repr)[0])
    return weak


def fingerprint(cells: dict) -> str:
    return hashlib.sha256(repr(sorted(cells.items(), key=repr)).encode()).hexdigest()


def stored(cell) -> list:
    table, key, measure = cell
    return [table, key.isoformat() if isinstance(key, date) else key, measure]


def read_back(item: list) -> tuple:
    table, key, measure = item
    return (table, date.fromisoformat(key) if table == "month" else key, measure)


def controlled(found: dict) -> dict:
    """{(office, quarter): hidden cells} for the quarters given ({(office, quarter): cells}): as kept where
    the figures still match, else worked out and kept."""
    from custody.models import ControlledQuarter

    offices = {office for office, _ in found}
    quarters = {quarter for _, quarter in found}
    kept = {
        (row.office_id, row.quarter): row
        for row in ControlledQuarter.objects.filter(office__in=offices, quarter__in=quarters)
    }
    result = {}
    for atom, cells in found.items():
        mark = fingerprint(cells)
        row = kept.get(atom)
        if row is not None and row.fingerprint == mark:
            result[atom] = {read_back(item) for item in row.hidden}
            continue
        previous = {read_back(item): value for item, value in row.shown} if row is not None else {}
        result[atom] = set(protect(cells, previous))
        shown = sorted([stored(cell), value] for cell, value in cells.items() if cell not in result[atom])
        try:
            with transaction.atomic():  # two people asking at once work out the same: the first is kept
                ControlledQuarter.objects.update_or_create(
                    office_id=atom[0],
                    quarter=atom[1],
                    defaults={
                        "fingerprint": mark,
                        "hidden": sorted(stored(cell) for cell in result[atom]),
                        "shown": shown,
                    },
                )
        except IntegrityError:
            pass
    return result


def control_office(office_id: int) -> int:
    """Work out and keep the control of every quarter of an office (the worker, after an import), so that
    no one waits for it on the page. Returns the number of quarters."""
    from custody.models import FigureSummary

    return len(controlled(atoms(FigureSummary.objects.filter(office=office_id))))


def hidden_cells(summaries) -> set:
    """The cells hidden in the period's tables: those hidden in any quarter or office within it."""
    return set().union(*controlled(atoms(summaries)).values())


# Filling the tables as shown.


def text(value: int, hidden: bool) -> str:
    if not hidden:
        return f"{value:,}"
    return PRIMARY if 0 < value < SMALL else SECONDARY


def show(table, breakdown: str, measures: list[str], hidden: set, rule_measure: str = "overnight") -> None:
    """Fill `table.shown`: a cell hidden in any quarter or office is hidden; medians and percentiles of a
    group under 5 (or whose count is hidden) too."""
    cell_table = "asked" if breakdown == "transfer_authority" else breakdown
    shown = {}
    for index, row in [*enumerate(table.rows), ("total", table.total)]:
        if index == "total":
            table_of, key = ("asked" if cell_table == "asked" else "all"), TOTAL
        else:
            table_of, key = cell_table, row.key
        for measure in measures:
            counted = rule_measure if measure == "overnight" and cell_table != "asked" else measure
            value = row.values.get(measure) or 0
            shown[(index, measure)] = text(value, (table_of, key, counted) in hidden)
        count = row.values.get(measures[0]) or 0
        spread_hidden = count < SMALL or (table_of, key, measures[0]) in hidden
        shown[(index, "median")] = SECONDARY if spread_hidden else hours(row.median)
        shown[(index, "p90")] = SECONDARY if spread_hidden else hours(row.p90)
    table.shown = shown


def show_funnel(funnel: dict, hidden: set) -> dict:
    return {key: text(value, ("funnel", TOTAL, key) in hidden) for key, value in funnel.items()}


def show_delay(found, hidden: set) -> dict:
    """The appropriate adult delay: its count as controlled, its median and percentile only of 5 or more
    detentions shown."""
    small = found.counted < SMALL or AA in hidden
    return {
        "counted": text(found.counted, AA in hidden),
        "median": SECONDARY if small else hours(found.median),
        "p90": SECONDARY if small else hours(found.p90),
    }


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
