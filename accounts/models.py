"""People who use Scrutiny: each belongs to an office (a local policing body) and holds one role in it."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from directory.models import Force, LocalPolicingBody, SafeguardingPartnership


class Role(models.TextChoices):
    OPCC_ADMIN = "opcc-admin", "OPCC administrator"
    OPCC_OFFICER = "opcc-officer", "OPCC officer"
    FORCE_CONTRIBUTOR = "force-contributor", "Force contributor"
    PARTNERSHIP_CONTRIBUTOR = "partnership-contributor", "Partnership contributor"
    PANEL_MEMBER = "panel-member", "Panel member"


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

    class Meta:
        ordering = ["username"]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
