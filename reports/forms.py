"""Forms for entering reports and findings by hand, and for filtering the lists."""

from django import forms

from core.forms import EditedSince, IdChoiceField, IdMultipleChoiceField, date_field
from directory.models import Force, Inspectorate, ReportType
from reports.models import Finding, Report
from reports.services import FindingInput, ReportRefused, check_coverage


class ReportForm(EditedSince, forms.ModelForm):
    record_name = "report"

    inspectorates = IdMultipleChoiceField(
        queryset=Inspectorate.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the inspectorate or inspectorates that published the report"},
    )
    forces = IdMultipleChoiceField(
        queryset=Force.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Forces the report names",
        help_text="Leave empty when the report concerns all forces.",
    )
    source_url = forms.URLField(
        required=False, assume_scheme="https", max_length=500, label="Link to the report"
    )
    published_on = date_field(
        "Publication date",
        happened=True,
        help_text="The real publication date, which starts the 56-day clock. For example, 27 2 2020.",
    )

    class Meta:
        model = Report
        fields = [
            "title",
            "publisher",
            "subject",
            "subject_kind",
            "inspection_dates",
            "report_type",
            "published_on",
            "published_on_source",
            "inspectorates",
            "all_forces",
            "forces",
            "summary",
            "source_url",
            "linked_reports",
        ]
        labels = {
            "report_type": "Type of report",
            "published_on": "Publication date",
            "published_on_source": "Where the publication date comes from",
            "all_forces": "This report concerns all forces",
            "source_url": "Link to the report",
            "subject": "Body inspected or addressed",
            "subject_kind": "What kind of body",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"report_type": IdChoiceField, "linked_reports": IdMultipleChoiceField}
        help_texts = {"published_on_source": "", "all_forces": ""}
        error_messages = {
            "title": {"required": "Enter the report's title"},
            "report_type": {"required": "Select the type of report"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_type"].queryset = ReportType.objects.order_by("name")
        self.fields["report_type"].empty_label = "Choose the type"
        linked = self.fields["linked_reports"]
        linked.queryset = Report.objects.exclude(pk=self.instance.pk).order_by("-published_on")
        linked.required, linked.label = False, "Linked reports"
        linked.help_text = "Reports on the same subject, such as the national report for a force report."

    def clean(self):
        cleaned = super().clean()
        try:  # the rule is the service's; the form shows it beside the field, with the other errors
            check_coverage(all_forces=cleaned.get("all_forces"), forces=cleaned.get("forces"))
        except ReportRefused as refused:
            self.add_error("forces", refused.sentence)
        return cleaned


def split_lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(";", "\n").splitlines() if line.strip()]


class FindingForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "Choose the kind"), *Finding.Kind.choices],
        error_messages={"required": "Select the kind of finding"},
    )
    label = forms.CharField(
        max_length=100,
        help_text='As printed, e.g. "Recommendation 4", "2b" or "AFI 3".',
        error_messages={"required": "Enter the finding's label as printed"},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": "Enter the finding's text"}
    )
    addressees = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Addressed to",
        help_text="One per line, e.g. Chief constables, College of Policing.",
    )
    deadline_text = forms.CharField(
        required=False,
        max_length=200,
        label="Deadline as printed",
        help_text='For example "By 31 March 2021" or "within six months".',
    )
    deadline_on = date_field("Deadline date", required=False)
    parent_label = forms.CharField(
        required=False,
        max_length=100,
        label="Belongs to",
        help_text="The label of the finding this one belongs to, if any, e.g. the cause of concern.",
    )

    def clean_addressees(self):
        return split_lines(self.cleaned_data["addressees"])

    def to_input(self) -> FindingInput:
        return FindingInput(**self.cleaned_data)


class BaseFindingFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        labels = [form.cleaned_data["label"] for form in self.forms if form.cleaned_data]
        for form in self.forms:
            parent = form.cleaned_data.get("parent_label") if form.cleaned_data else ""
            if parent and parent not in labels:
                form.add_error("parent_label", f"No finding labelled {parent!r} is on this form")

    def inputs(self) -> list[FindingInput]:
        return [form.to_input() for form in self.forms if form.cleaned_data]


FindingFormSet = forms.formset_factory(FindingForm, formset=BaseFindingFormSet, extra=1, max_num=200)


class FindingEditForm(EditedSince, forms.ModelForm):
    record_name = "finding"

    def clean(self):
        cleaned = super().clean()
        cleaned.pop("opened_at", None)  # the check is done: what is left is the finding's own fields
        return cleaned

    deadline_on = date_field("Deadline date", required=False)
    addressees = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Addressed to",
        help_text="One per line.",
    )

    class Meta:
        model = Finding
        fields = ["kind", "label", "text", "addressees", "deadline_text", "deadline_on", "parent", "reviewed"]
        field_classes = {"parent": IdChoiceField}
        labels = {
            "deadline_text": "Deadline as printed",
            "deadline_on": "Deadline date",
            "parent": "Belongs to",
            "reviewed": "Checked against the report",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        others = report.findings.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = others
        self.fields["parent"].label_from_instance = lambda finding: (
            f"{finding.label} ({finding.get_kind_display()})"
        )
        if self.instance.pk:
            self.initial["addressees"] = "\n".join(self.instance.addressees)

    def clean_addressees(self):
        return split_lines(self.cleaned_data["addressees"])


def year_choices(years) -> list[tuple[str, str]]:
    return [("", "Any year"), *[(str(year), str(year)) for year in years]]


class ReportFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Words")
    type = forms.ChoiceField(required=False, label="Type")
    year = forms.ChoiceField(required=False, label="Year published")
    force = forms.ChoiceField(required=False, label="Force")
    kind = forms.ChoiceField(
        required=False, label="Has findings of kind", choices=[("", "Any kind"), *Finding.Kind.choices]
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [
            ("", "Any type"),
            *ReportType.objects.order_by("name").values_list("code", "name"),
        ]
        self.fields["year"].choices = year_choices(years)
        self.fields["force"].choices = [
            ("", "Any force"),
            *Force.objects.order_by("name").values_list("code", "name"),
        ]


def history_field() -> forms.TypedChoiceField:
    """Whether a report being added is a current one or a past one loaded as history: always asked."""
    return forms.TypedChoiceField(
        choices=[
            ("current", "A current report: the office owes its response within the 56 days"),
            ("history", "A past report, loaded for the record: its response is history, never overdue"),
        ],
        coerce=lambda value: value == "history",
        widget=forms.RadioSelect,
        label="Is this a current report or a past one?",
        help_text="Past reports keep their findings for tracking, but stay out of overdue lists, reminders, "
        "the calendar and the on-time record.",
        error_messages={"required": "Say whether this is a current report or a past one loaded as history"},
    )


class NewReportForm(ReportForm):
    """A report entered by hand: its details, and whether it is a past one loaded as history."""

    history = history_field()


class UploadForm(forms.Form):
    document = forms.FileField(
        label="Upload the report",
        help_text="A PDF (scanned ones too), Word (.docx), HTML page or text file, up to the size limit.",
        error_messages={"required": "Choose the report's file"},
    )
    published_on = date_field(
        "Publication date",
        happened=True,
        required=False,
        help_text="Only if the document does not state it. For example, 27 2 2020.",
    )
    history = history_field()


class SplitFindingForm(forms.Form):
    first_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="First part",
        error_messages={"required": "Enter the text of the first part"},
    )
    second_label = forms.CharField(
        max_length=100,
        label="Label of the second part",
        error_messages={"required": "Enter the second part's label as printed"},
    )
    second_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Second part",
        error_messages={"required": "Enter the text of the second part"},
    )

    def __init__(self, *args, finding: Finding, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("first_text", finding.text)
