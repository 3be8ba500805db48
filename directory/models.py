"""Reference data: forces, their dated local policing bodies, local authorities, partnerships, inspectorates."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.models import ReferenceQuerySet


class Country(models.TextChoices):
    ENGLAND = "England"
    WALES = "Wales"


class Inspectorate(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name


class Force(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    area = models.CharField(max_length=200, help_text="The police area, e.g. Cheshire.")
    country = models.CharField(max_length=10, choices=Country.choices)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:force-detail", kwargs={"code": self.code})

    def body_on(self, day: date):
        """The local policing body in office on `day`, or None before the first one."""
        return self.bodies.in_office_on(day).first()


class LocalPolicingBodyQuerySet(ReferenceQuerySet):
    def in_office_on(self, day: date):
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)

    def current(self):
        return self.filter(ends_on__isnull=True)


class LocalPolicingBody(models.Model):
    """The body that holds the force to account; an office of Scrutiny's users is one of these."""

    class Kind(models.TextChoices):
        POLICE_AUTHORITY = "police-authority", "Police authority"
        PCC = "pcc", "Police and crime commissioner"
        PFCC = "pfcc", "Police, fire and crime commissioner"
        MAYOR = "mayor", "Mayor with PCC functions"
        MOPAC = "mopac", "Mayor's Office for Policing and Crime"
        CITY_OF_LONDON = "city-of-london", "City of London Corporation"

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="bodies")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Empty while the body is in office.")

    objects = LocalPolicingBodyQuerySet.as_manager()

    class Meta:
        ordering = ["force__name", "starts_on"]
        verbose_name_plural = "local policing bodies"
        constraints = [
            models.UniqueConstraint(fields=["force", "starts_on"], name="one_body_per_force_and_start"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="body_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_current(self) -> bool:
        return self.ends_on is None


class LocalAuthority(models.Model):
    """An upper-tier local authority: a children's services area and a JTAI area."""

    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        UNITARY = "unitary", "Unitary authority"
        METROPOLITAN_BOROUGH = "metropolitan-borough", "Metropolitan borough"
        LONDON_BOROUGH = "london-borough", "London borough"
        CITY_OF_LONDON = "city-of-london", "City of London"
        WELSH_PRINCIPAL_AREA = "welsh-principal-area", "Welsh principal area"

    code = models.CharField(max_length=9, unique=True, help_text="ONS GSS code, e.g. E06000049.")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=25, choices=Kind.choices)
    forces = models.ManyToManyField(Force, related_name="local_authorities")

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self):
        return self.name


class PartnershipQuerySet(ReferenceQuerySet):
    def in_force_area(self, force: Force):
        """The partnerships of any local authority in the force's area: "every partnership in this force
        area"."""
        return self.filter(local_authorities__forces=force).distinct()


class SafeguardingPartnership(models.Model):
    """The safeguarding arrangements for one or more local authorities: in England a local safeguarding
    children partnership (Children Act 2004 s16E), whose three partners are the local authority, the
    integrated care board and the chief officer of police; in Wales a regional safeguarding board covering
    several authorities, with the local health board and the police."""

    class Kind(models.TextChoices):
        CHILDREN_PARTNERSHIP = "children-partnership", "Local safeguarding children partnership"
        REGIONAL_BOARD = "regional-board", "Regional safeguarding board (Wales)"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=25, choices=Kind.choices, default=Kind.CHILDREN_PARTNERSHIP)
    local_authorities = models.ManyToManyField(LocalAuthority, related_name="partnerships")
    health_partner = models.CharField(
        max_length=300,
        blank=True,
        help_text="The integrated care board (England) or local health board(s) (Wales).",
    )
    contact_name = models.CharField(
        max_length=200, blank=True, help_text="A role or team, e.g. business manager."
    )
    contact_email = models.EmailField(blank=True, help_text="Where referrals are sent.")
    arrangements_url = models.URLField(blank=True, max_length=500, help_text="The published arrangements.")
    yearly_report_url = models.URLField(blank=True, max_length=500, help_text="The latest yearly report.")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    # (its page is partnerships': settings.ABSOLUTE_URL_OVERRIDES names it, so directory names no app's page)

    @property
    def is_regional_board(self) -> bool:
        return self.kind == self.Kind.REGIONAL_BOARD

    def police_forces(self):
        """The chief officers of police among the partners: the forces over its local authorities."""
        return Force.objects.filter(local_authorities__partnerships=self).distinct()


class PartnershipMeeting(models.Model):
    """A meeting of a partnership's board or executive, when known: referrals are discussed at one."""

    partnership = models.ForeignKey(
        SafeguardingPartnership, on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "held_on"], name="one_meeting_a_day_per_partnership"
            )
        ]

    def __str__(self):
        return f"{self.partnership} on {self.held_on:%-d %B %Y}"


class ReferenceDataVersion(models.Model):
    """Which version of the shipped reference data file was last loaded, and when."""

    version = models.CharField(max_length=40)
    loaded_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-loaded_at"]
        get_latest_by = "loaded_at"

    def __str__(self):
        return self.version


class ReportType(models.Model):
    """A kind of inspection report, with whether a response is statutory (s55) by default."""

    code = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    statutory = models.BooleanField(
        default=True, help_text="Whether a section 55 response is required by default for this type."
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
