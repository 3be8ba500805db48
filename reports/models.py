"""Inspection reports and the findings in them. Reports and findings are shared by every office."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from modelsearch import index

from accounts import access
from core import fulltext, registry
from core.models import VisibleQuerySet, visible_through
from core.search_query import parse
from core.text import one_line
from directory.models import Force, Inspectorate, ReportType


def holding_words(rows, q: str, field: str):
    """The rows whose indexed words hold every word of `q`, in any English form ("reviews" finds
    "reviewing"), read from the search index in one query (`core.fulltext`). Typed search syntax works
    as on the search page; with a search cluster, or nothing but punctuation typed, the text as typed is
    looked for in `field`."""
    asked = parse(q)
    if asked.query is None or not fulltext.supported():
        return rows.filter(**{f"{field}__icontains": q.strip()})
    return fulltext.matching(asked.query, rows)


class ReportQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Reports are shared by every office; a force contributor sees those that concern its force.
        Other apps add what they grant (a partnership contributor sees what is referred to the
        partnership), through `core.registry.visibility`."""
        granted = registry.visibility.granted("reports.Report", user)
        if access.reads_reports(user):
            if access.is_force_contributor(user):
                base = self.concerning(user.force) if user.force_id else self.none()
            else:
                base = self.all()
        else:
            base = self.none()
        if not granted:
            return base
        condition = Q(pk__in=base.values("pk")) if access.reads_reports(user) else Q(pk__in=[])
        for ids in granted:
            condition |= Q(pk__in=ids)
        return self.filter(condition)

    def concerning(self, force: Force):
        """Reports that name the force, or that cover all forces."""
        named = Report.forces.through.objects.filter(force=force).values("report_id")
        return self.filter(Q(all_forces=True) | Q(pk__in=named))

    def matching(self, *, q="", type="", year="", force="", kind=""):
        """Apply the list filters; each is skipped when empty."""
        reports = self
        if q:
            reports = holding_words(reports, q, "title")
        if type:
            reports = reports.filter(report_type__code=type)
        if year:
            reports = reports.filter(published_on__year=int(year))
        if force:  # an unknown force code matches nothing, as an unknown type does
            named = Force.objects.filter(code=force).first()
            reports = reports.concerning(named) if named else reports.none()
        if kind:
            reports = reports.filter(pk__in=Finding.objects.filter(kind=kind).values("report_id"))
        return reports

    def years(self) -> list[int]:
        return sorted({day.year for day in self.order_by().dates("published_on", "year")}, reverse=True)

    def with_finding_counts(self) -> list["Report"]:
        """Evaluate the queryset and give each report `recommendation_count` and `finding_count`.

        One grouped query over just these reports' findings: counting inside the main query would
        group every report in the table before the page is cut from it.
        """
        reports = list(self)
        counts = (
            Finding.objects.filter(report__in=[report.pk for report in reports])
            .order_by()
            .values("report_id")
            .annotate(
                recommendations=Count("id", filter=Q(kind=Finding.Kind.RECOMMENDATION)),
                findings=Count("id"),
            )
        )
        by_report = {row["report_id"]: row for row in counts}
        for report in reports:
            row = by_report.get(report.pk, {})
            report.recommendation_count = row.get("recommendations", 0)
            report.finding_count = row.get("findings", 0)
        return reports


class Report(index.Indexed, models.Model):
    class DateSource(models.TextChoices):
        ENTERED = "entered", "Entered by hand"
        LANDING_PAGE = "landing-page", "Publication landing page"
        PDF = "pdf", "The report's PDF"
        PRESS_RELEASE = "press-release", "Press release"
        HTML = "html", "HTML version (may be a rebuild date)"

    title = models.CharField(max_length=500)
    report_type = models.ForeignKey(ReportType, on_delete=models.PROTECT, related_name="reports")
    inspectorates = models.ManyToManyField(Inspectorate, related_name="reports")
    published_on = models.DateField(help_text="The real publication date, which starts the 56-day clock.")
    published_on_source = models.CharField(
        max_length=20,
        choices=DateSource.choices,
        default=DateSource.ENTERED,
        help_text="Where the publication date came from.",
    )

    class SubjectKind(models.TextChoices):
        POLICE_FORCE = "police-force", "A police force"
        LOCAL_AUTHORITY = "local-authority", "A local authority"
        LOCAL_AREA_PARTNERSHIP = "local-area-partnership", "A local area partnership"
        NATIONAL = "national", "National (government, every force, a national body)"
        OTHER = "other", "Something else"

    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published it, as the report names itself: Ofsted, a committee.",
    )
    subject = models.CharField(
        max_length=300, blank=True, help_text="The body inspected or addressed, as the report names it."
    )
    subject_kind = models.CharField(
        max_length=30, blank=True, choices=SubjectKind.choices, help_text="What kind of body it is about."
    )
    inspection_dates = models.CharField(
        max_length=200,
        blank=True,
        help_text='When the inspection took place, as printed ("13 to 17 June 2022").',
    )
    all_forces = models.BooleanField(default=False, help_text="The report concerns every force.")
    forces = models.ManyToManyField(Force, blank=True, related_name="reports")
    summary = models.TextField(blank=True)
    source_url = models.URLField(blank=True, max_length=500)
    file_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text="SHA-256 of the source document, so the same file is never ingested twice.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_reports = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        help_text="Reports on the same subject, such as a national report and a force report.",
    )
    reviewed_at = models.DateTimeField(
        null=True, blank=True, help_text="When an officer checked the findings."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = models.BooleanField(
        default=False,
        help_text="Loaded as a past report, for the record: the responses it called for are history, not "
        "work, and are kept out of overdue lists, reminders and the on-time record.",
    )

    objects = ReportQuerySet.as_manager()

    # Its title, subject and summary in the search index, the title first; indexed with its findings
    # through the worker (search/handlers.py). The filter fields are those the visibility rule uses.
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("subject", boost=2),
        index.SearchField("publisher"),
        index.SearchField("summary"),
        index.FilterField("id"),
        index.FilterField("all_forces"),
        index.FilterField("published_on"),
    ]

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [models.Index(fields=["-published_on", "title"], name="report_published_title")]
        constraints = [
            models.UniqueConstraint(
                fields=["file_hash"], condition=~Q(file_hash=""), name="report_unique_file_hash"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = one_line(self.title)  # a title is one line wherever it goes: subjects, headings, files
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:report-detail", kwargs={"pk": self.pk})

    @property
    def coverage(self) -> str:
        if self.all_forces:
            return "All forces"
        return ", ".join(force.name for force in self.forces.all()) or "No force named"


class FindingQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """The findings of the reports the person sees."""
        every_report = access.reads_reports(user) and not access.is_force_contributor(user)
        if every_report and not registry.visibility.grants.get("reports.Report"):
            return self.all()  # no join needed
        return self.filter(report__in=Report.objects.visible_to(user))

    def matching(self, *, q="", type="", year="", force="", kind=""):
        """Apply the list filters; report filters apply to each finding's report."""
        findings = self
        if q:
            findings = holding_words(findings, q, "text")
        if kind:
            findings = findings.filter(kind=kind)
        if type or year or force:
            reports = Report.objects.matching(type=type, year=year, force=force)
            findings = findings.filter(report__in=reports)
        return findings

    def counts_by_kind(self) -> dict[str, int]:
        rows = self.order_by().values_list("kind").annotate(n=Count("id"))
        counts = dict.fromkeys(Finding.Kind.values, 0)
        counts.update(dict(rows))
        return counts


class Finding(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        AREA_FOR_IMPROVEMENT = "area-for-improvement", "Area for improvement"
        CAUSE_OF_CONCERN = "cause-of-concern", "Cause of concern"
        PROMISING_PRACTICE = "promising-practice", "Innovative or promising practice"

    PLURALS = {
        Kind.RECOMMENDATION: "Recommendations",
        Kind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
        Kind.CAUSE_OF_CONCERN: "Causes of concern",
        Kind.PROMISING_PRACTICE: "Innovative or promising practice",
    }

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=25, choices=Kind.choices, db_index=True)
    label = models.CharField(max_length=100, help_text='As printed: "Recommendation 4", "2b", "AFI 3".')
    title = models.CharField(
        max_length=300, blank=True, help_text='A heading printed with it: "Register of experts".'
    )
    text = models.TextField()
    addressees = models.JSONField(
        default=list,
        blank=True,
        help_text='Who the finding is addressed to, e.g. ["Chief constables", "College of Policing"].',
    )
    deadline_text = models.CharField(
        max_length=200, blank=True, help_text='The deadline as printed, e.g. "within six months".'
    )
    deadline_on = models.DateField(null=True, blank=True, help_text="The deadline as a date.")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text="A cause of concern owns its recommendations; 2a belongs to 2.",
    )
    anchors = models.JSONField(
        default=list,
        blank=True,
        help_text='Where the finding is printed: [{"page": 12}, {"section": "recommendations"}].',
    )
    confidence = models.FloatField(
        default=1.0,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="How sure extraction was, from 0 to 1; 1 for findings entered by hand.",
    )
    reviewed = models.BooleanField(default=False)
    evidence = models.JSONField(
        default=list,
        blank=True,
        help_text='Why extraction took it: ["printed with the label “Recommendation 3”, in a box"].',
    )
    position = models.PositiveIntegerField(default=0, help_text="Order within the report.")
    updated_at = models.DateTimeField(
        auto_now=True, help_text="When it was last changed (a save over a newer change is refused)."
    )

    objects = FindingQuerySet.as_manager()

    # Its words in the search index (modelsearch): a label or heading ranks above a word of the text; the
    # filter fields let a search be narrowed by report and kind in the engine itself. The search app keeps
    # it current: findings saved together (`core.together`) are indexed together (search/handlers.py).
    search_auto_update = False
    search_fields = [
        index.SearchField("label", boost=3),
        index.SearchField("title", boost=2),
        index.SearchField("text"),
        index.FilterField("report_id"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["report", "position", "id"]
        indexes = [models.Index(fields=["report", "position"], name="finding_report_position")]

    def __str__(self):
        return f"{self.label}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.report.get_absolute_url()}#finding-{self.pk}"

    # How sure extraction was, in words for the tag beside a finding not checked yet: (lowest score, words,
    # tag colour). The score itself goes in the tag's title and in words for screen readers.
    CERTAINTY = [
        (1.0, "Entered by hand", "grey"),
        (0.9, "Likely right", "blue"),
        (0.75, "Check this", "yellow"),
    ]
    UNSURE = ("Check carefully", "orange")

    @property
    def certainty(self) -> str:
        """How sure extraction was, in words: "Likely right", "Check this", "Check carefully"."""
        return self._certainty()[0]

    @property
    def certainty_colour(self) -> str:
        return self._certainty()[1]

    @property
    def certainty_percent(self) -> int:
        return round(self.confidence * 100)

    def _certainty(self) -> tuple[str, str]:
        return next(
            ((words, colour) for lowest, words, colour in self.CERTAINTY if self.confidence >= lowest),
            self.UNSURE,
        )

    @property
    def anchor_display(self) -> str:
        """Where the finding is printed, e.g. "pages 9 and 31, section summary"."""
        pages = [str(anchor["page"]) for anchor in self.anchors if "page" in anchor]
        sections = [f"section {anchor['section']}" for anchor in self.anchors if "section" in anchor]
        parts = []
        if pages:
            word = "page" if len(pages) == 1 else "pages"
            parts.append(
                f"{word} {', '.join(pages[:-1])} and {pages[-1]}" if len(pages) > 1 else f"page {pages[0]}"
            )
        return ", ".join(parts + sections)


class SourceDocument(models.Model):
    """The file a report was read from, kept so the review page can show it beside the findings."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="reports/")
    original_name = models.CharField(max_length=255)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, unique=True)
    pages = models.PositiveIntegerField(default=0)
    blocks = models.JSONField(
        default=list,
        blank=True,
        help_text="The text as read once at intake, block by block ({text, kind, page, section}), for the "
        "review page: the file is never read again to show it.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = visible_through("report").as_manager()  # the files of the reports the person sees

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name

    @staticmethod
    def blocks_of(document) -> list[dict]:
        return [
            {"text": block.text, "kind": block.kind, "page": block.page, "section": block.section}
            for block in document.blocks
            if block.text.strip()
        ]
