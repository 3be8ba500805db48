import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from core import registry
from responses.reminders import send_reminders

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "E-mail offices about responses due soon or overdue, and every other reminder the apps send "
        "(referral follow-ups, action updates). Safe to run repeatedly: nothing is sent twice a day."
    )

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
        today = timezone.localdate()
        for reminder in registry.reminders:  # one app's failure never stops the others' reminders
            try:
                if dry_run:
                    count = registry.resolve(reminder.due)(today)
                    self.stdout.write(f"{reminder.label}: {count} due (sent unless sent already today)")
                else:
                    count = registry.resolve(reminder.send)(today)
                    self.stdout.write(f"{reminder.label}: {count} sent")
            except Exception:
                logger.exception("reminders failed: %s", reminder.label)
                self.stderr.write(f"{reminder.label}: failed; the others went on (see the log)")
