"""Synthetic detentions for the demo, the tests and the benchmarks: realistic in shape, made up entirely.

Arrivals follow the hours and weekdays children are brought in (afternoons and evenings, more on Fridays
and Saturdays); about a third are charged, a quarter of those refused bail; most of those are the subject
of a s38(6) request, and whether the local authority provides accommodation depends on the authority, so
transfer rates differ by area, as they do in life. A few release times are left empty, as handwritten
records leave them. No real record, person or name is in here, ever.
"""

import csv
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from custody.schema import COLUMNS, ETHNICITY

UK, UTC = ZoneInfo("Europe/London"), ZoneInfo("UTC")

HOUR_WEIGHTS = [3, 2, 2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 10, 10, 9, 8, 7, 5, 4]
WEEKDAY_WEIGHTS = [12, 13, 13, 14, 17, 17, 14]  # Monday … Sunday
AGE_WEIGHTS = {10: 1, 11: 2, 12: 4, 13: 8, 14: 13, 15: 19, 16: 25, 17: 28}
ETHNICITY_WEIGHTS = dict.fromkeys(ETHNICITY, 1) | {"W1": 70, "W9": 4, "M1": 4, "B1": 3, "A2": 3, "NS": 5}
SUITES = ["North", "Central", "South", "East"]
PLACEMENTS = {
    "secure": ["secure children's home"],
    "non-secure": ["foster", "residential", "supported lodging"],
}


def transfer_chance(index: int) -> float:
    """How often each area (in order) provides accommodation: deliberately uneven between areas."""
    return [0.18, 0.62, 0.38, 0.8, 0.5, 0.3][index % 6]


def local(moment: datetime) -> str:
    """A UK wall-clock time as a force export writes it; with its offset when the clocks going back make
    the wall-clock time ambiguous."""
    wall = moment.astimezone(UK)
    naive = wall.replace(tzinfo=None)
    if naive.replace(tzinfo=UK, fold=1).utcoffset() != naive.replace(tzinfo=UK, fold=0).utcoffset():
        return wall.isoformat(timespec="minutes")
    return f"{naive:%Y-%m-%d %H:%M}"


class Generator:
    def __init__(
        self, *, seed: int, authorities: list[tuple[str, str]], start: date, months: int, prefix: str
    ):
        self.random = random.Random(seed)
        self.authorities = authorities  # (code, name), the force's own first
        self.start, self.prefix = start, prefix
        end_month = (start.month - 1 + months) % 12 + 1
        self.end = date(start.year + (start.month - 1 + months) // 12, end_month, 1)
        self.days = (self.end - self.start).days
        self.ages, self.age_weights = list(AGE_WEIGHTS), list(AGE_WEIGHTS.values())
        self.codes, self.code_weights = list(ETHNICITY_WEIGHTS), list(ETHNICITY_WEIGHTS.values())

    def arrival(self) -> datetime:
        r = self.random
        while True:
            day = self.start + timedelta(days=r.randrange(self.days))
            if r.random() * 17 > WEEKDAY_WEIGHTS[day.weekday()]:
                continue
            hour = r.choices(range(24), HOUR_WEIGHTS)[0]
            wall = datetime(day.year, day.month, day.day, hour, r.randrange(60))
            moment = wall.replace(tzinfo=UK)
            if moment.astimezone(UTC).astimezone(UK).replace(tzinfo=None) == wall:  # not in the spring gap
                return moment.astimezone(UTC)

    def hours(self, median: float, spread: float = 0.6) -> timedelta:
        return timedelta(minutes=max(20, round(self.random.lognormvariate(0, spread) * median * 60)))

    def row(self, number: int, children: int) -> dict:
        r = self.random
        arrived = self.arrival()
        age = r.choices(self.ages, self.age_weights)[0]
        area = 0 if r.random() < 0.35 else r.randrange(len(self.authorities))
        if r.random() < 0.05:
            area = len(self.authorities) - 1
        home = self.authorities[area]
        authorised = arrived + timedelta(minutes=r.randrange(5, 45))
        row = {
            "custody_record_number": f"{self.prefix}/{number:07d}",
            "person_id": f"P{r.randrange(children):07d}",
            "suite": r.choices(SUITES, [5, 3, 2, 1])[0],
            "age": age,
            "sex": r.choices(["male", "female", "other"], [82, 17, 1])[0],
            "ethnicity": r.choices(self.codes, self.code_weights)[0],
            "looked_after": "yes" if r.random() < 0.15 else "no",
            "home_local_authority": home[0],
            "arrived_at": arrived,
            "authorised_at": authorised,
        }
        if r.random() < 0.85:
            row["aa_requested_at"] = authorised + timedelta(minutes=r.randrange(5, 30))
            row["aa_arrived_at"] = row["aa_requested_at"] + self.hours(1.5, 0.7)
        charged = r.random() < 0.34
        released = authorised + self.hours(7.5)
        if charged:
            row["charged_at"] = authorised + self.hours(6)
            released = row["charged_at"] + timedelta(minutes=r.randrange(15, 90))
            refused = r.random() < 0.26
            row["bail"] = "refused" if refused else "granted"
            if refused:
                released = self.refused_bail(row, area, home)
        else:
            row["bail"] = "none"
        if r.random() > 0.012:
            row["released_at"] = released
        return row

    def refused_bail(self, row: dict, area: int, home) -> datetime:
        """Charged and refused bail: ask the authority (usually), transfer if it provides, else hold the
        child for court the next morning with a certificate."""
        r = self.random
        charged = row["charged_at"]
        next_court = (charged.astimezone(UK) + timedelta(days=1)).replace(
            hour=9, minute=r.randrange(30, 90) % 60
        )
        court = next_court.astimezone(UTC)
        if r.random() > 0.72:
            row["certificate"], row["certificate_reason"] = "a", "No request was made"
            return court
        requested = charged + timedelta(minutes=r.randrange(10, 120))
        secure = r.random() < 0.3 and row["age"] >= 12
        row.update(
            transfer_requested_at=requested,
            transfer_local_authority=home[1],
            accommodation="secure" if secure else "non-secure",
        )
        chance = transfer_chance(area) * (0.3 if secure else 1)
        if r.random() < chance:
            row["reply"] = "accepted"
            row["placement"] = r.choice(PLACEMENTS["secure" if secure else "non-secure"])
            row["transferred_at"] = requested + self.hours(3, 0.5)
            return row["transferred_at"]
        row["reply"] = r.choices(["refused", "no-reply"], [3, 1])[0]
        row["certificate"] = "b" if secure and r.random() < 0.6 else "a"
        row["certificate_reason"] = (
            "No secure bed was available" if row["certificate"] == "b" else "No accommodation was offered"
        )
        return court


def write_synthetic(
    handle, *, rows: int, seed: int, authorities, start: date, months: int = 12, prefix="SYN"
):
    """Write `rows` synthetic detentions as CSV in the import schema; returns the number written."""
    generator = Generator(seed=seed, authorities=authorities, start=start, months=months, prefix=prefix)
    writer = csv.writer(handle)
    names = [column.name for column in COLUMNS]
    writer.writerow(names)
    children = max(1, int(rows * 0.6))
    for number in range(1, rows + 1):
        row = generator.row(number, children)
        writer.writerow([cell(row.get(name)) for name in names])
    return rows


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local(value)
    return str(value)
