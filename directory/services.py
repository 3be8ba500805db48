"""Loading the shipped reference data: idempotent, all-or-nothing, and clear about bad rows."""

import tomllib
from collections import Counter
from pathlib import Path

from django.db import models, transaction

from directory.models import (
    Force,
    Inspectorate,
    LocalAuthority,
    LocalPolicingBody,
    ReferenceDataVersion,
    ReportType,
    SafeguardingPartnership,
)

REFERENCE_FILE = Path(__file__).resolve().parent / "data" / "reference.toml"


class ReferenceDataError(Exception):
    """The reference data file cannot be loaded; the message names the file and the row."""


class Stored:
    """The rows of one model already stored, read in one query and found by their lookup fields, so that
    a reload of unchanged reference data reads each table once instead of once a row."""

    def __init__(self, model: type[models.Model], *fields: str):
        self.model = model
        self.attnames = [model._meta.get_field(name).attname for name in fields]
        self.rows = {self.key(row.__dict__): row for row in model.objects.all()}

    def key(self, values: dict) -> tuple:
        return tuple(getattr(values.get(name), "pk", values.get(name)) for name in self.attnames)

    def find(self, lookup: dict) -> models.Model | None:
        attnames = {self.model._meta.get_field(name).attname: value for name, value in lookup.items()}
        return self.rows.get(self.key(attnames))


def upsert(stored: Stored, lookup: dict, values: dict) -> tuple[models.Model, str]:
    """Create or update one row, writing only when something differs. Returns the row and what happened."""
    row = stored.find(lookup)
    if row is None:
        row = stored.model.objects.create(**lookup, **values)
        stored.rows[stored.key(row.__dict__)] = row  # a second row with the same lookup updates this one
        return row, "created"
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not changed:
        return row, "unchanged"
    for name in changed:
        setattr(row, name, values[name])
    row.save(update_fields=changed)
    return row, "updated"


def linked(field) -> dict[int, set[int]]:
    """A many-to-many field's links, read in one query: each row's primary key to its partners' keys."""
    through = field.remote_field.through
    own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    links: dict[int, set[int]] = {}
    for left, right in through.objects.values_list(own, other):
        links.setdefault(left, set()).add(right)
    return links


def read_reference_file(path: Path | None = None) -> dict:
    path = path or REFERENCE_FILE
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as error:
        raise ReferenceDataError(f"{path}: file not found") from error
    except tomllib.TOMLDecodeError as error:
        raise ReferenceDataError(f"{path}: not valid TOML ({error})") from error
    for section in ("version", "inspectorates", "report_types", "forces", "local_authorities"):
        if section not in data:
            raise ReferenceDataError(f"{path}: missing '{section}'")
    return data


def load_reference_data(path: Path | None = None) -> Counter:
    """Load forces, bodies, local authorities, inspectorates and report types; safe to run repeatedly."""
    path = path or REFERENCE_FILE
    data = read_reference_file(path)
    outcome: Counter = Counter()
    with transaction.atomic():
        inspectorates = Stored(Inspectorate, "code")
        for row in data["inspectorates"]:
            _, what = upsert(
                inspectorates,
                {"code": row["code"]},
                {"name": row["name"], "short_name": row["short_name"]},
            )
            outcome[what] += 1
        report_types = Stored(ReportType, "code")
        for row in data["report_types"]:
            _, what = upsert(
                report_types, {"code": row["code"]}, {"name": row["name"], "statutory": row["statutory"]}
            )
            outcome[what] += 1
        forces = {}
        stored_forces, bodies = Stored(Force, "code"), Stored(LocalPolicingBody, "force", "starts_on")
        for row in data["forces"]:
            force, what = upsert(
                stored_forces,
                {"code": row["code"]},
                {"name": row["name"], "area": row["area"], "country": row["country"]},
            )
            outcome[what] += 1
            forces[force.code] = force
            for body in row.get("bodies", []):
                _, what = upsert(
                    bodies,
                    {"force": force, "starts_on": body["starts_on"]},
                    {"name": body["name"], "kind": body["kind"], "ends_on": body.get("ends_on")},
                )
                outcome[what] += 1
        authorities, authority_forces = Stored(LocalAuthority, "code"), linked(LocalAuthority.forces.field)
        for row in data["local_authorities"]:
            authority, what = upsert(
                authorities, {"code": row["code"]}, {"name": row["name"], "kind": row["kind"]}
            )
            unknown = [code for code in row["forces"] if code not in forces]
            if unknown:
                raise ReferenceDataError(
                    f"{path}: local authority {row['code']} ({row['name']}) names unknown force(s) "
                    f"{', '.join(unknown)}"
                )
            wanted = {forces[code].pk for code in row["forces"]}
            if authority_forces.get(authority.pk, set()) != wanted:
                authority.forces.set(wanted)
                what = "updated" if what == "unchanged" else what
            outcome[what] += 1
        load_partnerships(path, data.get("partnerships", []), outcome)
        latest = ReferenceDataVersion.objects.order_by("-loaded_at").first()
        if latest is None or latest.version != data["version"] or outcome["created"] or outcome["updated"]:
            ReferenceDataVersion.objects.create(
                version=data["version"],
                counts={
                    "forces": len(data["forces"]),
                    "local_authorities": len(data["local_authorities"]),
                    "inspectorates": len(data["inspectorates"]),
                    "report_types": len(data["report_types"]),
                    "partnerships": len(data.get("partnerships", [])),
                },
            )
    outcome["version"] = data["version"]
    return outcome


def load_partnerships(path: Path, rows: list[dict], outcome: Counter) -> None:
    """Safeguarding partnerships and regional boards with their local authorities. Contacts, links and
    meetings are the offices' to fill in, so a reload never overwrites them."""
    authorities = {authority.code: authority for authority in LocalAuthority.objects.all()}
    partnerships = Stored(SafeguardingPartnership, "name")
    links = linked(SafeguardingPartnership.local_authorities.field)
    for row in rows:
        unknown = [code for code in row["local_authorities"] if code not in authorities]
        if unknown:
            raise ReferenceDataError(
                f"{path}: partnership {row['name']} names unknown local authority code(s) {', '.join(unknown)}"
            )
        partnership, what = upsert(
            partnerships,
            {"name": row["name"]},
            {"kind": row["kind"], "health_partner": row.get("health_partner", "")},
        )
        wanted = {authorities[code].pk for code in row["local_authorities"]}
        if links.get(partnership.pk, set()) != wanted:
            partnership.local_authorities.set(wanted)
            what = "updated" if what == "unchanged" else what
        outcome[what] += 1
