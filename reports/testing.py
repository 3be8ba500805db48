"""Factories for reports and findings: plain functions used by tests, benchmarks and the demo."""

import random
from datetime import date, timedelta

from directory.models import Force
from directory.testing import make_force, make_inspectorate, make_report_type
from reports.models import Finding, Report
from reports.services import FindingInput, add_findings, create_report

KINDS = [
    Finding.Kind.RECOMMENDATION,
    Finding.Kind.AREA_FOR_IMPROVEMENT,
    Finding.Kind.CAUSE_OF_CONCERN,
    Finding.Kind.PROMISING_PRACTICE,
]


def make_report(**fields) -> Report:
    """A report recorded through `create_report`, so its invariants hold and its events are sent (the
    apps that subscribe, such as responses, do what they do for a real report)."""
    fields.setdefault("inspectorates", [make_inspectorate()])
    fields.setdefault("report_type", make_report_type())
    fields.setdefault("title", "An inspection of custody arrangements")
    fields.setdefault("published_on", date(2020, 2, 27))
    if not fields.get("all_forces") and not fields.get("forces"):
        # The shipped reference data is loaded in tests; fall back to a made-up force without it.
        fields["forces"] = [Force.objects.filter(code="cheshire").first() or make_force()]
    return create_report(**fields)


def make_finding(**fields) -> Finding:
    """A finding added through `add_findings`, after the report's others."""
    report = fields.pop("report", None) or make_report()
    defaults = {
        "kind": Finding.Kind.RECOMMENDATION,
        "label": "Recommendation 1",
        "text": "Chief constables should check cells hourly.",
    }
    return add_findings(report=report, findings=[FindingInput(**{**defaults, **fields})])[0]


def make_many_reports(*, reports: int, findings_per_report: int, seed: int = 20200227) -> None:
    """Bulk-create synthetic reports and findings (for benchmarks); fixed seed, so runs are comparable."""
    rng = random.Random(seed)
    report_type = make_report_type()
    inspectorate = make_inspectorate()
    forces = list(Force.objects.all()) or [make_force()]
    start = date(2014, 1, 1)
    batch = Report.objects.bulk_create(
        Report(
            title=f"Synthetic inspection report {n:05d}",
            report_type=report_type,
            published_on=start + timedelta(days=rng.randrange(4300)),
            all_forces=rng.random() < 0.3,
        )
        for n in range(reports)
    )
    Report.inspectorates.through.objects.bulk_create(
        Report.inspectorates.through(report_id=report.pk, inspectorate_id=inspectorate.pk) for report in batch
    )
    Report.forces.through.objects.bulk_create(
        Report.forces.through(report_id=report.pk, force_id=rng.choice(forces).pk)
        for report in batch
        if not report.all_forces
    )
    findings = (
        Finding(
            report_id=report.pk,
            kind=rng.choice(KINDS),
            label=f"Recommendation {n + 1}",
            position=n + 1,
            text=f"Synthetic finding {n + 1} of report {report.pk}: the force should act on it.",
        )
        for report in batch
        for n in range(findings_per_report)
    )
    Finding.objects.bulk_create(findings, batch_size=5000)


def load_scenario_report() -> dict:
    """The demo's reference data and report, without the apps built on reports (tests of reports)."""
    from directory import demo as directory_demo
    from reports import demo as reports_demo

    demo: dict = {}
    directory_demo.load(demo)
    reports_demo.load(demo)
    return demo
