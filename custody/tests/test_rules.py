"""The overnight rules on their boundaries, across the clock changes (UK local time)."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from custody import rules

UK = ZoneInfo("Europe/London")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UK)


def overnight(arrived: str, released: str | None, rule=rules.DEFAULT):
    return rules.applies(rule, at(arrived), at(released) if released else None)


def test_arrival_at_2359_and_release_at_0400_exactly_is_overnight():
    assert overnight("2024-01-10 23:59", "2024-01-11 04:00") is True


def test_a_minute_short_of_four_hours_after_midnight_is_not():
    assert overnight("2024-01-10 23:59", "2024-01-11 03:59") is False


def test_four_hours_in_the_window_before_eight_count():
    assert overnight("2024-01-11 04:00", "2024-01-11 09:00") is True
    assert overnight("2024-01-11 04:01", "2024-01-11 09:00") is False


def test_a_detention_across_two_nights_is_overnight_once_either_night_is():
    assert overnight("2024-01-10 05:00", "2024-01-12 01:00") is True  # all of the night of the 10th-11th
    assert overnight("2024-01-10 05:00", "2024-01-11 02:00") is False  # three hours one night, two the other


def test_a_missing_release_time_is_neither_overnight_nor_not():
    assert overnight("2024-01-10 23:00", None) is None


def test_the_night_the_clocks_go_forward_has_seven_real_hours():
    # 29 March 2020: 01:00 GMT became 02:00 BST. 00:00 to 04:30 local is three and a half real hours.
    assert overnight("2020-03-29 00:00", "2020-03-29 04:30") is False
    assert overnight("2020-03-29 00:00", "2020-03-29 05:00") is True


def test_the_night_the_clocks_go_back_has_nine_real_hours():
    # 25 October 2020: 02:00 BST became 01:00 GMT. 00:00 BST to 03:00 GMT is four real hours.
    arrived = datetime(2020, 10, 25, 0, 0, tzinfo=UK)
    released = datetime(2020, 10, 25, 3, 0, tzinfo=UK)
    assert (released - arrived).total_seconds() == 3 * 3600  # wall-clock difference, not elapsed
    assert rules.minutes_between(arrived, released) == 240
    assert rules.applies(rules.DEFAULT, arrived, released) is True


def test_the_weekend_rule_needs_four_weekend_hours_and_a_monday_release():
    assert overnight("2024-01-13 10:00", "2024-01-15 09:00", rules.WEEKEND) is True  # Saturday to Monday
    assert overnight("2024-01-13 10:00", "2024-01-14 09:00", rules.WEEKEND) is False  # released Sunday
    assert overnight("2024-01-14 21:00", "2024-01-15 09:00", rules.WEEKEND) is False  # three Sunday hours


def test_an_office_rule_of_arrival_between_ten_and_six():
    rule = rules.Rule("office-1", "Brought in at night", "arrived", time(22, 0), time(6, 0))
    assert rules.applies(rule, at("2024-01-10 22:00"), None) is True
    assert rules.applies(rule, at("2024-01-11 05:59"), None) is True
    assert rules.applies(rule, at("2024-01-11 06:00"), None) is False
    assert rules.applies(rule, at("2024-01-10 21:59"), None) is False


def test_each_rule_describes_itself_for_the_figures():
    assert (
        rules.DEFAULT.describe()
        == "held for at least 4 hours between 00:00 and 08:00 UK time on any one night"
    )
