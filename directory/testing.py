"""Factories for tests, benchmarks and the demo: plain functions, fixed names, no factory library."""

from datetime import date

from directory.models import Force, Inspectorate, LocalAuthority, LocalPolicingBody, ReportType


def make_force(**fields) -> Force:
    code = fields.pop("code", "testshire")
    defaults = {"name": f"{code.title()} Police", "area": code.title(), "country": "England"}
    force, _ = Force.objects.get_or_create(code=code, defaults={**defaults, **fields})
    return force


def make_body(**fields) -> LocalPolicingBody:
    force = fields.pop("force", None) or make_force()
    defaults = {
        "name": f"Police and Crime Commissioner for {force.area}",
        "kind": "pcc",
        "starts_on": date(2012, 11, 22),
    }
    return LocalPolicingBody.objects.create(force=force, **{**defaults, **fields})


def make_local_authority(**fields) -> LocalAuthority:
    forces = fields.pop("forces", None) or [make_force()]
    defaults = {"code": "E06999999", "name": "Testshire", "kind": "unitary"}
    authority = LocalAuthority.objects.create(**{**defaults, **fields})
    authority.forces.set(forces)
    return authority


def make_inspectorate(code: str = "hmicfrs") -> Inspectorate:
    inspectorate, _ = Inspectorate.objects.get_or_create(
        code=code, defaults={"name": code.upper(), "short_name": code.upper()}
    )
    return inspectorate


def make_report_type(code: str = "national-thematic", statutory: bool = True) -> ReportType:
    report_type, _ = ReportType.objects.get_or_create(
        code=code, defaults={"name": code.replace("-", " ").capitalize(), "statutory": statutory}
    )
    return report_type
