from django import forms

from core.forms import date_field
from tracking.models import Category, Rag, Status, Theme, View
from tracking.queries import LATE_CHOICES, SORTS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UpdateForm(forms.Form):
    effective_on = date_field(
        "Date it happened", happened=True, help_text="For example, 14 5 2020. It may be in the past."
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="What has happened"
    )
    status = forms.ModelChoiceField(
        queryset=Status.objects.none(), required=False, label="New status", empty_label="No change"
    )
    source = forms.CharField(
        max_length=300,
        required=False,
        label="Where the inspectorate said so",
        help_text="For an inspectorate status: the report, letter or meeting, with its date.",
    )
    progress = forms.IntegerField(min_value=0, max_value=100, required=False, label="Per cent complete")
    waiting_on = forms.CharField(
        max_length=200,
        required=False,
        label="Waiting on another body",
        help_text="Name the body the action waits for; leave empty when it waits for nobody.",
    )
    files = MultipleFileField(
        required=False,
        label="Evidence files",
        help_text="PDF, Word, HTML or text files. Each is checked by its content and size.",
    )
    justification = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Why it can close without evidence",
        help_text="Needed only to close an action that has no evidence.",
    )
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)
    public = forms.BooleanField(required=False, label="Show this update on the public tracker")
    asked_by_office = forms.BooleanField(required=False, label="This is a question for the force")

    def __init__(self, *args, office=None, views=(), staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = Status.objects.filter(office=office, view__in=views).order_by(
            "view", "position"
        )
        self.fields["status"].label_from_instance = lambda status: (
            f"{View(status.view).label}: {status.name}" if len(views) > 1 else status.name
        )
        if not staff:
            for name in ("public", "asked_by_office", "source"):
                del self.fields[name]


class TargetForm(forms.Form):
    new_on = date_field("New target date")
    agreed_by = forms.CharField(
        max_length=200,
        label="Who agreed it",
        error_messages={"required": "Say who agreed the new target date"},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why it changed",
        error_messages={"required": "Say why the target date changed"},
    )


class OwnerForm(forms.Form):
    owner = forms.CharField(max_length=200, required=False, label="Owner (a person or a team at the force)")


class RagForm(forms.Form):
    rag = forms.ChoiceField(
        choices=[("", "Use the rule"), *Rag.choices], required=False, label="RAG", widget=forms.RadioSelect
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Why the rule's RAG is overridden"
    )


class ThemesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Themes"
    )

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(office=office)


class FilterForm(forms.Form):
    q = forms.CharField(max_length=200, required=False, label="Words in the finding")
    report = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    force = forms.CharField(max_length=50, required=False, widget=forms.HiddenInput)
    category = forms.ChoiceField(choices=[("", "Any"), *Category.choices], required=False, label="Standing")
    status = forms.ModelChoiceField(queryset=Status.objects.none(), required=False, label="Status")
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), required=False, label="Theme")
    rag = forms.ChoiceField(choices=[("", "Any"), *Rag.choices], required=False, label="RAG")
    late = forms.ChoiceField(choices=LATE_CHOICES, required=False, label="Lateness")
    owner = forms.CharField(max_length=200, required=False, label="Owner")
    sort = forms.ChoiceField(
        choices=[
            ("target", "Target date, soonest first"),
            ("-target", "Target date, latest first"),
            ("report", "Report"),
            ("force", "Force"),
            ("updated", "Last updated"),
        ],
        required=False,
        label="Sort by",
    )

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = Status.objects.filter(office=office)
        self.fields["status"].label_from_instance = lambda status: f"{View(status.view).label}: {status.name}"
        self.fields["theme"].queryset = Theme.objects.filter(office=office)
        assert set(dict(self.fields["sort"].choices)) == set(SORTS)


class BulkForm(forms.Form):
    owner = forms.CharField(max_length=200, required=False, label="New owner")
    target_on = date_field("New target date", required=False)
    agreed_by = forms.CharField(max_length=200, required=False, label="Who agreed the new date")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Why (recorded on every action)"
    )
    status = forms.ModelChoiceField(
        queryset=Status.objects.none(), required=False, label="New status", empty_label="No change"
    )

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = Status.objects.filter(office=office)
        self.fields["status"].label_from_instance = lambda status: f"{View(status.view).label}: {status.name}"


class StatusForm(forms.Form):
    view = forms.ChoiceField(choices=View.choices, label="View")
    name = forms.CharField(max_length=100, label="Name")
    category = forms.ChoiceField(choices=Category.choices, label="Category", widget=forms.RadioSelect)
    public_name = forms.CharField(max_length=100, required=False, label="Name on the public tracker")


class ThemeForm(forms.Form):
    name = forms.CharField(max_length=100, label="New theme")


class RemoveEvidenceForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why the file is removed")


class QuarterForm(forms.Form):
    quarter = forms.RegexField(
        regex=r"^(19|20)\d\dQ[1-4]$",
        label="Quarter",
        help_text="For example, 2026Q3 (July to September 2026).",
        error_messages={"invalid": "Enter a quarter like 2026Q3"},
    )
