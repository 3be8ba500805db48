from django import forms

from custody.models import OvernightRule
from custody.schema import BY_NAME


class ImportForm(forms.Form):
    document = forms.FileField(
        label="Detentions file",
        help_text="CSV or Excel (.xlsx) in the schema below, one row per detention, up to the size limit.",
        error_messages={"required": "Choose the file of detentions"},
    )
    mapping = forms.CharField(
        required=False,
        label="Column mapping (optional)",
        help_text="For a force export with its own headings: one line each, the file's heading = our column, "
        "for example “Custody Ref = custody_record_number”.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_mapping(self) -> dict:
        mapping = {}
        for number, line in enumerate(self.cleaned_data["mapping"].splitlines(), start=1):
            if not line.strip():
                continue
            source, sep, column = line.partition("=")
            if not sep or not source.strip():
                raise forms.ValidationError(f"Line {number} of the mapping needs the form “heading = column”")
            if column.strip() not in BY_NAME:
                raise forms.ValidationError(
                    f"Line {number}: “{column.strip()[:40]}” is not one of our columns"
                )
            mapping[source.strip()] = column.strip()
        return mapping


class RuleForm(forms.ModelForm):
    class Meta:
        model = OvernightRule
        fields = ["name", "kind", "starts", "ends", "minimum_minutes"]
        labels = {
            "name": "Name of the rule",
            "kind": "What it counts",
            "starts": "Window opens (UK time, on the hour, e.g. 22:00)",
            "ends": "Window closes (UK time, on the hour, e.g. 06:00)",
            "minimum_minutes": "Minutes held within the window (for “held”; whole hours: 60, 120, 240…)",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter a name for the rule"},
            "starts": {"required": "Enter when the window opens", "invalid": "Enter a time such as 22:00"},
            "ends": {"required": "Enter when the window closes", "invalid": "Enter a time such as 06:00"},
        }
