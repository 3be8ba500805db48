"""API tokens: made (and shown) once, used as a bearer key, revoked at any time."""

import hashlib
import secrets

from django.utils import timezone

from accounts.models import ApiToken

PREFIX = "scr_"


class TokenRefused(Exception):
    pass


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for the person; returns it with the key, which is not stored and cannot be shown again."""
    if not name.strip():
        raise TokenRefused("give the token a name that says what it is for")
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=key[:12], digest=digest_of(key)
    )
    return token, key


def revoke_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_key(key: str):
    """The active owner of a live token, or None; notes when the token was last used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most once a minute
    return token.user
