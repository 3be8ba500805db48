"""The exact summaries behind the custody figures: per office, month, breakdown and value, the counts and
histograms (by tenth of an hour) of the times held, so a page reads a few thousand rows whatever the
number of detentions, and percentiles are exact to the tenth of an hour the page shows.

An import tallies its rows as it checks them (`Tally`) and adds the tally to the office's summaries; an
import that updated records, a batch deletion and the purge count the office's detentions afresh (one
streamed pass, the same tally), since records can have moved between groups.
"""

import itertools
import operator
from collections import Counter
from collections.abc import Iterable

import numpy as np
from django.db import transaction
from django.db.models import Count

from custody.models import NAMES, Detention, FigureSummary, OvernightRule

# breakdown → the detention column it groups by ("total" groups by month alone).
DIMENSIONS = {
    "total": None,
    "local_authority": "local_authority_id",
    "suite": "suite",
    "age_band": "age_band",
    "sex": "sex",
    "ethnic_group": "ethnic_group",
}
BREAKDOWN_COLUMNS = [column for column in DIMENSIONS.values() if column]
COUNTS = ["detentions", "overnight", "weekend", "post_charge", "requested", "transferred", "no_release"]
# The s38(6) funnel (children charged and refused bail), kept on the "total" rows.
FUNNEL = ["refused_bail", "requested", "secure", "provided", "transferred", "certificates", "no_certificate"]
# Transfers by the local authority asked, kept on "transfer_authority" rows (whose histogram is of the
# time from request to transfer).
ASKED = ["requested", "accepted", "refused", "no_reply", "transferred", "certificates"]

# What the tally reads of each detention (the import's rows hold these among their other columns).
TALLIED = [
    "month",
    *BREAKDOWN_COLUMNS,
    "minutes_held",
    "overnight",
    "weekend",
    "post_charge",
    "transfer_requested_at",
    "transferred_at",
    "bail",
    "secure_requested",
    "reply",
    "certificate",
    "transfer_authority_id",
    "transfer_minutes",
    "aa_minutes",
]


def pack(histogram: list[int]) -> bytes:
    """A histogram (counts by tenth of an hour, from tenth 0) as little-endian 32-bit counts, without the
    trailing zeros."""
    array = np.trim_zeros(np.asarray(histogram, dtype="<u4"), "b")
    return array.tobytes()


def count_into(histograms: dict, key, tenths: int, count: int = 1) -> None:
    """`count` more at `tenths` in the histogram (an array, grown as needed) kept under `key`."""
    histogram = histograms.get(key)
    if histogram is None or tenths >= len(histogram):
        histogram = histograms[key] = grown(histogram, tenths + 1)
    histogram[tenths] += count


def grown(histogram: np.ndarray | None, size: int) -> np.ndarray:
    larger = np.zeros(max(HISTOGRAM, size), dtype=np.int64)
    if histogram is not None:
        larger[: len(histogram)] = histogram
    return larger


def as_list(histogram: np.ndarray) -> list[int]:
    """A tally's histogram as counted one row at a time: HISTOGRAM long, or to its last count."""
    counted = np.flatnonzero(histogram)
    size = max(HISTOGRAM, int(counted[-1]) + 1 if len(counted) else 0)
    return histogram[:size].tolist()


def added(histogram: list[int], more) -> list[int]:
    if len(more) > len(histogram):
        histogram.extend([0] * (len(more) - len(histogram)))
    for tenths, count in enumerate(more):
        if count:
            histogram[tenths] += count
    return histogram


HISTOGRAM = 480  # tenths of an hour a histogram starts with (48 hours); longer times grow it


def unpack(data) -> np.ndarray:
    return np.frombuffer(bytes(data or b""), dtype="<u4").astype(np.int64)


def add_into(total: np.ndarray | None, histogram: np.ndarray) -> np.ndarray:
    if total is None:
        return histogram.copy()
    if len(histogram) > len(total):
        total, histogram = histogram.copy(), total
    total[: len(histogram)] += histogram
    return total


def percentile(histogram: np.ndarray | None, share: float) -> float | None:
    """Hours at `share` of a histogram by tenth of an hour, by the nearest rank (ceil(share × n))."""
    if histogram is None or not len(histogram):
        return None
    running = np.cumsum(histogram)
    total = int(running[-1])
    if not total:
        return None
    rank = -(-total * round(share * 10) // 10)
    return int(np.searchsorted(running, rank)) / 10


class Tally:
    """The summaries' counts of some detentions, held in memory (their size depends on the months, groups
    and hours seen, never on the number of rows)."""

    def __init__(self):
        self.flags: dict = {}  # (dimension, month, key, flag bits) → detentions
        self.held: dict = {}  # (dimension, month, key) → detentions by tenth of an hour held
        self.funnel: dict = {}  # (month, funnel bits) → children
        self.asked: dict = {}  # (month, authority, reply, transferred, certificate) → requests
        self.delay: dict = {}  # (month, authority) → transfers by tenth of an hour from request
        self.aa: dict = {}  # month → detentions by tenth of an hour to the appropriate adult
        # What `add_columns` counts, as whole numbers (group and flag bits, or group and tenth, a group
        # being a month and key numbered in `codes`), turned into the above by `summaries`.
        self.codes: dict = {"month": {}, **{dimension: {} for dimension in DIMENSIONS}}  # value → number
        self.codes["total"][""] = 0
        self.flag_codes = {dimension: Counter() for dimension in DIMENSIONS}
        self.held_codes = {dimension: Histograms() for dimension in DIMENSIONS}
        self.aa_codes = Histograms()

    def coded(self, name: str, values) -> np.ndarray:
        """Each value's number among those of its column met so far (keys as the summaries hold them)."""
        found, places = codes_of(values)
        numbers = self.codes[name]
        keys = found if name not in DIMENSIONS else [as_key(DIMENSIONS[name], value) for value in found]
        return np.array([numbers.setdefault(key, len(numbers)) for key in keys], dtype=np.int64)[places]

    def decoded(self) -> None:
        """Turn what `add_columns` counted into the counts `add` keeps (then forget it)."""
        months = list(self.codes["month"])
        for dimension in DIMENSIONS:
            keys = list(self.codes[dimension])
            for code, count in self.flag_codes[dimension].items():
                group, flag = divmod(code, 64)
                flag_key = (dimension, months[group // GROUPS], keys[group % GROUPS], flag)
                self.flags[flag_key] = self.flags.get(flag_key, 0) + count
            for group, histogram in self.held_codes[dimension].items():
                add_histogram(
                    self.held, (dimension, months[group // GROUPS], keys[group % GROUPS]), histogram
                )
            self.flag_codes[dimension].clear()
            self.held_codes[dimension] = Histograms()
        for group, histogram in self.aa_codes.items():
            add_histogram(self.aa, months[group], histogram)
        self.aa_codes = Histograms()

    def add_rows(self, rows: Iterable[tuple], names: list[str] | None = None) -> None:
        """Count rows holding (at least) the TALLIED columns, in the order of `names` (the import's)."""
        rows = list(rows)
        if rows:
            self.add_columns(list(zip(*rows, strict=True)), names)

    def add_columns(self, columns: list, names: list[str] | None = None) -> None:
        """Count detentions given a column at a time (at least the TALLIED columns, in the order of
        `names`): the same counts as `add` one row at a time (a test compares the two), made with numpy
        over each column's codes, so the work per row does not grow with the breakdowns."""
        index = {name: (names or NAMES).index(name) for name in TALLIED}

        def column(name):
            return columns[index[name]]

        count = len(column("month"))
        if not count:
            return
        month = self.coded("month", column("month"))
        timed, tenths = tenths_of(column("minutes_held"))
        with_aa, aa_tenths = tenths_of(column("aa_minutes"))
        # Held or waiting for an adult over 48 hours (HISTOGRAM), or odd: counted alone, as `add` does.
        alone = (timed & ((tenths < 0) | (tenths >= HISTOGRAM))) | (
            with_aa & ((aa_tenths < 0) | (aa_tenths >= HISTOGRAM))
        )
        for position in np.flatnonzero(alone).tolist():
            self.add([columns[index[name]][position] for name in TALLIED])
        rest, timed = ~alone, timed & ~alone
        bits = (
            truthy(column("overnight")) | truthy(column("weekend")) << 1 | truthy(column("post_charge")) << 2
            | known(column("transfer_requested_at")) << 3 | known(column("transferred_at")) << 4
            | ~known(column("minutes_held")) << 5
        )  # fmt: skip
        for dimension, name in DIMENSIONS.items():
            key = np.zeros(count, dtype=np.int64) if name is None else self.coded(dimension, column(name))
            group = month * GROUPS + key
            self.flag_codes[dimension].update((group * 64 + bits)[rest].tolist())  # (counted in C)
            self.held_codes[dimension].add(group[timed], tenths[timed])
        self.aa_codes.add(month[with_aa & rest], aa_tenths[with_aa & rest])
        decisions, decision = codes_of(column("bail"))
        refused = decisions.index(Detention.Bail.REFUSED) if Detention.Bail.REFUSED in decisions else -1
        for position in np.flatnonzero(
            (known(column("transfer_requested_at")) | (decision == refused)) & rest
        ).tolist():
            self.add_transfers([columns[index[name]][position] for name in TALLIED])

    def add(self, values) -> None:
        (
            month, authority, suite, band, sex, group, held, overnight, weekend, post_charge, asked,
            transferred, bail, secure, reply, certificate, asked_authority, transfer_minutes, aa_minutes,
        ) = values  # fmt: skip
        no_release = held is None
        bits = (
            bool(overnight)
            | bool(weekend) << 1
            | bool(post_charge) << 2
            | (asked is not None) << 3
            | (transferred is not None) << 4
            | no_release << 5
        )
        tenths = None if no_release else held // 6
        flags, histogram = self.flags, self.held
        for key in (
            ("total", month, ""),
            ("local_authority", month, "" if authority is None else str(authority)),
            ("suite", month, suite or ""),
            ("age_band", month, band or ""),
            ("sex", month, sex or ""),
            ("ethnic_group", month, group or ""),
        ):
            flag_key = (*key, bits)
            flags[flag_key] = flags.get(flag_key, 0) + 1
            if tenths is not None:
                found = histogram.get(key)
                if found is not None and tenths < len(found):
                    found[tenths] += 1
                else:
                    count_into(histogram, key, tenths)
        if aa_minutes is not None:
            count_into(self.aa, month, aa_minutes // 6)
        self.add_transfers(values)

    def add_transfers(self, values) -> None:
        """The s38(6) funnel and the transfers by authority asked, for one row."""
        (
            month, _, _, _, _, _, _, _, _, _, asked,
            transferred, bail, secure, reply, certificate, asked_authority, transfer_minutes, _,
        ) = values  # fmt: skip
        if bail == Detention.Bail.REFUSED:
            key = (
                month,
                (asked is not None)
                | (asked is not None and secure is True) << 1
                | (asked is not None and reply == Detention.Reply.ACCEPTED) << 2
                | (transferred is not None) << 3
                | bool(certificate) << 4,
            )
            self.funnel[key] = self.funnel.get(key, 0) + 1
        if asked is not None:
            authority_key = "" if asked_authority is None else str(asked_authority)
            key = (month, authority_key, reply or "", transferred is not None, bool(certificate))
            self.asked[key] = self.asked.get(key, 0) + 1
            if transfer_minutes is not None:
                count_into(self.delay, (month, authority_key), transfer_minutes // 6)

    def summaries(self) -> dict:
        """{(dimension, month, key): {"counts": {…}, "extra": {…}, "held": [by tenth], "aa": [by tenth]}}"""
        self.decoded()
        found: dict = {}

        def entry(dimension, month, key):
            return found.setdefault((dimension, month, key), empty())

        for (dimension, month, key, bits), count in self.flags.items():
            counts = entry(dimension, month, key)["counts"]
            counts["detentions"] += count
            for position, name in enumerate(
                ["overnight", "weekend", "post_charge", "requested", "transferred", "no_release"]
            ):
                if bits >> position & 1:
                    counts[name] += count
        for key, histogram in self.held.items():
            entry(*key)["held"] = as_list(histogram)
        for month, histogram in self.aa.items():
            entry("total", month, "")["aa"] = as_list(histogram)
        for (month, bits), count in self.funnel.items():
            extra = entry("total", month, "")["extra"]
            asked, transferred, certificate = bits & 1, bits >> 3 & 1, bits >> 4 & 1
            shares = {
                "refused_bail": True,
                "requested": asked,
                "secure": bits >> 1 & 1,
                "provided": bits >> 2 & 1,
                "transferred": transferred,
                "certificates": not transferred and certificate,
                "no_certificate": not transferred and not certificate,
            }
            for name, counted in shares.items():
                if counted:
                    extra[name] = extra.get(name, 0) + count
        for (month, authority, reply, transferred, certificate), count in self.asked.items():
            extra = entry("transfer_authority", month, authority)["extra"]
            shares = {
                "requested": True,
                "accepted": reply == Detention.Reply.ACCEPTED,
                "refused": reply == Detention.Reply.REFUSED,
                "no_reply": reply == Detention.Reply.NO_REPLY,
                "transferred": transferred,
                "certificates": not transferred and certificate,
            }
            for name, counted in shares.items():
                if counted:
                    extra[name] = extra.get(name, 0) + count
        for (month, authority), histogram in self.delay.items():
            entry("transfer_authority", month, authority)["held"] = as_list(histogram)
        return found


def codes_of(values) -> tuple[list, np.ndarray]:
    """The distinct values (a few dozen in a column of codes), and each value's place among them."""
    places = dict.fromkeys(values)
    for place, value in enumerate(places):
        places[value] = place
    return list(places), np.fromiter(map(places.__getitem__, values), dtype=np.int64, count=len(values))


def as_key(name: str, value) -> str:
    if name == "local_authority_id":
        return "" if value is None else str(value)
    return value or ""


def known(values) -> np.ndarray:
    return np.fromiter(map(operator.is_not, values, itertools.repeat(None)), dtype=bool, count=len(values))


def truthy(values) -> np.ndarray:
    return np.fromiter(map(bool, values), dtype=bool, count=len(values)).astype(np.int64)


def tenths_of(minutes) -> tuple[np.ndarray, np.ndarray]:
    """(which are known, tenths of an hour) of a column of minutes or None."""
    timed = known(minutes)
    tenths = np.zeros(len(minutes), dtype=np.int64)
    tenths[timed] = np.array(minutes, dtype=object)[timed].astype(np.int64) // 6
    return timed, tenths


GROUPS = 1 << 20  # keys a breakdown can number (a group is month × GROUPS + key)


class Histograms:
    """Histograms (HISTOGRAM tenths of an hour wide) of groups numbered as they are met, in one array
    added to with numpy."""

    def __init__(self):
        self.rows: dict = {}  # group → its row
        self.counts = np.zeros((64, HISTOGRAM), dtype=np.int64)

    def add(self, groups: np.ndarray, tenths: np.ndarray) -> None:
        present, inverse = np.unique(groups, return_inverse=True)
        rows = self.rows
        numbers = np.array([rows.setdefault(group, len(rows)) for group in present.tolist()], dtype=np.int64)
        if len(rows) > len(self.counts):
            larger = np.zeros((2 * len(rows), HISTOGRAM), dtype=np.int64)
            larger[: len(self.counts)] = self.counts
            self.counts = larger
        np.add.at(self.counts, (numbers[inverse], tenths), 1)

    def items(self):
        for group, row in self.rows.items():
            yield group, self.counts[row]


def add_histogram(histograms: dict, key, more: np.ndarray) -> None:
    histogram = histograms.get(key)
    if histogram is None or len(histogram) < len(more):
        histogram = histograms[key] = grown(histogram, len(more))
    histogram[: len(more)] += more


def merge(found: dict, rows) -> dict:
    """Add the stored summary rows (values of FigureSummary) into `found`, as `Tally.summaries` gives."""
    for row in rows:
        target = found.setdefault((row["dimension"], row["month"], row["key"]), empty())
        for name in COUNTS:
            target["counts"][name] += row[name]
        for name, count in (row["extra"] or {}).items():
            target["extra"][name] = target["extra"].get(name, 0) + count
        for field in ("held", "aa"):
            target[field] = added(target[field], unpack(row[field]).tolist())
    return found


def empty() -> dict:
    return {"counts": dict.fromkeys(COUNTS, 0), "extra": {}, "held": [], "aa": []}


def store(office_id: int, found: dict) -> None:
    FigureSummary.objects.filter(office=office_id).delete()
    FigureSummary.objects.bulk_create(
        (
            FigureSummary(
                office_id=office_id,
                dimension=dimension,
                month=month,
                key=key[:200],
                **entry["counts"],
                extra=entry["extra"],
                held=pack(entry["held"]),
                aa=pack(entry["aa"]),
            )
            for (dimension, month, key), entry in found.items()
        ),
        batch_size=500,
    )


STORED = ["dimension", "month", "key", *COUNTS, "extra", "held", "aa"]


def add(office_id: int, tally: Tally) -> None:
    """Add an import's tally (of records new to the office) to the office's summaries."""
    with transaction.atomic():
        stored = FigureSummary.objects.filter(office=office_id).values(*STORED)
        store(office_id, merge(tally.summaries(), stored.iterator(chunk_size=500)))
        if tally.flags and OvernightRule.objects.filter(office=office_id).exists():
            store_rule_counts(office_id)  # (the stored rows' counts were kept; the new rows' are added)


def rebuild(office_ids) -> None:
    """Summaries of the offices, afresh from their detentions: one streamed pass each."""
    for office_id in list(office_ids):
        tally = Tally()
        rows = Detention.objects.filter(office=office_id).order_by().values_list(*TALLIED).iterator(5000)
        while chunk := list(itertools.islice(rows, 5000)):
            tally.add_rows(chunk, TALLIED)
        with transaction.atomic():
            store(office_id, tally.summaries())
            store_rule_counts(office_id)


def rule_key(rule_id: int) -> str:
    """Where a summary row keeps its count of detentions overnight under one of the office's own rules."""
    return f"rule:{rule_id}"


def store_rule_counts(office_id: int) -> None:
    """Each of the office's own rules' count of overnight detentions, on every summary row (in `extra`),
    from the rules' flags: a grouped count a rule and breakdown, however many detentions there are."""
    from custody.models import OvernightFlag, OvernightRule

    counts: dict = {}  # (dimension, month, key) → {rule key: detentions}
    for rule_id in OvernightRule.objects.filter(office=office_id).values_list("pk", flat=True):
        flags = OvernightFlag.objects.filter(rule=rule_id, detention__office=office_id).order_by()
        for dimension, column in DIMENSIONS.items():
            fields = ["detention__month", *([f"detention__{column}"] if column else [])]
            for row in flags.values(*fields).annotate(detentions=Count("pk")):
                key = row.get(f"detention__{column}") if column else ""
                where = (dimension, row["detention__month"], "" if key is None else str(key))
                counts.setdefault(where, {})[rule_key(rule_id)] = row["detentions"]
    changed = []
    rows = FigureSummary.objects.filter(office=office_id).exclude(dimension="transfer_authority")
    for summary in rows.only("pk", "dimension", "month", "key", "extra").order_by().iterator(2000):
        extra = {name: value for name, value in (summary.extra or {}).items() if not name.startswith("rule:")}
        extra |= counts.get((summary.dimension, summary.month, summary.key), {})
        if extra != (summary.extra or {}):
            summary.extra = extra
            changed.append(summary)
    FigureSummary.objects.bulk_update(changed, ["extra"], batch_size=500)
