from django.core.management.base import BaseCommand
from django.urls import reverse

from scrutiny.demo import DEMO_PASSWORD, DEMO_USERNAME, load_demo
from tracking.demo import FORCE_USERNAME


class Command(BaseCommand):
    help = "Load reference data and the demo scenario (the 2019 child protection thematic, Cheshire). Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Where Scrutiny will be served."
        )

    def handle(self, *args, base_url, **options):
        demo = load_demo()
        base = base_url.rstrip("/")
        self.stdout.write(
            f"Demo scenario ready: {demo['report'].title} ({demo['report'].findings.count()} findings), "
            f"office {demo['office']}.\n"
            f"Sign in at {base}{reverse('accounts:sign-in')} as {DEMO_USERNAME} with password {DEMO_PASSWORD}\n"
            f"A force contributor of {demo['office'].force}: {FORCE_USERNAME}, the same password; "
            f"their page: {base}{reverse('tracking:force-actions')}\n"
            f"The scenario's report: {base}{demo['report'].get_absolute_url()}"
        )
