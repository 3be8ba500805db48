"""Overnight rules and the other figures worked out for each detention, in UK local time.

Times are stored in UTC; a window such as "00:00 to 08:00" is a window of UK local time, so on the nights
the clocks change it is seven or nine real hours long. Each window is turned into UTC for its own night
and overlapped with the time the child was held. A detention without a release time is neither overnight
nor not: it is counted apart, so every figure can say how many records lacked one.
"""

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Rule:
    """A named overnight rule. `kind` "held": at least `minimum` minutes held within one night's window;
    "arrived": brought in within the window; "weekend": held at least `minimum` minutes on a Saturday or
    Sunday and released on the Monday."""

    key: str
    name: str
    kind: str
    starts: time = time(0, 0)
    ends: time = time(8, 0)
    minimum: int = 240

    def describe(self) -> str:
        window = f"{self.starts:%H:%M} and {self.ends:%H:%M} UK time"
        if self.kind == "weekend":
            return (
                f"held for at least {hours(self.minimum)} on a Saturday or Sunday and released on the Monday"
            )
        if self.kind == "arrived":
            return f"brought into custody between {window}"
        return f"held for at least {hours(self.minimum)} between {window} on any one night"


def hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    text = f"{whole} hour{'s' if whole != 1 else ''}" if whole else ""
    return f"{text} {rest} minutes".strip() if rest else text


DEFAULT = Rule("default", "At least 4 hours between midnight and 8am", "held")
WEEKEND = Rule("weekend", "Weekend", "weekend", minimum=240)
BUILT_IN = {DEFAULT.key: DEFAULT, WEEKEND.key: WEEKEND}


@functools.lru_cache(maxsize=1 << 16)
def local_moment(day: date, at: time) -> datetime:
    """A wall-clock time on a UK day, in UTC (the first of two when the clocks go back). Arithmetic is done
    in UTC only: Python subtracts two times of one zone by their wall clocks, ignoring the change."""
    return datetime.combine(day, at, tzinfo=UK).astimezone(UTC)


@functools.lru_cache(maxsize=1 << 16)
def naive_local_moment(day: date, at: time) -> datetime:
    return local_moment(day, at).replace(tzinfo=None)


@functools.lru_cache(maxsize=1 << 17)
def uk_offset(hour: datetime) -> timedelta:
    """UK time's offset from UTC in the hour (naive UTC) that starts at `hour`: the clocks change on the
    hour, so an hour has one offset."""
    return hour.replace(tzinfo=UTC).astimezone(UK).utcoffset()


def as_naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment


OFFSETS: dict[int, timedelta] = {}  # hours since year 1 → UK offset (bounded by the hours seen)


def uk_date(moment: datetime) -> date:
    """The UK calendar day of a naive UTC time (the offsets are worked out once an hour, not per time)."""
    hour = moment.toordinal() * 24 + moment.hour
    offset = OFFSETS.get(hour)
    if offset is None:
        if len(OFFSETS) > 200_000:  # some twenty years of hours: start again rather than grow
            OFFSETS.clear()
        offset = OFFSETS[hour] = uk_offset(moment.replace(minute=0, second=0, microsecond=0))
    return (moment + offset).date()


@functools.lru_cache(maxsize=1 << 16)
def night(starts: time, ends: time, ordinal: int) -> tuple[datetime, datetime]:
    """The window opening on the UK day `ordinal` (naive UTC), closing the next day if it ends earlier in
    the day than it starts."""
    day = date.fromordinal(ordinal)
    closes_on = day + timedelta(days=1) if ends <= starts else day
    return naive_local_moment(day, starts), naive_local_moment(closes_on, ends)


def windows(rule: Rule, start: datetime, end: datetime):
    """Each night's window (naive UTC start, naive UTC end) that could touch the time from start to end
    (naive UTC)."""
    for ordinal in range(uk_date(start).toordinal() - 1, uk_date(end).toordinal() + 1):
        yield night(rule.starts, rule.ends, ordinal)


def overlap_minutes(start: datetime, end: datetime, opens: datetime, closes: datetime) -> float:
    later, earlier = max(start, opens), min(end, closes)
    return max(0.0, (earlier - later).total_seconds() / 60)


def applies(rule: Rule, arrived: datetime, released: datetime | None) -> bool | None:
    """Whether the detention is overnight under the rule; None when it cannot be told (no release). Naive
    times are UTC."""
    arrived = as_naive_utc(arrived)
    if rule.kind == "arrived":
        return any(opens <= arrived < closes for opens, closes in windows(rule, arrived, arrived))
    if released is None:
        return None
    released = as_naive_utc(released)
    if rule.kind == "weekend":
        monday = uk_date(released)
        if monday.weekday() != 0:
            return False
        opens = naive_local_moment(monday - timedelta(days=2), time(0))
        closes = naive_local_moment(monday, time(0))
        return overlap_minutes(arrived, released, opens, closes) >= rule.minimum
    minimum, starts, ends = timedelta(minutes=rule.minimum), rule.starts, rule.ends
    for ordinal in range(uk_date(arrived).toordinal() - 1, uk_date(released).toordinal() + 1):
        opens, closes = night(starts, ends, ordinal)
        if min(released, closes) - max(arrived, opens) >= minimum:
            return True
    return False


def age_band(age: int) -> str:
    return "10-12" if age <= 12 else "13-15" if age <= 15 else "16-17"


AGE_BANDS = {"10-12": "12 and under", "13-15": "13 to 15", "16-17": "16 and 17"}


def minutes_between(start: datetime | None, end: datetime | None) -> int | None:
    """Whole minutes from start to end (both aware, or both naive UTC); None if either is missing."""
    if start is None or end is None:
        return None
    if start.tzinfo is not None:  # same-zone subtraction would go by the wall clocks
        start, end = as_naive_utc(start), as_naive_utc(end)
    return max(0, round((end - start).total_seconds() / 60))


def month_of(moment: datetime) -> date:
    return uk_date(as_naive_utc(moment)).replace(day=1)
