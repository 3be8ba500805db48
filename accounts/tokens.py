"""API tokens: made (and shown) once with a fixed scope, used as a bearer key until they expire, revoked at
any time."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts import access
from accounts.models import ApiToken
from accounts.roles import Role
from core.refusals import Refused

PREFIX = "scr_"
KEPT_AFTER_END = timedelta(days=30)


class TokenRefused(Refused):
    pass


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def has_two_factor(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def create_token(
    *, user, name: str, custody: bool = False, administers: bool = False
) -> tuple[ApiToken, str]:
    """A new token for the person; returns it with the key, which is not stored and cannot be shown again.
    Its scope is fixed now: custody records and administration only if asked for, held by the person
    now, and the person has set up two-factor sign-in (a token skips the second factor, so it must not
    carry what the second factor guards for someone who never had one)."""
    if not name.strip():
        raise TokenRefused("give the token a name that says what it is for")
    if custody and not (user.custody_access or user.is_superuser):
        raise TokenRefused("you do not hold the custody permission, so a token of yours cannot")
    if administers and not access.is_office_admin(user):
        raise TokenRefused("you are not an administrator, so a token of yours cannot administer")
    if (custody or administers) and not has_two_factor(user):
        raise TokenRefused(
            "set up two-factor sign-in before making a token for custody records or administration"
        )
    prune()
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=key[:12],
        digest=digest_of(key),
        expires_at=timezone.now() + timedelta(days=settings.SCRUTINY_API_TOKEN_DAYS),
        custody=custody,
        administers=administers,
    )
    return token, key


def prune(now=None) -> int:
    """Delete tokens that expired or were revoked more than a month ago (they are kept a while so that
    their owners see what stopped working)."""
    before = (now or timezone.now()) - KEPT_AFTER_END
    return ApiToken.objects.filter(Q(expires_at__lt=before) | Q(revoked_at__lt=before)).delete()[0]


def revoke_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_key(key: str):
    """The active owner of a live token, narrowed to the token's scope, or None; notes when the token was
    last used. The owner's rights are read afresh each time, so a token never holds more than the person
    does now, and never more than it was made with."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(key), revoked_at__isnull=True, user__is_active=True, expires_at__gt=now)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most once a minute
    return narrowed(token.user, token)


def narrowed(user, token: ApiToken):
    """The person as the token may act: without the custody grant or administration unless it carries
    them (and only while the person still has two-factor sign-in set up). Only this request's copy changes,
    and it cannot be saved."""
    if (token.custody or token.administers) and not has_two_factor(user):
        token.custody = token.administers = False
    if not token.custody:
        user.custody_access = False
    if not token.administers:
        user.is_superuser = user.is_staff = False
        if user.role == Role.OPCC_ADMIN:
            user.role = Role.OPCC_OFFICER
    user.acting_through_token = token
    return user
