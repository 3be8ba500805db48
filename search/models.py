"""Saved searches: a person's own search, kept with its filters, and the e-mail that tells them when a new
finding matches it; and the national register: one recommendation printed in many reports, and what a
later copy for the same force is proposed to be to an earlier one."""

from django.conf import settings
from django.db import models

from core.models import PrivateQuerySet, VisibleQuerySet, active, visible_through


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


class NationalItemQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """The items with at least one copy the person may open (each copy is shown only to those who may
        open its report: see `copies_for`)."""
        from reports.models import Finding

        visible = Fingerprint.objects.filter(finding__in=Finding.objects.visible_to(user))
        return self.filter(pk__in=visible.values("item"))


class NationalItem(models.Model):
    """One recommendation printed in many reports (the same words in each force's report, a national
    recommendation restated force by force, a re-inspection repeating an earlier one): its copies are the
    findings whose fingerprints point here, each keeping its own response and actions."""

    text = models.TextField(help_text="The wording of its first copy, as printed.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NationalItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:80]


class Fingerprint(models.Model):
    """What a finding says once the words that vary between copies are taken out (`search.grouping`),
    and the national item it is a copy of. A finding without one has not been compared yet."""

    finding = models.OneToOneField(
        "reports.Finding", on_delete=models.CASCADE, primary_key=True, related_name="fingerprint"
    )
    normal = models.TextField(help_text="The finding's words, normalised.")
    main = models.TextField(blank=True, help_text="The sentence that asks for something, normalised.")
    key = models.CharField(max_length=16, db_index=True, help_text="Equal keys, identical normalised words.")
    item = models.ForeignKey(
        NationalItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    likeness = models.PositiveSmallIntegerField(
        default=100, help_text="How alike (0-100) it is to the copy it was grouped through."
    )

    objects = visible_through("finding").as_manager()

    def __str__(self):
        return self.normal[:80]


class Band(models.Model):
    """One band of a finding's MinHash signature: findings that share a band key are candidates."""

    key = models.BigIntegerField(db_index=True)
    finding = models.ForeignKey("reports.Finding", on_delete=models.CASCADE, related_name="+")

    objects = visible_through("finding").as_manager()

    def __str__(self):
        return str(self.key)


class ProposalQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Proposals between two findings the person may both open."""
        from reports.models import Finding

        visible = Finding.objects.visible_to(user)
        return self.filter(earlier__in=visible, later__in=visible)


class Proposal(models.Model):
    """A later finding for the same force that repeats an earlier one, proposed with its evidence for an
    officer to accept or reject."""

    class Relation(models.TextChoices):
        RERAISED = "reraised", "Re-raises it"
        SUPERSEDED = "superseded", "Supersedes it"
        CLOSED = "closed", "Closes it on revisit"

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    earlier = models.ForeignKey("reports.Finding", on_delete=models.CASCADE, related_name="later_proposals")
    later = models.ForeignKey("reports.Finding", on_delete=models.CASCADE, related_name="earlier_proposals")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    likeness = models.PositiveSmallIntegerField(help_text="How alike (0-100) their normalised words are.")
    evidence = models.JSONField(
        default=dict, blank=True, help_text="The words only the earlier, and only the later, has."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["earlier", "later"], name="proposal_once_per_pair")]

    VERBS = {"reraised": "re-raises", "superseded": "supersedes", "closed": "closes on revisit"}

    def __str__(self):
        return f"{self.later} {self.verb} {self.earlier}"

    @property
    def verb(self) -> str:
        """The relation as a verb between the two labels: "R1 (2023) re-raises R1 (2019)"."""
        return self.VERBS.get(self.relation, self.relation)


class Word(models.Model):
    """A word some finding holds, as written (lower case): what a word typed with a slip is corrected to.
    Filled as findings are compared for the register; a suggestion is only shown when searching it finds
    something the person may open."""

    word = models.CharField(max_length=40, unique=True)

    objects = PrivateQuerySet.as_manager()  # read by the search's correction only

    def __str__(self):
        return self.word
