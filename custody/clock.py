"""UK clock time for whole arrays of times at once (numpy), exactly as `custody.schema` and
`custody.rules` work it out one time at a time with zoneinfo.

Times are whole seconds since 1970: "UTC seconds", or "local seconds" for a UK wall-clock time read as if
it were UTC. The clock changes are found once, from zoneinfo itself, for the years the fast path covers;
a time outside them is left to the one-at-a-time path. A wall-clock time the clocks skip or repeat is read
as Python reads it (fold 0): with the offset before the change.
"""

import functools
from datetime import UTC, datetime

import numpy as np

from custody.schema import UK

FIRST_YEAR, LAST_YEAR = 1990, 2100
HOUR, DAY = 3600, 86400
START = int(datetime(FIRST_YEAR, 1, 1, tzinfo=UTC).timestamp()) + 2 * DAY  # clear of either end by days
END = int(datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC).timestamp()) - 2 * DAY


@functools.cache
def changes() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(UTC seconds of each change, the offset in seconds before it, the offset after it), in order."""
    instants, before, after = [], [], []

    def offset(seconds: int) -> int:
        return int(datetime.fromtimestamp(seconds, UK).utcoffset().total_seconds())

    seconds = START - DAY
    current = offset(seconds)
    while seconds < END + DAY:
        following = offset(seconds + DAY)
        if following != current:  # a change within this day: find its hour (UK changes on the hour)
            low, high = seconds, seconds + DAY
            while high - low > HOUR:
                middle = low + (high - low) // 2 // HOUR * HOUR
                if offset(middle) == current:
                    low = middle
                else:
                    high = middle
            instants.append(high)
            before.append(current)
            after.append(following)
            current = following
        seconds += DAY
    return np.array(instants, np.int64), np.array(before, np.int64), np.array(after, np.int64)


@functools.cache
def local_table() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For wall-clock times: where each change takes effect on the wall clock (fold 0: the later of the
    two readings), the offset from each, and each change's skipped hour (start, end; empty when the clocks
    go back)."""
    instants, before, after = changes()
    boundaries = instants + np.maximum(before, after)
    offsets = np.concatenate([before[:1], after])
    skipped = after > before
    return (
        boundaries,
        offsets,
        np.where(skipped, instants + before, 0),
        np.where(skipped, instants + after, 0),
    )


def to_utc(local: np.ndarray) -> np.ndarray:
    """UTC seconds of wall-clock seconds (in range)."""
    boundaries, offsets, _, _ = local_table()
    return local - offsets[np.searchsorted(boundaries, local, side="right")]


def skipped(local: np.ndarray) -> np.ndarray:
    """Whether each wall-clock time is one the clocks skip (an hour that does not exist)."""
    boundaries, _, starts, ends = local_table()
    # A skipped hour ends where its change takes effect on the wall clock: it lies before that boundary.
    index = np.minimum(np.searchsorted(boundaries, local, side="right"), len(boundaries) - 1)
    return (local >= starts[index]) & (local < ends[index])


def to_local(utc: np.ndarray) -> np.ndarray:
    """Wall-clock seconds of UTC seconds (in range)."""
    instants, before, after = changes()
    offsets = np.concatenate([before[:1], after])
    return utc + offsets[np.searchsorted(instants, utc, side="right")]


def in_range(seconds: np.ndarray) -> np.ndarray:
    return (seconds >= START) & (seconds < END)


def local_day(utc: np.ndarray) -> np.ndarray:
    """The UK calendar day of UTC seconds, as days since 1970-01-01."""
    return to_local(utc) // DAY


def at(days: np.ndarray, seconds_into_day: int) -> np.ndarray:
    """UTC seconds of a wall-clock time of day on UK days (days since 1970)."""
    return to_utc(days * DAY + seconds_into_day)


def minutes(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whole minutes from start to end, at least 0, rounded as Python's round() does (half to even)."""
    return np.maximum(0, np.rint((end - start) / 60)).astype(np.int64)


def held_overnight(
    arrived: np.ndarray, released: np.ndarray, starts: int, ends: int, minimum: int
) -> tuple[np.ndarray, np.ndarray]:
    """`rules.applies` for a "held" rule (window from `starts` to `ends` seconds into the UK day, at least
    `minimum` seconds of it), for detentions with a release; also says which were too long to work out
    here (over a week), which the caller works out one at a time."""
    first, last = local_day(arrived) - 1, local_day(released)
    too_long = last - first > 8
    result = np.zeros(len(arrived), dtype=bool)
    closes_next_day = 1 if ends <= starts else 0
    for step in range(int(min(8, (last - first).max(initial=0))) + 1):
        night = first + step
        opens, closes = at(night, starts), at(night + closes_next_day, ends)
        result |= (night <= last) & (np.minimum(released, closes) - np.maximum(arrived, opens) >= minimum)
    return result, too_long


def weekend(arrived: np.ndarray, released: np.ndarray, minimum: int) -> np.ndarray:
    """`rules.applies` for the weekend rule: released on a UK Monday, held at least `minimum` seconds of
    the Saturday and Sunday before it."""
    monday = local_day(released)
    is_monday = (monday + 3) % 7 == 0  # 1 January 1970 was a Thursday
    opens, closes = at(monday - 2, 0), at(monday, 0)
    return is_monday & (np.minimum(released, closes) - np.maximum(arrived, opens) >= minimum)


def first_of_month(utc: np.ndarray) -> list:
    """The first day of the UK month of each UTC time, as dates."""
    days = local_day(utc).astype("datetime64[D]")
    return days.astype("datetime64[M]").astype("datetime64[D]").tolist()


DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]  # YYYY-MM-DD HH:MM, then :SS at 17 and 18
MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def wall_clock(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(wall-clock seconds, which were read) of "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" cells (a
    fixed-width "U19" array), read from their digits: the same times, and only those, that Python's
    datetime.fromisoformat reads from text of that shape, with years 1990 to 2100."""
    count = len(cells)
    codes = cells.view(np.uint32).reshape(count, 19).astype(np.int32)  # (any code point fits)
    digits = codes - ord("0")
    with_seconds = codes[:, 16] == ord(":")
    shaped = (
        (codes[:, 4] == ord("-")) & (codes[:, 7] == ord("-")) & (codes[:, 10] == ord(" "))
        & (codes[:, 13] == ord(":")) & ((codes[:, 16] == 0) | with_seconds)
        & ((digits[:, DIGITS] >= 0) & (digits[:, DIGITS] <= 9)).all(axis=1)
        & (~with_seconds | ((digits[:, 17:19] >= 0) & (digits[:, 17:19] <= 9)).all(axis=1))
    )  # fmt: skip
    digits = np.where(shaped[:, None], digits, 0)
    year = (digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]).astype(np.int64)
    month = (digits[:, 5] * 10 + digits[:, 6]).astype(np.int64)
    day = (digits[:, 8] * 10 + digits[:, 9]).astype(np.int64)
    hour = (digits[:, 11] * 10 + digits[:, 12]).astype(np.int64)
    minute = (digits[:, 14] * 10 + digits[:, 15]).astype(np.int64)
    second = np.where(with_seconds, digits[:, 17] * 10 + digits[:, 18], 0).astype(np.int64)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_ok = (month >= 1) & (month <= 12)
    last_day = MONTH_DAYS[np.where(month_ok, month, 0)] + (leap & (month == 2))
    read = (
        shaped & (year >= FIRST_YEAR) & (year <= LAST_YEAR) & month_ok & (day >= 1) & (day <= last_day)
        & (hour <= 23) & (minute <= 59) & (second <= 59)
    )  # fmt: skip
    return days_from_civil(year, month, day) * DAY + hour * HOUR + minute * 60 + second, read


def days_from_civil(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of dates in the proleptic Gregorian calendar (for years from 1)."""
    year = year - (month <= 2)
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def applies(
    rule, arrived: np.ndarray, released: np.ndarray, known: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """`rules.applies` for a rule (`custody.rules.Rule`) over arrays of UTC seconds (`known`: which have a
    release; the rule does not apply to the others, except "arrived"), and which detentions to work out
    one at a time (held over a week, or outside the years the table covers)."""
    starts = rule.starts.hour * HOUR + rule.starts.minute * 60 + rule.starts.second
    ends = rule.ends.hour * HOUR + rule.ends.minute * 60 + rule.ends.second
    safe = np.where(known, released, arrived)
    alone = ~in_range(arrived) | ~in_range(safe)
    arrived, safe = np.where(alone, START, arrived), np.where(alone, START, safe)
    if rule.kind == "arrived":
        result = np.zeros(len(arrived), dtype=bool)
        day, closes_next_day = local_day(arrived), 1 if ends <= starts else 0
        for night in (day - 1, day):
            result |= (at(night, starts) <= arrived) & (arrived < at(night + closes_next_day, ends))
        return result, alone
    if rule.kind == "weekend":
        return weekend(arrived, safe, rule.minimum * 60) & known, alone
    result, too_long = held_overnight(arrived, safe, starts, ends, rule.minimum * 60)
    return result & known, alone | (too_long & known)
