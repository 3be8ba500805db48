"""Factories for actions: plain functions used by tests, benchmarks and the demo."""

from datetime import date

from accounts.roles import Role
from accounts.testing import make_user
from directory.models import Force, LocalPolicingBody, ReportType
from reports.models import Finding
from reports.services import FindingInput, create_report
from tracking.models import Action, Status


def cheshire() -> LocalPolicingBody:
    return LocalPolicingBody.objects.filter(force__code="cheshire").current().get()


def make_report(*, forces=("cheshire",), findings: int = 3, all_forces: bool = False, **fields):
    """A report recorded through `create_report`, so its actions open as in real use."""
    values = {
        "title": "Children in custody: a thematic inspection",
        "report_type": ReportType.objects.get(code="national-thematic"),
        "published_on": date(2020, 2, 27),
        "inspectorates": [],
        "all_forces": all_forces,
        "forces": [] if all_forces else list(Force.objects.filter(code__in=forces)),
        "findings": [
            FindingInput(
                kind=Finding.Kind.RECOMMENDATION,
                label=f"Recommendation {n}",
                text=f"By 31 March 2021, chief constables should review matter number {n} of this report.",
                deadline_on=date(2021, 3, 31),
            )
            for n in range(1, findings + 1)
        ],
    }
    return create_report(**{**values, **fields})


def make_action(*, force: str = "cheshire", **fields) -> Action:
    """The first action of a fresh report concerning the force, for that force's office."""
    report = make_report(forces=(force,), findings=1)
    action = Action.objects.get(finding__report=report, force__code=force)
    if fields:
        Action.objects.filter(pk=action.pk).update(**fields)
        action.refresh_from_db()
    return action


def status(action: Action, view: str, name: str) -> Status:
    return Status.objects.get(office=action.office, view=view, name=name)


def office_people(office: LocalPolicingBody | None = None) -> dict:
    office = office or cheshire()
    force = office.force
    return {
        "officer": make_user(username=f"officer-{force.code}", role=Role.OPCC_OFFICER, office=office),
        "admin": make_user(username=f"admin-{force.code}", role=Role.OPCC_ADMIN, office=office),
        "force": make_user(
            username=f"force-{force.code}", role=Role.FORCE_CONTRIBUTOR, office=office, force=force
        ),
        "panel": make_user(username=f"panel-{force.code}", role=Role.PANEL_MEMBER, office=office),
    }


def load_scenario() -> dict:
    """The demo scenario's report tracked for Cheshire, without the apps built beside tracking (tests of
    tracking)."""
    from accounts import demo as accounts_demo
    from directory import demo as directory_demo
    from reports import demo as reports_demo
    from tracking import demo as tracking_demo

    demo: dict = {}
    for step in (directory_demo.load, accounts_demo.load, reports_demo.load, tracking_demo.load):
        step(demo)
    return demo
