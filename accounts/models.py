"""People who use Scrutiny: each belongs to an office (a local policing body) and holds one role in it."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from accounts import access
from accounts.roles import Role
from core.models import VisibleQuerySet
from directory.models import Force, LocalPolicingBody, SafeguardingPartnership

__all__ = ["ApiToken", "Role", "User"]


class UserQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """People an administrator manages: their own office's; deployment administrators see everyone."""
        if not access.is_office_admin(user):
            return self.none()
        if user.office_id is None:
            return self.all() if access.is_deployment_admin(user) else self.none()
        return self.filter(office=user.office_id)


class PeopleManager(UserManager.from_queryset(UserQuerySet)):
    """Django's user manager (create_user, create_superuser) with `visible_to`."""


class User(AbstractUser):
    office = models.ForeignKey(
        LocalPolicingBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="The office (local policing body) this person works in or with.",
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.OPCC_OFFICER)
    force = models.ForeignKey(
        Force, on_delete=models.PROTECT, null=True, blank=True, help_text="For force contributors."
    )
    partnership = models.ForeignKey(
        SafeguardingPartnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="For partnership contributors.",
    )
    custody_access = models.BooleanField(
        default=False, help_text="May see record-level custody data about children (a separate grant)."
    )
    oidc_subject = models.CharField(
        max_length=255,
        blank=True,
        db_index=True,
        help_text="The single sign-on provider's subject this person is linked to (set at their first SSO).",
    )

    objects = PeopleManager()

    class Meta:
        ordering = ["username"]

    def save(self, *args, **kwargs):
        if getattr(self, "acting_through_token", None) is not None:
            raise RuntimeError("a person as an API token narrows them is never saved")
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class ApiTokenQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """People see and revoke only their own tokens."""
        if not access.active(user):
            return self.none()
        return self.filter(user=user)


class ApiToken(models.Model):
    """A key for the REST API that acts as its owner, with the owner's role; only its SHA-256 is kept, so
    the key itself is shown once, when it is made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, such as a reporting script.")
    prefix = models.CharField(max_length=12, help_text="The first characters, to tell tokens apart.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, help_text="After this the token no longer works.")
    # Its scope, chosen when it is made and never wider than the owner's rights then; it narrows with them.
    custody = models.BooleanField(default=False, help_text="Reads custody records (the owner's grant).")
    administers = models.BooleanField(default=False, help_text="Acts as an administrator (the owner's role).")

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope(self) -> str:
        rights = [
            name
            for name, held in (("custody records", self.custody), ("administration", self.administers))
            if held
        ]
        return ", ".join(rights) or "the role's everyday work"
