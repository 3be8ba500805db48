"""Saved searches: a person's own search, kept with its filters, and the e-mail that tells them when a new
finding matches it."""

from django.conf import settings
from django.db import models

from core.models import PrivateQuerySet, VisibleQuerySet, active


class SavedSearchQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """A person's own saved searches only: what someone watches for is theirs."""
        return self.filter(owner=user.pk) if active(user) else self.none()


class SavedSearch(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    query = models.CharField(max_length=500, help_text='As typed: words, "phrases", -left-out, a or b.')
    filters = models.JSONField(default=dict, blank=True, help_text="The facet values chosen with it.")
    alert = models.BooleanField(default=True, help_text="E-mail the owner when a new finding matches.")
    seen_up_to = models.PositiveBigIntegerField(
        default=0,
        help_text="The newest finding the owner has been told about (findings are numbered in order).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "query", "filters"], name="saved_search_once_per_person")
        ]

    def __str__(self):
        return self.query

    def address_query(self) -> str:
        """The search page's query string for this search."""
        from django.utils.http import urlencode

        return urlencode({"q": self.query, **self.filters})

    def described(self) -> str:
        """The query and its filters in words: 'custody (year 2023, kind recommendation)'."""
        chosen = ", ".join(f"{name} {value}" for name, value in sorted(self.filters.items()) if value)
        return f"{self.query} ({chosen})" if chosen else self.query


class SearchAlert(models.Model):
    """One e-mail sent for a saved search on a day: a second run the same day sends nothing again."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="alerts")
    sent_on = models.DateField()
    findings = models.PositiveIntegerField(help_text="How many new findings it told of.")

    objects = PrivateQuerySet.as_manager()  # delivery records: administrators only

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "sent_on"], name="search_alert_once_a_day")
        ]

    def __str__(self):
        return f"{self.saved_search} on {self.sent_on}"
