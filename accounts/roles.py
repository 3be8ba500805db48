"""The roles a person can hold in an office. Kept apart from the models so that the access rules
(`access.py`), which the models' visibility rules call, import nothing that imports them back."""

from django.db import models


class Role(models.TextChoices):
    OPCC_ADMIN = "opcc-admin", "OPCC administrator"
    OPCC_OFFICER = "opcc-officer", "OPCC officer"
    FORCE_CONTRIBUTOR = "force-contributor", "Force contributor"
    PARTNERSHIP_CONTRIBUTOR = "partnership-contributor", "Partnership contributor"
    PANEL_MEMBER = "panel-member", "Panel member"
