"""Factories for people: plain functions, used by tests and the demo."""

from accounts.models import Role, User
from directory.models import LocalPolicingBody

PASSWORD = "correct horse battery staple"


def make_user(**fields) -> User:
    username = fields.pop("username", "officer")
    if "office" not in fields:
        fields["office"] = LocalPolicingBody.objects.filter(force__code="cheshire").current().first()
    defaults = {"role": Role.OPCC_OFFICER, "email": f"{username}@example.org", "first_name": "Test"}
    return User.objects.create_user(username=username, password=PASSWORD, **{**defaults, **fields})


def make_people() -> dict[str, User]:
    """One person per role in the Cheshire office, an officer of another office (Merseyside) and a
    deployment administrator: the cast of the permission and cross-scope tests."""
    from directory.models import Force, SafeguardingPartnership

    cheshire = LocalPolicingBody.objects.filter(force__code="cheshire").current().get()
    merseyside = LocalPolicingBody.objects.filter(force__code="merseyside").current().get()
    partnership, _ = SafeguardingPartnership.objects.get_or_create(
        name="Warrington Safeguarding Children Partnership"
    )
    return {
        "admin": make_user(username="opcc-admin", role=Role.OPCC_ADMIN, office=cheshire),
        "officer": make_user(username="opcc-officer", role=Role.OPCC_OFFICER, office=cheshire),
        "force": make_user(
            username="force-contributor",
            role=Role.FORCE_CONTRIBUTOR,
            office=cheshire,
            force=Force.objects.get(code="cheshire"),
        ),
        "partnership": make_user(
            username="partnership-contributor",
            role=Role.PARTNERSHIP_CONTRIBUTOR,
            office=cheshire,
            partnership=partnership,
        ),
        "panel": make_user(username="panel-member", role=Role.PANEL_MEMBER, office=cheshire),
        "other-office": make_user(username="merseyside-officer", role=Role.OPCC_OFFICER, office=merseyside),
        "superuser": make_user(
            username="deployment-admin", office=None, is_superuser=True, is_staff=True, role=Role.OPCC_ADMIN
        ),
    }


def sign_in(client, user) -> None:
    """Sign a test client in as the person, with the second factor already given when their role needs one."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.access import needs_two_factor

    client.force_login(user)
    if needs_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Test authenticator", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def client_as(person):
    """A test client signed in as the person (with the second factor given where it is needed)."""
    from django.test import Client

    client = Client()
    sign_in(client, person)
    return client


def token_for(person, name: str = "Test token") -> str:
    """The key of a token carrying every right the person holds (with two-factor set up where that needs
    it), so that it gets what the person's own session gets."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.access import is_office_admin
    from accounts.tokens import create_token

    custody, administers = bool(person.custody_access or person.is_superuser), is_office_admin(person)
    if (custody or administers) and not TOTPDevice.objects.filter(user=person, confirmed=True).exists():
        TOTPDevice.objects.create(user=person, name="Test authenticator", confirmed=True)
    return create_token(user=person, name=name, custody=custody, administers=administers)[1]
