"""Factories for reports and findings: plain functions used by tests, benchmarks and the demo."""

import random
from datetime import date, timedelta

from directory.models import Force
from directory.testing import make_force, make_inspectorate, make_report_type
from reports.models import Finding, Report

KINDS = [
    Finding.Kind.RECOMMENDATION,
    Finding.Kind.AREA_FOR_IMPROVEMENT,
    Finding.Kind.CAUSE_OF_CONCERN,
    Finding.Kind.PROMISING_PRACTICE,
]


def make_report(**fields) -> Report:
    forces = fields.pop("forces", None)
    inspectorates = fields.pop("inspectorates", None) or [make_inspectorate()]
    defaults = {"title": "An inspection of custody arrangements", "published_on": date(2020, 2, 27)}
    if "report_type" not in fields:
        fields["report_type"] = make_report_type()
    report = Report.objects.create(**{**defaults, **fields})
    report.inspectorates.set(inspectorates)
    if forces is None and not report.all_forces:
        # The shipped reference data is loaded in tests; fall back to a made-up force without it.
        forces = [Force.objects.filter(code="cheshire").first() or make_force()]
    report.forces.set(forces or [])
    return report


def make_finding(**fields) -> Finding:
    if "report" not in fields:
        fields["report"] = make_report()
    defaults = {
        "kind": Finding.Kind.RECOMMENDATION,
        "label": "Recommendation 1",
        "text": "Chief constables should check cells hourly.",
    }
    return Finding.objects.create(**{**defaults, **fields})


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


def make_pdf(path, html: str):
    """A real PDF, made by WeasyPrint from HTML (a dev dependency, used by tests only)."""
    import weasyprint

    weasyprint.HTML(string=f"<html lang='en-GB'><body>{html}</body></html>").write_pdf(path)
    return path


def hand_made_pdf(path, *, pages: int = 1, encrypted: bool = False):
    """A minimal PDF written byte by byte: with no pages, or with a (wrong-password) security handler."""
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    if encrypted:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>"
        )
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    encrypt = b" /Encrypt %d 0 R /ID [<aa><aa>]" % len(objects) if encrypted else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        encrypt,
        xref,
    )
    path.write_bytes(bytes(out))
    return path
