"""Multi-agency inspection coverage per local authority: the matrix of a force's areas against inspection
kinds, each area's timeline, adding an inspection, and importing many from CSV or Excel (all rows or none)."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from core.dates import check_happened
from core.refusals import Refused
from directory.models import Country, Force, Inspectorate, LocalAuthority
from documents import DocumentError, tables
from partnerships.models import SHORT_KIND, CoverageImport, Inspection, InspectionKind

# The kinds a force's matrix shows as columns: England's joint and single-agency area inspections, and
# Wales's joint inspection of child protection arrangements.
COLUMNS = {
    Country.ENGLAND: [InspectionKind.JTAI, InspectionKind.ILACS, InspectionKind.AREA_SEND],
    Country.WALES: [InspectionKind.JICPA],
}
# The joint child-protection inspection of each country: the one the response section talks about.
JOINT_KIND = {Country.ENGLAND: InspectionKind.JTAI, Country.WALES: InspectionKind.JICPA}


class CoverageRefused(Refused):
    """An inspection cannot be recorded; the message says why."""


@dataclass
class Cell:
    kind: str
    latest: Inspection | None
    years_since: float | None

    @property
    def gap(self) -> bool:
        return self.latest is None


@dataclass
class Row:
    authority: LocalAuthority
    cells: list[Cell]


@dataclass
class Matrix:
    force: Force
    on: date
    columns: list[tuple[str, str]]
    rows: list[Row]

    def covered(self, kind: str) -> list[Row]:
        return [row for row in self.rows if not self.cell(row, kind).gap]

    def gaps(self, kind: str) -> list[Row]:
        return [row for row in self.rows if self.cell(row, kind).gap]

    def cell(self, row: Row, kind: str) -> Cell:
        return next(cell for cell in row.cells if cell.kind == kind)


def years_between(earlier: date, later: date) -> float:
    return round((later - earlier).days / 365.25, 1)


def coverage_matrix(force: Force, on: date) -> Matrix:
    """The force's local authorities × inspection kinds: the latest inspection of each kind published on
    or before `on`, the years since it, and the gaps."""
    kinds = list(COLUMNS[force.country])
    authorities = list(force.local_authorities.order_by("name"))
    inspections = Inspection.objects.filter(local_authority__in=authorities, published_on__lte=on).order_by(
        "-published_on"
    )
    if inspections.filter(kind=InspectionKind.OTHER).exists():
        kinds.append(InspectionKind.OTHER)
    latest: dict[tuple[int, str], Inspection] = {}
    for inspection in inspections.select_related("local_authority"):
        latest.setdefault((inspection.local_authority_id, inspection.kind), inspection)
    rows = []
    for authority in authorities:
        cells = []
        for kind in kinds:
            found = latest.get((authority.pk, kind))
            cells.append(Cell(kind, found, years_between(found.published_on, on) if found else None))
        rows.append(Row(authority, cells))
    return Matrix(force, on, [(kind, SHORT_KIND[kind]) for kind in kinds], rows)


def record_inspection(
    *,
    local_authority: LocalAuthority,
    kind: str,
    published_on: date,
    user,
    inspectorates=(),
    theme: str = "",
    report_url: str = "",
    other_kind: str = "",
) -> Inspection:
    """Record one inspection of an area; the same area, kind and day twice is refused."""
    check_happened(published_on, "the date the inspection report was published", CoverageRefused)
    if kind == InspectionKind.OTHER and not other_kind.strip():
        raise CoverageRefused("name the inspection when it is none of the listed kinds")
    try:
        with transaction.atomic():
            inspection = Inspection.objects.create(
                local_authority=local_authority,
                kind=kind,
                other_kind=other_kind.strip() if kind == InspectionKind.OTHER else "",
                published_on=published_on,
                theme=theme.strip(),
                report_url=report_url,
                created_by=user,
            )
            inspection.inspectorates.set(inspectorates)
    except IntegrityError:
        raise CoverageRefused(
            f"a {SHORT_KIND[kind]} of {local_authority} published on {published_on:%-d %B %Y} is already recorded"
        ) from None
    return inspection


# ---------------------------------------------------------------- CSV import

REQUIRED = ["local_authority", "inspection", "published_on"]
OPTIONAL = ["other_name", "inspectorates", "theme", "report_url"]
KIND_NAMES = {
    **{kind.value: kind.value for kind in InspectionKind},
    **{label.lower(): kind.value for kind, label in SHORT_KIND.items()},
    "send": InspectionKind.AREA_SEND.value,
}
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
MAX_ROWS = 5000


@dataclass
class ParsedRow:
    line: int
    authority: LocalAuthority
    kind: str
    published_on: date
    other_kind: str = ""
    inspectorates: list[Inspectorate] = field(default_factory=list)
    theme: str = ""
    report_url: str = ""


def parse_date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if 1990 <= day.year <= 2100:
            return day
    raise ValueError


def decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def check_headers(headers: list[str], error) -> None:
    """The heading row: every required column, no unknown one, none twice."""
    for column in REQUIRED:
        if column not in headers:
            error(1, column, "this column is missing from the header")
    for column in [header for header in headers if header not in REQUIRED + OPTIONAL]:
        error(1, column or "(empty)", f"unknown column; the columns are {', '.join(REQUIRED + OPTIONAL)}")
    for column in sorted({header for header in headers if header and headers.count(header) > 1}):
        error(1, column, "this column is in the header twice; which one is meant cannot be told")


@dataclass
class Lookups:
    """Local authorities and inspectorates by code and by name, lower-cased, read once per file."""

    authorities: dict
    inspectorates: dict

    @classmethod
    def load(cls) -> "Lookups":
        authorities = {authority.code.lower(): authority for authority in LocalAuthority.objects.all()}
        authorities |= {authority.name.lower(): authority for authority in authorities.values()}
        inspectorates = {item.code.lower(): item for item in Inspectorate.objects.all()}
        inspectorates |= {item.short_name.lower(): item for item in inspectorates.values()}
        return cls(authorities, inspectorates)


def parse_row(number: int, values: dict, lookups: Lookups, error) -> ParsedRow | None:
    """One row checked, every problem named by its column; the row, or None when it has a problem."""
    problems = []

    def refuse(column: str, message: str) -> None:
        problems.append(column)
        error(number, column, message)

    authority = lookups.authorities.get(values["local_authority"].lower())
    if not values["local_authority"]:
        refuse("local_authority", "enter the local authority's name or GSS code")
    elif authority is None:
        refuse("local_authority", f"no local authority is called or coded {values['local_authority']!r}")
    kind = KIND_NAMES.get(values["inspection"].lower())
    if kind is None:
        refuse("inspection", f"{values['inspection']!r} is not one of JTAI, JICPA, ILACS, Area SEND, Other")
    other = values.get("other_name", "")
    if kind == InspectionKind.OTHER and not other:
        refuse("other_name", "name the inspection when the kind is Other")
    if len(other) > 200:
        refuse("other_name", "the inspection's name is longer than 200 characters")
    try:
        published_on = parse_date(values["published_on"])
    except ValueError:
        refuse("published_on", f"{values['published_on']!r} is not a date like 2019-08-23 or 23/08/2019")
        published_on = None
    chosen = []
    for item in filter(None, (part.strip() for part in values.get("inspectorates", "").split(";"))):
        if item.lower() in lookups.inspectorates:
            chosen.append(lookups.inspectorates[item.lower()])
        else:
            refuse("inspectorates", f"{item!r} is not an inspectorate Scrutiny knows")
    url = values.get("report_url", "")
    if url and (not URL.match(url) or len(url) > 500):
        refuse("report_url", "the report link must be a web address starting https://")
    if len(values.get("theme", "")) > 300:
        refuse("theme", "the theme is longer than 300 characters")
    if problems:
        return None
    return ParsedRow(number, authority, kind, published_on, other, chosen, values.get("theme", ""), url)


def parse_coverage_csv(content: bytes, name: str) -> tuple[list[ParsedRow], tables.Problems]:
    """Every row checked; the errors name the row (the header is row 1) and the column. The file is CSV
    or Excel, read by the one table reader (`documents.tables`)."""
    errors = tables.Problems()
    error = errors.add
    try:
        raw_headers, table = tables.read_table(
            content, name, max_bytes=settings.SCRUTINY_MAX_UPLOAD_BYTES, max_rows=MAX_ROWS + 1
        )
    except DocumentError as problem:
        message = str(problem).removeprefix(f"{name}: ")
        at = re.match(r"row (\d+) ", message)
        error(int(at[1]) if at else 1, "(file)", message)
        return [], errors
    headers = [header.strip().lower() for header in raw_headers]
    check_headers(headers, error)
    if errors:
        return [], errors
    lookups = Lookups.load()
    parsed, seen = [], {}
    for number, cells in table:
        if number - 1 > MAX_ROWS:
            error(number, "local_authority", f"the file has more than {MAX_ROWS:,} rows; split it")
            break
        if len(cells) > len(headers) and any(cell.strip() for cell in cells[len(headers) :]):
            error(number, "(extra)", "this row has more values than the header has columns")
            continue
        values = {
            key: value.strip() for key, value in zip(headers, cells + [""] * len(headers), strict=False)
        }
        if not any(values.values()):
            continue  # a blank line
        row = parse_row(number, values, lookups, error)
        if row is None:
            continue
        key = (row.authority.pk, row.kind, row.published_on)
        if key in seen:
            error(number, "published_on", f"the same inspection is on row {seen[key]} already")
            continue
        seen[key] = number
        parsed.append(row)
    if not parsed and not errors:
        error(2, "local_authority", "the file has no rows under its header")
    return parsed, errors


def import_coverage(*, content: bytes, name: str, user, sha256: str = "") -> CoverageImport:
    """Import inspections from CSV or Excel: every row is stored or none is; the import is recorded either way,
    with each error's row and column."""
    rows, errors = parse_coverage_csv(content, name)
    record = CoverageImport(
        office=getattr(user, "office", None), file_name=name, sha256=sha256, rows=len(rows), imported_by=user
    )
    if errors:
        record.state, record.errors = CoverageImport.State.REFUSED, errors
        record.save()
        return record
    with transaction.atomic():
        record.state = CoverageImport.State.IMPORTED
        record.save()
        for row in rows:
            inspection, created = Inspection.objects.get_or_create(
                local_authority=row.authority,
                kind=row.kind,
                published_on=row.published_on,
                defaults={
                    "other_kind": row.other_kind,
                    "theme": row.theme,
                    "report_url": row.report_url,
                    "source_import": record,
                    "created_by": user,
                },
            )
            if created:
                inspection.inspectorates.set(row.inspectorates)
                record.created += 1
            else:
                record.unchanged += 1
        record.save(update_fields=["created", "unchanged"])
    return record
