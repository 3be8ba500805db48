"""Shared model pieces: the base for querysets that decide who sees what."""

from django.db import models


class VisibleQuerySet(models.QuerySet):
    """A queryset with `visible_to(user)`: the one place that decides which rows a person may see.

    Shared records (reference data, reports, findings) are visible to every signed-in, active user. The
    security work narrows this per role by overriding `visible_to` in the model's own queryset, so pages,
    exports and the API, which all call it, follow without change.
    """

    def visible_to(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.all()
