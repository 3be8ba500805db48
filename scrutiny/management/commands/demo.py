from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from accounts.access import needs_two_factor
from accounts.demo import PEOPLE, NotADemoAuthenticator, current_code, demo_device, set_up_key
from scrutiny.demo import DEMO_PASSWORD, DEMO_USERNAME, load_demo


class Command(BaseCommand):
    help = (
        "Load reference data and the demo scenario (the 2019 child protection thematic, Cheshire), with one "
        "person for every role, and print how each signs in. Safe to rerun. With --code USERNAME, print the "
        "code a demo person's authenticator shows now, and load nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Where Scrutiny will be served."
        )
        parser.add_argument(
            "--code",
            metavar="USERNAME",
            help="Print the current two-factor code of a demo person (demo-admin, demo-custody) and stop.",
        )

    def handle(self, *args, base_url, code=None, **options):
        if code:
            try:
                device = demo_device(code)
            except NotADemoAuthenticator as error:
                raise CommandError(str(error)) from None
            self.stdout.write(current_code(device))
            return
        base = base_url.rstrip("/")
        demo = load_demo(base_url=base)
        self.stdout.write(
            f"Demo scenario ready: {demo['report'].title} ({demo['report'].findings.count()} findings), "
            f"office {demo['office']}.\n"
            f"Sign in at {base}{reverse('accounts:sign-in')} as {DEMO_USERNAME} with password {DEMO_PASSWORD}\n"
            f"The scenario's report: {base}{demo['report'].get_absolute_url()}\n"
        )
        self.stdout.write(self.people_table(demo["people"]))

    def people_table(self, people: dict) -> str:
        """Each role's person, with its sign-in, and the authenticator set-up of those who need one."""
        rows = [("Role", "Username", "Password", "Two-factor", "What they can do")]
        for person in PEOPLE:
            user = people[person.username]
            rows.append(
                (
                    person.role_label,
                    person.username,
                    DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(changed since)",
                    "code" if needs_two_factor(user) else "-",
                    person.can,
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = ["", "Every role has a demo person (all in the Cheshire office):"]
        lines += [
            "  " + "  ".join([*(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)), row[4]])
            for row in rows
        ]
        second = [person for person in PEOPLE if needs_two_factor(people[person.username])]
        if second:
            lines += [
                "",
                "Those marked 'code' also give a six-digit code after the password. Add their demo key to an",
                "authenticator app (type the set-up key, or open the otpauth:// address on the phone), or print",
                "the code it would show now with `scrutiny demo --code USERNAME`:",
            ]
        for person in second:
            try:
                device = demo_device(person.username)
            except NotADemoAuthenticator as error:
                lines.append(f"  {person.username}: {error}")
                continue
            lines.append(f"  {person.username}: set-up key {set_up_key(device)}")
            lines.append(f"  {' ' * len(person.username)}  {device.config_url}")
        return "\n".join(lines)
