import random
from datetime import date, time

import pytest

from custody import disclosure, figures, rules
from custody.figures import Period, label_of
from custody.models import Detention, OvernightRule
from custody.services import add_rule, rebuild_rule
from custody.testing import cheshire, detention_row, import_rows, import_synthetic
from custody.tests import oracle

pytestmark = pytest.mark.django_db


def row(n, **fields):
    return detention_row(custody_record_number=f"F/{n}", **fields)


def test_counts_medians_and_percentiles_come_from_the_database(tmp_path):
    held = [60, 120, 180, 240, 600]  # minutes, arrival at 10:00
    rows = [
        row(n, arrived_at="2024-01-10 10:00", released_at=f"2024-01-10 {10 + m // 60:02d}:00")
        for n, m in enumerate(held)
    ]
    rows.append(row(9, arrived_at="2024-02-01 10:00", released_at=""))
    import_rows(tmp_path, rows)
    table = oracle.table(Detention.objects.all(), "month", rules.DEFAULT)
    assert [r.label for r in table.rows] == ["Jan 2024", "Feb 2024"]
    assert (
        table.rows[0].values["detentions"] == 5 and table.rows[0].median == 3.0 and table.rows[0].p90 == 10.0
    )
    assert table.total.values["no_release"] == 1 and table.total.values["detentions"] == 6


def test_the_funnel_follows_charged_children_refused_bail(tmp_path):
    refused = {"bail": "refused", "charged_at": "2024-03-02 09:30", "released_at": "2024-03-02 12:00"}
    asked = {**refused, "transfer_requested_at": "2024-03-02 09:45", "transfer_local_authority": "Halton"}
    rows = [
        row(1, **asked, reply="accepted", transferred_at="2024-03-02 11:00", accommodation="non-secure"),
        row(2, **asked, reply="refused", certificate="a", accommodation="secure"),
        row(3, **refused),
        row(4, bail="granted", charged_at="2024-03-02 09:30"),
    ]
    import_rows(tmp_path, rows)
    assert oracle.funnel(Detention.objects.all()) == {
        "refused_bail": 3,
        "requested": 2,
        "secure": 1,
        "provided": 1,
        "transferred": 1,
        "certificates": 1,
        "no_certificate": 1,
    }
    halton = oracle.by_transfer_authority(Detention.objects.all()).rows[0]
    assert halton.label == "Halton" and halton.values["requested"] == 2 and halton.median == 1.2


def test_an_office_rule_is_worked_out_and_counted(tmp_path):
    import_rows(tmp_path, [row(1, arrived_at="2024-01-10 22:30"), row(2, arrived_at="2024-01-10 12:00")])
    rule = add_rule(
        office=cheshire(),
        name="Brought in at night",
        kind="arrived",
        starts=time(22),
        ends=time(6),
        minimum_minutes=0,
    )
    assert rebuild_rule(rule=rule) == 1
    checked, office_rule = figures.rule_for(rule.key, OvernightRule.objects.all())
    assert oracle.table(Detention.objects.all(), "sex", checked, office_rule).total.values["overnight"] == 1
    import_rows(tmp_path, [row(3, arrived_at="2024-01-11 23:00")], name="more.csv")  # flagged at import
    assert oracle.table(Detention.objects.all(), "sex", checked, office_rule).total.values["overnight"] == 2


def test_an_office_rules_figures_from_the_summaries_agree_with_its_flags(tmp_path):
    from custody.models import FigureSummary
    from custody.services import delete_batch

    first = import_synthetic(tmp_path, rows=400, seed=4)
    rule = add_rule(
        office=cheshire(), name="Held late", kind="held", starts=time(22), ends=time(6), minimum_minutes=120
    )
    rebuild_rule(rule=rule)
    checked, office_rule = figures.rule_for(rule.key, OvernightRule.objects.all())

    def agree():
        detentions, summaries = Detention.objects.all(), FigureSummary.objects.all()
        for breakdown in figures.BREAKDOWNS:
            live = oracle.table(detentions, breakdown, checked, office_rule)
            kept = figures.summary_table(summaries, breakdown, checked, office_rule)
            assert sorted((r.label, r.values["overnight"]) for r in kept.rows) == sorted(
                (label_of(breakdown, r.key), r.values["overnight"]) for r in live.rows
            ), breakdown
            assert kept.total.values == live.total.values, breakdown
        return live.total.values["overnight"]

    assert agree() > 0
    import_synthetic(tmp_path, rows=150, seed=5)  # the same record numbers: records updated and flagged
    assert agree() > 0
    delete_batch(batch=first, user=None)  # the summaries rebuilt
    before = agree()
    late = [
        row(900 + n, arrived_at=f"2019-06-0{n} 21:30", released_at=f"2019-06-0{n + 1} 07:00")
        for n in range(1, 4)
    ]
    import_rows(tmp_path, late, name="late.csv")  # new records only: added to the summaries, flags counted
    assert agree() == before + 3


def test_periods_name_themselves():
    assert Period.year(2019).label() == "January 2019 to December 2019"
    assert Period.quarter(2019, 4) == Period(date(2019, 10, 1), date(2020, 1, 1))
    assert Period().label() == "all years"
    assert Period.twelve_months_to(date(2020, 1, 1)).label() == "February 2019 to January 2020"
    assert Period.twelve_months_to(date(2019, 12, 1)) == Period.year(2019)


def one_quarter(column: list[int]) -> dict:
    """The cells of a quarter whose detentions by suite are `column` (every other count zero)."""
    cells = {("suite", f"s{n}", "detentions"): value for n, value in enumerate(column)}
    cells[("all", disclosure.TOTAL, "detentions")] = sum(column)
    return cells


def widths(cells: dict, hidden) -> dict:
    related = disclosure.relations(cells)
    return {cell: high - low for cell, (low, high) in disclosure.bounds(cells, set(hidden), related).items()}


@pytest.mark.parametrize(
    "values", [[3, 40, 50], [3, 0, 50], [1, 2, 60], [0, 0, 4], [9, 12, 40], [2, 1, 1, 30], [4, 5, 0, 0]]
)
def test_small_numbers_are_hidden_and_no_hidden_cell_can_be_narrowed(values):
    cells = one_quarter(values)
    hidden = disclosure.protect(cells)
    assert {cell for cell, value in cells.items() if 0 < value < 5} <= hidden
    assert all(width >= 5 for width in widths(cells, hidden).values())


def test_control_holds_for_many_random_quarters():
    generator = random.Random(5)
    for _ in range(300):
        column = [generator.choice([0, 1, 2, 3, 4, 5, 8, 20]) for _ in range(generator.randint(2, 6))]
        cells = one_quarter(column)
        assert all(width >= 5 for width in widths(cells, disclosure.protect(cells)).values()), column


def test_a_part_never_larger_than_its_whole_is_used_against_a_hidden_cell():
    """Overnight ≤ detentions in the same row: two small overnight counts beside rows of 5 detentions
    would be pinned to within a count or two; the control hides more until they are not."""
    cells = {
        **one_quarter([5, 5, 30]),
        **{("suite", f"s{n}", "overnight"): value for n, value in enumerate([4, 5, 20])},
        ("all", disclosure.TOTAL, "overnight"): 29,
    }
    hidden = disclosure.protect(cells)
    assert ("suite", "s0", "overnight") in hidden
    assert all(width >= 5 for width in widths(cells, hidden).values())


def test_the_funnel_hides_a_lone_small_part_of_its_whole():
    steps = {"refused_bail": 30, "requested": 20, "secure": 3, "provided": 9}
    steps |= {"transferred": 8, "certificates": 2, "no_certificate": 20}
    cells = {("funnel", disclosure.TOTAL, step): value for step, value in steps.items()}
    cells[("all", disclosure.TOTAL, "detentions")] = 60
    hidden = disclosure.protect(cells)
    part = ("funnel", disclosure.TOTAL, "certificates")
    assert part in hidden and ("funnel", disclosure.TOTAL, "transferred") in hidden
    assert all(width >= 5 for width in widths(cells, hidden).values())


def test_every_quarter_of_synthetic_figures_is_controlled(tmp_path):
    from custody.models import FigureSummary

    import_synthetic(tmp_path, rows=400, seed=8)
    quarters = disclosure.atoms(FigureSummary.objects.all())
    assert len(quarters) >= 4
    for cells in quarters.values():
        hidden = disclosure.protect(cells)
        assert {cell for cell, value in cells.items() if 0 < value < 5} <= hidden
        assert all(width >= 5 for width in widths(cells, hidden).values())


@pytest.mark.parametrize("rule", [rules.DEFAULT, rules.WEEKEND])
def test_the_import_summaries_give_the_same_figures_as_the_detentions(tmp_path, rule):
    from custody.models import FigureSummary

    import_synthetic(tmp_path, rows=500, seed=21)
    detentions, summaries = Detention.objects.all(), FigureSummary.objects.all()
    for breakdown in figures.BREAKDOWNS:
        live = oracle.table(detentions, breakdown, rule)
        kept = figures.summary_table(summaries, breakdown, rule)
        assert [(r.label, r.values, r.median, r.p90) for r in kept.rows] == [
            (r.label, r.values, r.median, r.p90)
            for r in sorted(
                live.rows, key=lambda r: (r.label == "Not recorded", r.label) if breakdown != "month" else 0
            )
        ], breakdown
        assert (kept.total.values, kept.total.median, kept.total.p90) == (
            live.total.values,
            live.total.median,
            live.total.p90,
        )


def test_deleting_a_batch_rebuilds_the_summaries(tmp_path):
    from custody.models import FigureSummary
    from custody.services import delete_batch

    batch = import_rows(tmp_path, [row(1), row(2)])
    assert FigureSummary.objects.filter(dimension="total").get().detentions == 2
    delete_batch(batch=batch, user=None)
    assert not FigureSummary.objects.exists()
