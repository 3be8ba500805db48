"""The demo's people: one for every role, each signing in to explore the scenario as that role sees it.

Administrators and people granted custody data sign in with a code from an authenticator app as well as
a password. The demo gives each of them an authenticator key of its own, fixed and printed by `scrutiny
demo` (as a set-up key and an otpauth:// address an authenticator app takes), so the demo can be explored
without a shell; `scrutiny demo --code USERNAME` prints the code such an app would show now. These keys
are published with the code: they are for demo data only, never for a real deployment's people.
"""

import hashlib
from dataclasses import dataclass

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.access import needs_two_factor
from accounts.models import Role, User
from directory.models import SafeguardingPartnership

DEMO_USERNAME = "demo-officer"
DEMO_PASSWORD = "scrutiny-demo-2020"  # demo data only; printed by `scrutiny demo`
DEMO_PARTNERSHIP = "Cheshire East Safeguarding Children Partnership"
AUTHENTICATOR_NAME = "Demo authenticator"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    role: Role
    first_name: str
    last_name: str
    can: str  # what this person can do, for the printed table
    custody_access: bool = False

    @property
    def role_label(self) -> str:
        return "Custody user (OPCC officer)" if self.custody_access else self.role.label


PEOPLE = [
    DemoPerson(
        DEMO_USERNAME,
        Role.OPCC_OFFICER,
        "Demo",
        "Officer",
        "reports, findings, responses, tracking, referrals, custody figures (small numbers hidden)",
    ),
    DemoPerson(
        "demo-admin",
        Role.OPCC_ADMIN,
        "Demo",
        "Administrator",
        "all an officer does, plus the office's people, settings and audit",
    ),
    DemoPerson(
        "demo-custody",
        Role.OPCC_OFFICER,
        "Demo",
        "Custody Analyst",
        "an officer who also imports custody records and sees them, and exact figures",
        custody_access=True,
    ),
    DemoPerson(
        "demo-force",
        Role.FORCE_CONTRIBUTOR,
        "Demo",
        "Force Contributor",
        "the force's reports and actions; updates its actions; submits the chief officer's comments when invited",
    ),
    DemoPerson(
        "demo-partnership",
        Role.PARTNERSHIP_CONTRIBUTOR,
        "Demo",
        "Partnership Contributor",
        "Cheshire East's referrals; records the partnership's outcome",
    ),
    DemoPerson(
        "demo-panel",
        Role.PANEL_MEMBER,
        "Demo",
        "Panel Member",
        "reads reports, deadlines and published responses; changes nothing",
    ),
]


def load(demo: dict) -> None:
    office = demo["office"]
    demo["people"] = {person.username: demo_person(person, office) for person in PEOPLE}
    demo["officer"] = demo["people"][DEMO_USERNAME]


def demo_person(person: DemoPerson, office) -> User:
    """The person, made once; a person who exists keeps what they have (their password, their own
    authenticator if they replaced the demo's), except that one made without a password gets the demo's."""
    user = User.objects.filter(username=person.username).first()
    if user is None:
        user = User.objects.create_user(
            username=person.username,
            password=DEMO_PASSWORD,
            email=f"{person.username}@example.org",
            first_name=person.first_name,
            last_name=person.last_name,
            office=office,
            role=person.role,
            force=office.force if person.role == Role.FORCE_CONTRIBUTOR else None,
            partnership=(
                SafeguardingPartnership.objects.get(name=DEMO_PARTNERSHIP)
                if person.role == Role.PARTNERSHIP_CONTRIBUTOR
                else None
            ),
            custody_access=person.custody_access,
        )
    elif not user.has_usable_password():  # made by an earlier demo that gave it no password
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if needs_two_factor(user) and not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(
            user=user, name=AUTHENTICATOR_NAME, key=demo_key(user.username), confirmed=True
        )
    return user


def demo_key(username: str) -> str:
    """The person's demo authenticator key, 20 bytes as hex: fixed, so the printed set-up key stays right
    however often the demo runs."""
    return hashlib.sha1(f"scrutiny demo authenticator: {username}".encode()).hexdigest()


class NotADemoAuthenticator(Exception):
    """The person has no demo authenticator (not a demo person, or they set up their own)."""


def demo_device(username: str) -> TOTPDevice:
    """The demo authenticator of a demo person who signs in with two factors, or NotADemoAuthenticator
    saying why there is none."""
    demo_usernames = [person.username for person in PEOPLE]
    if username not in demo_usernames:
        raise NotADemoAuthenticator(
            f"{username} is not one of the demo's people ({', '.join(demo_usernames)})"
        )
    device = TOTPDevice.objects.filter(
        user__username=username, confirmed=True, key=demo_key(username)
    ).first()
    if device is None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise NotADemoAuthenticator(f"{username} does not exist yet: run `scrutiny demo` first")
        if not needs_two_factor(user):
            raise NotADemoAuthenticator(f"{username} signs in with a password only, no code is needed")
        raise NotADemoAuthenticator(
            f"{username} has set up an authenticator of their own: use it, or have an administrator reset it"
        )
    return device


def set_up_key(device: TOTPDevice) -> str:
    """What to type into an authenticator app: the key in base32, in groups of four."""
    return two_factor.secret_of(device)


def current_code(device: TOTPDevice) -> str:
    """The six-digit code the person's authenticator shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"
