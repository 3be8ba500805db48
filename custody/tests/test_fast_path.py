"""The import's column-at-a-time fast path against the careful one-row-at-a-time path, on generated rows
crowded around the clock changes: any row the fast path reads, it reads exactly as the careful path does
(times, the overnight and weekend rules, months, minutes, keys), and it never reads a row the careful path
refuses. The UK clock arithmetic on arrays agrees with zoneinfo for every hour of years of changes."""

from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from custody import clock, imports, rules, schema
from custody.models import ImportBatch
from custody.schema import COLUMNS
from custody.testing import cheshire, detention_row

pytestmark = pytest.mark.django_db

NAMES = [column.name for column in COLUMNS]
# Wall-clock moments on and around the clock changes of 2019 to 2024 (and an ordinary day).
CHANGES = [
    datetime(2019, 3, 31, 1),
    datetime(2019, 10, 27, 1),
    datetime(2020, 3, 29, 1),
    datetime(2020, 10, 25, 1),
    datetime(2023, 3, 26, 1),
    datetime(2023, 10, 29, 1),
    datetime(2024, 3, 31, 1),
    datetime(2024, 7, 14, 12),
]


@st.composite
def wall_clock(draw):
    base = draw(st.sampled_from(CHANGES))
    return base + timedelta(minutes=draw(st.integers(-4 * 24 * 60, 4 * 24 * 60)))


def written(moment: datetime, draw) -> str:
    """A time as a force's file might hold it."""
    form = draw(st.sampled_from(["plain", "plain", "plain", "seconds", "iso", "offset", "slashes", "odd"]))
    if form == "plain":
        return f"{moment:%Y-%m-%d %H:%M}"
    if form == "seconds":
        return f"{moment:%Y-%m-%d %H:%M}:{draw(st.integers(0, 59)):02d}"
    if form == "iso":
        return f"{moment:%Y-%m-%dT%H:%M}"
    if form == "offset":
        return moment.replace(tzinfo=schema.UK).isoformat(timespec="minutes")
    if form == "slashes":
        return f"{moment:%d/%m/%Y %H:%M}"
    return draw(st.sampled_from(["2023-02-29 10:00", "2023-13-01 10:00", "1985-06-01 10:00", "24:00", "x"]))


@st.composite
def detention(draw):
    arrived = draw(wall_clock())
    held = timedelta(minutes=draw(st.one_of(st.integers(0, 30 * 60), st.integers(0, 12 * 24 * 60))))
    released = (
        arrived + held if draw(st.booleans()) else arrived - timedelta(minutes=draw(st.integers(1, 90)))
    )
    fields = {
        "custody_record_number": f"R/{draw(st.integers(0, 10**6))}",
        "person_id": draw(st.sampled_from(["P1", " P2 ", "P3"])),
        "age": draw(st.sampled_from(["15", "10", "17", "9", "15.0", " 12 "])),
        "sex": draw(st.sampled_from(["male", "F", "other", "girl", "?"])),
        "arrived_at": written(arrived, draw),
        "released_at": draw(st.sampled_from(["", written(released, draw), written(released, draw)])),
        "charged_at": draw(st.sampled_from(["", written(arrived + held / 2, draw)])),
        "bail": draw(st.sampled_from(["", "refused", "granted", "none"])),
    }
    if draw(st.booleans()):
        asked = arrived + held / 3
        fields |= {
            "transfer_requested_at": written(asked, draw),
            "transfer_local_authority": "Warrington",
            "accommodation": draw(st.sampled_from(["secure", "non-secure", ""])),
            "reply": draw(st.sampled_from(["accepted", "refused", "no-reply"])),
            "transferred_at": draw(st.sampled_from(["", written(asked + timedelta(minutes=75), draw)])),
        }
    return detention_row(**fields)


@pytest.fixture
def converters():
    office = cheshire()
    batch = ImportBatch.objects.create(office=office, force=office.force, source_name="t.csv")
    careful = imports.Converter(batch)
    return careful, imports.FastConverter(careful, NAMES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(detention(), min_size=1, max_size=40))
def test_the_fast_path_reads_rows_as_the_careful_path_does_or_leaves_them_to_it(converters, rows):
    careful, fast = converters
    values = [[row.get(name, "") for name in NAMES] for row in rows]
    read, slow = fast.convert_chunk([list(cells) for cells in values])
    assert len(read) + len(slow) == len(rows)
    fast_rows = iter(read)
    for position, cells in enumerate(values):
        if position in slow:
            continue
        outcome = imports.Outcome()
        expected = careful.convert(outcome, position + 2, dict(zip(NAMES, cells, strict=True)))
        assert not outcome.errors, (cells, outcome.errors)
        assert next(fast_rows) == imports.as_row(expected), cells


def test_the_fast_path_reads_the_usual_rows_itself(converters):
    careful, fast = converters
    rows = [
        detention_row(
            custody_record_number=f"U/{n}",
            arrived_at=f"2023-10-{n:02d} 22:10",
            released_at=f"2023-10-{n + 1:02d} 09:05:30",
        )
        for n in range(1, 29)
    ]
    read, slow = fast.convert_chunk([[row.get(name, "") for name in NAMES] for row in rows])
    assert slow == [] and len(read) == len(rows)


def test_array_clock_arithmetic_agrees_with_zoneinfo_for_every_hour():
    start = datetime(2022, 1, 1, tzinfo=UTC)
    utc = np.array([int((start + timedelta(minutes=30 * n)).timestamp()) for n in range(2 * 24 * 731)])
    local = clock.to_local(utc)
    for stamp, wall in zip(utc.tolist(), local.tolist(), strict=True):
        expected = datetime.fromtimestamp(stamp, UTC).astimezone(schema.UK).replace(tzinfo=None)
        assert datetime(1970, 1, 1) + timedelta(seconds=wall) == expected
    assert (clock.to_utc(local[~clock.skipped(local)]) <= utc[~clock.skipped(local)]).all()
    days = clock.local_day(utc)
    assert days.tolist() == [
        (datetime.fromtimestamp(stamp, UTC).astimezone(schema.UK).date() - date(1970, 1, 1)).days
        for stamp in utc.tolist()
    ]


def test_every_wall_clock_hour_of_two_years_reads_as_python_reads_it():
    moments = [datetime(2023, 1, 1) + timedelta(minutes=30 * n) for n in range(2 * 24 * 731)]
    cells = np.array([f"{moment:%Y-%m-%d %H:%M}" for moment in moments], dtype="U19")
    local, read = clock.wall_clock(cells)
    assert read.all()
    skipped = clock.skipped(local)
    utc = clock.to_utc(local)
    for moment, is_skipped, stamp in zip(moments, skipped.tolist(), utc.tolist(), strict=True):
        try:
            expected = schema.parse_time(f"{moment:%Y-%m-%d %H:%M}")
        except schema.Invalid:
            assert is_skipped, moment
            continue
        assert not is_skipped, moment
        assert datetime.fromtimestamp(stamp, UTC) == expected, moment


def test_impossible_dates_are_not_read_from_their_digits():
    cells = np.array(
        ["2023-02-29 10:00", "2024-02-29 10:00", "2023-04-31 10:00", "2023-00-10 10:00", "2023-01-01 24:00",
         "2023-01-01 10:60", "2023-01-01 10:00:60", "2023-01-01 1a:00", "1989-12-31 10:00", "2101-01-01 10:00",
         "2023-01-01 10:00:05"],
        dtype="U19",
    )  # fmt: skip
    _, read = clock.wall_clock(cells)
    assert read.tolist() == [False, True, False, False, False, False, False, False, False, False, True]


def test_counting_a_column_at_a_time_makes_the_same_summaries_as_a_row_at_a_time(converters):
    import csv
    import io
    import operator

    from custody import summaries
    from custody.testing import synthetic_csv

    _, fast = converters
    lines = list(csv.reader(io.StringIO(synthetic_csv(rows=3000, seed=11, months=30))))
    read, _ = fast.convert_chunk(lines[1:])
    together, alone = summaries.Tally(), summaries.Tally()
    together.add_rows(read[:1700])
    together.add_rows(read[1700:])
    pick = operator.itemgetter(*[imports.NAMES.index(name) for name in summaries.TALLIED])
    for row in read:
        alone.add(pick(row))
    assert together.summaries() == alone.summaries()
    assert together.funnel and together.asked and together.delay and together.aa


def test_a_workbook_whose_table_of_contents_is_damaged_is_refused_naming_it(tmp_path):
    import openpyxl

    from custody import reading
    from documents.model import DocumentError

    path = tmp_path / "detentions.xlsx"
    book = openpyxl.Workbook()
    book.active.append(NAMES)
    book.save(path)
    data = bytearray(path.read_bytes())
    start = data.index(b"PK\x01\x02")
    data[start : start + 4] = b"XX\x01\x02"
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError, match="detentions.xlsx.*damaged"):
        reading.kind_of(path)


OFFICE_RULES = [
    ("held", time(22, 0), time(6, 0), 120),
    ("held", time(1, 30), time(2, 30), 30),  # a window the clocks cut short or stretch
    ("arrived", time(0, 0), time(8, 0), 0),
    ("arrived", time(20, 0), time(2, 0), 0),
    ("weekend", time(0, 0), time(0, 0), 240),
]


@settings(max_examples=40, deadline=None)
@given(
    moments=st.lists(
        st.tuples(wall_clock(), st.integers(0, 12 * 24 * 60), st.booleans()), min_size=1, max_size=30
    ),
    shape=st.sampled_from(OFFICE_RULES),
)
def test_office_rules_on_arrays_agree_with_the_rule_one_detention_at_a_time(moments, shape):
    kind, starts, ends, minimum = shape
    rule = rules.Rule("office-1", "An office's rule", kind, starts, ends, minimum)
    arrivals = [wall.replace(tzinfo=schema.UK).astimezone(UTC) for wall, _, _ in moments]
    releases = [
        arrival + timedelta(minutes=minutes) if known else None
        for arrival, (_, minutes, known) in zip(arrivals, moments, strict=True)
    ]
    arrived = np.array([int(moment.timestamp()) for moment in arrivals])
    released = np.array([int(moment.timestamp()) if moment else 0 for moment in releases])
    known = np.array([moment is not None for moment in releases])
    found, alone = clock.applies(rule, arrived, released, known)
    for position, (arrival, release) in enumerate(zip(arrivals, releases, strict=True)):
        if not alone[position]:
            assert found[position] == bool(rules.applies(rule, arrival, release)), (arrival, release)
