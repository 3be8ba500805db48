"""The 56-day rule, pinned: the period begins with, and counts, the publication day."""

from datetime import date

import pytest

from responses.clock import day_of_period, days_left, due_date


@pytest.mark.parametrize(
    ("published", "due"),
    [
        (date(2020, 2, 27), date(2020, 4, 22)),  # the scenario's thematic report, across 29 February 2020
        (date(2021, 3, 1), date(2021, 4, 25)),
        (date(2023, 12, 31), date(2024, 2, 24)),  # across a year end
        (date(2024, 1, 10), date(2024, 3, 5)),  # across 29 February 2024
        (date(2023, 1, 10), date(2023, 3, 6)),  # the same dates without a leap day: one day later
        (date(2024, 2, 29), date(2024, 4, 24)),  # published on a leap day
        (date(2025, 4, 5), date(2025, 5, 30)),  # due on a Friday; a Saturday due date is not moved either
        (date(2025, 4, 6), date(2025, 5, 31)),
    ],
)
def test_the_due_date_is_publication_plus_55_days_with_no_roll_forward(published, due):
    assert due_date(published) == due


def test_publication_day_is_day_1_and_the_due_date_day_56():
    published = date(2020, 2, 27)
    assert day_of_period(published, published) == 1
    assert day_of_period(published, date(2020, 4, 22)) == 56
    assert days_left(published, date(2020, 4, 22)) == 0
    assert days_left(published, date(2020, 4, 23)) == -1


def test_the_scenario_response_is_on_time_on_day_51_with_five_days_to_spare():
    assert day_of_period(date(2020, 2, 27), date(2020, 4, 17)) == 51
    assert days_left(date(2020, 2, 27), date(2020, 4, 17)) == 5
