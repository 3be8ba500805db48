"""The rules extraction applies, one by one: deadlines, addressees, labels, dates."""

from datetime import date

import pytest

from reports.extraction.details import addressees, deadline, parse_date
from reports.extraction.findings import match_label

PUBLISHED = date(2020, 2, 27)


@pytest.mark.parametrize(
    ("text", "printed", "due"),
    [
        ("By 31 March 2026, chief constables should act.", "By 31 March 2026", date(2026, 3, 31)),
        (
            "Chief constables should, by the end of March 2021, act.",
            "by the end of March 2021",
            date(2021, 3, 31),
        ),
        ("Within six months, chief constables should act.", "Within six months", date(2020, 8, 27)),
        (
            "Within three months of this report's publication, x",
            "Within three months of this report's publication",
            date(2020, 5, 27),
        ),
        ("Within 2 years of this report, x", "Within 2 years of this report", date(2022, 2, 27)),
        ("Within 28 days, the force should review every case.", "Within 28 days", date(2020, 3, 26)),
        ("Phones should be returned within 28 days unless kept.", "", None),
        ("Chief constables should act.", "", None),
    ],
)
def test_deadlines_are_read_and_relative_ones_resolved_from_publication(text, printed, due):
    assert deadline(text, PUBLISHED) == (printed, due)


def test_a_relative_deadline_at_the_end_of_a_month_stays_in_the_month():
    assert deadline("Within one month, x", date(2024, 1, 31)) == ("Within one month", date(2024, 2, 29))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By 31 March 2026, chief constables should act.", ["Chief constables"]),
        (
            "The NPCC lead for child protection and the College of Policing should publish guidance.",
            ["NPCC lead for child protection", "College of Policing"],
        ),
        ("The Home Office should fund research.", ["Home Office"]),
        (
            "Directors of children’s services should make sure beds exist.",
            ["Directors of children's services"],
        ),
        (
            "Within six months, the City of London Police, as lead force, should act.",
            ["City of London Police"],
        ),
        (
            "The force and its commissioned healthcare provider should act.",
            ["The force", "Healthcare provider"],
        ),
    ],
)
def test_addressees_are_who_is_asked_to_act(text, expected):
    assert addressees(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recommendation 4: By 2026 do it.", ("recommendation", "Recommendation 4", "By 2026 do it.")),
        (
            "Recommendation 2 from our 2021 inspection: The force should.",
            ("recommendation", "Recommendation 2", "The force should."),
        ),
        ("AFI 3 The force should improve.", ("area-for-improvement", "AFI 3", "The force should improve.")),
        ("Cause of concern", ("cause-of-concern", "Cause of concern", "")),
        (
            "Promising practice In Kent, officers do it.",
            ("promising-practice", "Promising practice", "In Kent, officers do it."),
        ),
        ("Recommendation 3 has not been met.", None),
        ("Recommendations are not orders.", None),
        ("Good practice was rare.", None),
    ],
)
def test_labels_start_findings_and_prose_does_not(text, expected):
    assert match_label(text) == expected


def test_dates_are_read_in_the_printed_forms():
    assert parse_date("Published 27 February 2020") == date(2020, 2, 27)
    assert parse_date("on 1st Sept 2021") == date(2021, 9, 1)
    assert parse_date("31 February 2020") is None
