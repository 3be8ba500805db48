"""`scrutiny manage tracking panel-report --quarter 2026Q3 --office cheshire [--output FILE]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.models import LocalPolicingBody
from tracking import panel_documents, panel_report
from tracking.panel_report import Quarter, QuarterError


class Command(BaseCommand):
    help = "Tracking: panel-report writes the quarterly Police and Crime Panel report (Word, PDF or Excel annex)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        report = commands.add_parser("panel-report", help="The quarterly Police and Crime Panel report.")
        report.add_argument("--quarter", required=True, help="For example 2026Q3.")
        report.add_argument("--office", required=True, help="The force code of the office, e.g. cheshire.")
        report.add_argument(
            "--output", help="File to write: .docx (default), .pdf, or .xlsx for the overdue annex."
        )

    def handle(self, *args, subcommand, quarter, office, output=None, **options):
        try:
            chosen = Quarter.parse(quarter)
        except QuarterError as error:
            raise CommandError(str(error)) from error
        body = LocalPolicingBody.objects.current().filter(force__code=office).first()
        if body is None:
            raise CommandError(f"no office oversees a force with the code {office!r}")
        path = Path(output or f"panel-report-{chosen}-{office}.docx")
        kind = path.suffix.lower().lstrip(".")
        if kind not in ("docx", "pdf", "xlsx"):
            raise CommandError("the output file must end in .docx, .pdf or .xlsx")
        report = panel_report.build(
            office=body, quarter=chosen, today=timezone.localdate(), charts=kind != "xlsx"
        )
        writer = {
            "docx": panel_documents.as_docx,
            "pdf": panel_documents.as_pdf,
            "xlsx": panel_documents.annex_xlsx,
        }[kind]
        path.write_bytes(writer(report))
        figures = ", ".join(f"{label.lower()} {number}" for label, number in report.figures)
        self.stdout.write(f"Wrote {path}: {report.quarter.label}, as at {report.as_at:%-d %B %Y}: {figures}.")
