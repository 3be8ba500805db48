"""Who sees which rows: the querysets every model's manager is built on. Visibility fails closed.

A model's queryset decides, in `visible_to(user)`, which rows a person may see; pages, exports, the API
and search all call it. The base rule shows nothing to anyone but an active deployment administrator (a
superuser), so a model that forgets to say who sees it leaks nothing. Reference data opts in to being
seen by everyone signed in (`ReferenceQuerySet`); a child record is seen through its parent
(`visible_through`). `scrutiny/tests/test_visibility.py` walks every model and fails on one without a rule.
"""

from django.db import models


def active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_superuser(user) -> bool:
    return active(user) and user.is_superuser


class VisibleQuerySet(models.QuerySet):
    """Fails closed: only deployment administrators see the rows of a model with no rule of its own."""

    def visible_to(self, user):
        return self.all() if is_superuser(user) else self.none()


class ReferenceQuerySet(VisibleQuerySet):
    """Reference data (forces, bodies, local authorities, inspectorates): everyone signed in sees it."""

    def visible_to(self, user):
        return self.all() if active(user) else self.none()


class PrivateQuerySet(VisibleQuerySet):
    """Records nobody reads through the service (delivery logs, internal counters): deployment
    administrators only, on purpose."""

    def visible_to(self, user):
        return super().visible_to(user)


def visible_through(parent: str):
    """A queryset class for a child model seen exactly when its parent is: `parent` is the foreign key's
    name ("obligation")."""

    class ChildQuerySet(VisibleQuerySet):
        parent_field = parent

        def visible_to(self, user):
            related = self.model._meta.get_field(self.parent_field).related_model
            return self.filter(**{f"{self.parent_field}__in": related.objects.visible_to(user)})

    ChildQuerySet.__name__ = ChildQuerySet.__qualname__ = f"VisibleThrough{parent.title().replace('_', '')}"
    return ChildQuerySet
