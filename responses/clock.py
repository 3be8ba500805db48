"""The section 55 clock: pure date arithmetic, with no database, so it can be tested to the day.

The Police Act 1996 s55(5A) requires comments to be published within the period of 56 days beginning
with the day the report is published. The period counts the publication day as day 1, so its last day
is the publication date plus 55 calendar days. There is no extension and no roll to a working day.
"""

from datetime import date, timedelta

PERIOD_DAYS = 56


def due_date(published_on: date) -> date:
    """The last day of the 56-day period that begins with, and counts, the publication day."""
    return published_on + timedelta(days=PERIOD_DAYS - 1)


def day_of_period(published_on: date, on: date) -> int:
    """Which day of the period `on` is: 1 on publication day, 56 on the due date, more when late."""
    return (on - published_on).days + 1


def days_left(published_on: date, on: date) -> int:
    """Days after `on` still inside the period: 0 on the due date, negative once it has passed."""
    return (due_date(published_on) - on).days
