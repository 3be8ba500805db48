from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.models import Force
from responses import clock
from responses.models import ResponseObligation
from responses.services import BUCKETS, deadlines


class Command(BaseCommand):
    help = "Print section 55 response deadlines: overdue, due within 7, 14 and 28 days, later, published."

    def add_arguments(self, parser):
        parser.add_argument("--force", help="Only this force's office (a force code, e.g. cheshire).")
        parser.add_argument(
            "--all", action="store_true", help="Include published, not-applicable and history ones."
        )

    def handle(self, *args, force, **options):
        obligations = ResponseObligation.objects.all()
        if force:
            if not Force.objects.filter(code=force).exists():
                raise CommandError(f"no force with the code {force!r}; see scrutiny manage shell or /forces/")
            obligations = obligations.filter(body__force__code=force)
        today = timezone.localdate()
        summary = deadlines(obligations, today)
        rows = []
        for key, label in BUCKETS:
            if key in ("published", "not-applicable", "history", "later") and not options["all"]:
                continue
            for obligation in summary.buckets[key]:
                rows.append(
                    [
                        label,
                        obligation.due_on.isoformat(),
                        f"day {obligation.day_of_period(today)} of {clock.PERIOD_DAYS}",
                        obligation.body.force.name,
                        obligation.report.title[:60],
                        obligation.state_label(today),
                    ]
                )
        if not rows:
            self.stdout.write("Nothing due in the next 28 days and nothing overdue.")
            return
        headers = ["when", "due", "clock", "force", "report", "status"]
        widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
        for line in [headers, ["-" * width for width in widths], *rows]:
            self.stdout.write(
                "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True))
            )
        rates = ", ".join(
            f"{year}: {tally.on_time}/{tally.total} on time"
            for year, tally in sorted(summary.by_year.items())
        )
        if rates:
            self.stdout.write(f"On time by year of publication: {rates}")
