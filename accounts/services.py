"""Managing an office's people: invite, change role and scope, deactivate, reset two-factor sign-in."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import events, two_factor
from accounts.models import Role, User
from core.refusals import Refused
from core.text import one_line


class PeopleRefused(Refused):
    pass


def check_scope(*, role: str, force, partnership) -> None:
    if role == Role.FORCE_CONTRIBUTOR and force is None:
        raise PeopleRefused("a force contributor needs the force they work for")
    if role == Role.PARTNERSHIP_CONTRIBUTOR and partnership is None:
        raise PeopleRefused("a partnership contributor needs their partnership")


def scope_fields(*, role, force, partnership, custody_access) -> dict:
    """Only the scope the role uses is kept, so a changed role cannot keep an old force's access."""
    return {
        "role": role,
        "force": force if role == Role.FORCE_CONTRIBUTOR else None,
        "partnership": partnership if role == Role.PARTNERSHIP_CONTRIBUTOR else None,
        "custody_access": custody_access,
    }


@transaction.atomic
def invite_user(
    *,
    email,
    first_name,
    last_name,
    role,
    force=None,
    partnership=None,
    custody_access=False,
    office,
    by,
    base_url,
):
    """A new person in the office, with no password until they choose one from the e-mailed link."""
    email = email.strip().lower()
    if User.objects.filter(username=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise PeopleRefused(f"{email} already has an account")
    check_scope(role=role, force=force, partnership=partnership)
    person = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        office=office,
        **scope_fields(role=role, force=force, partnership=partnership, custody_access=custody_access),
    )
    person.set_unusable_password()
    person.save()
    link = base_url + reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )
    context = {"person": person, "by": by, "link": link, "office": office}
    send_mail(
        one_line(f"You are invited to Scrutiny by {office}"),
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [email],
    )
    return person


def other_active_admins(person) -> bool:
    return (
        User.objects.filter(office=person.office_id, role=Role.OPCC_ADMIN, is_active=True)
        .exclude(pk=person.pk)
        .exists()
    )


@transaction.atomic
def update_user(*, person, role, force=None, partnership=None, custody_access=False, is_active=True, by):
    """Change a person's role, scope, custody grant or whether they may sign in."""
    check_scope(role=role, force=force, partnership=partnership)
    losing_admin = person.role == Role.OPCC_ADMIN and (role != Role.OPCC_ADMIN or not is_active)
    if losing_admin and person.office_id and not other_active_admins(person):
        raise PeopleRefused("the office needs at least one active administrator; appoint another first")
    if person == by and not is_active:
        raise PeopleRefused("you cannot deactivate your own account")
    for name, value in scope_fields(
        role=role, force=force, partnership=partnership, custody_access=custody_access
    ).items():
        setattr(person, name, value)
    deactivated = person.is_active and not is_active
    person.is_active = is_active
    person.save()
    if not is_active:
        person.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    if deactivated:
        events.person_deactivated.send(sender=type(person), person=person)
    return person


def reset_two_factor(*, person) -> int:
    """Forget the person's authenticator and recovery codes: they set up a new one at their next
    sign-in."""
    return two_factor.forget_devices(person)
