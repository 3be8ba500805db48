from django.core.management.base import BaseCommand
from django.utils import timezone

from responses.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail offices about responses due soon or overdue. Safe to run repeatedly: nothing is sent twice a day."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be sent; send nothing.")

    def handle(self, *args, dry_run, **options):
        sent = send_reminders(today=timezone.localdate(), dry_run=dry_run)
        for obligation, kind, recipients in sent:
            self.stdout.write(
                f"{kind:9} {obligation.body.force.name}: {obligation.report.title[:60]} "
                f"({recipients} recipient{'s' if recipients != 1 else ''})"
            )
        self.stdout.write(
            f"{len(sent)} reminder{'s' if len(sent) != 1 else ''} {'to send' if dry_run else 'sent'}"
        )
