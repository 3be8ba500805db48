from django import forms

from core.forms import date_field
from directory.models import Inspectorate, LocalAuthority, PartnershipMeeting, SafeguardingPartnership
from partnerships.models import InspectionKind, Referral


class PartnershipChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, partnership):
        areas = ", ".join(authority.name for authority in partnership.local_authorities.all())
        return f"{partnership.name} ({areas})"


class FindingChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, finding):
        text = finding.text if len(finding.text) <= 140 else finding.text[:139] + "…"
        return f"{finding.label or finding.get_kind_display()}: {text}"


class ReferForm(forms.Form):
    partnerships = PartnershipChoice(
        queryset=SafeguardingPartnership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Partnerships to send it to",
        error_messages={"required": "Choose at least one partnership"},
    )
    findings = FindingChoice(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Findings to refer",
        help_text="Choose none to refer the whole report.",
    )
    subject = forms.CharField(
        max_length=300, label="Subject", error_messages={"required": "Enter the e-mail's subject"}
    )
    letter = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        label="Letter",
        help_text="Placeholders in braces, such as {partnership}, are filled in for each partnership.",
        error_messages={"required": "Enter the letter"},
    )
    sent_on = date_field("Date sent", happened=True, help_text="For example, 10 3 2020.")
    follow_up_on = date_field(
        "Follow up on", required=False, help_text="Scrutiny reminds the office that day."
    )

    def __init__(self, *args, report, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = partnerships
        self.fields["findings"].queryset = report.findings.order_by("position", "id")


class TemplateForm(forms.Form):
    subject = forms.CharField(max_length=300, error_messages={"required": "Enter the subject"})
    letter = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}), error_messages={"required": "Enter the letter"}
    )


class DateForm(forms.Form):
    on = date_field("Date", happened=True)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=Referral.Outcome.choices,
        widget=forms.RadioSelect,
        label="Outcome",
        error_messages={"required": "Choose the outcome"},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="In the partnership's words",
        error_messages={"required": "Enter the partnership's words about the outcome"},
    )
    on = date_field("Date of the outcome", happened=True)


class FollowUpForm(forms.Form):
    follow_up_on = date_field("Follow up on", required=False, help_text="Leave empty for no reminder.")


class FollowedUpForm(forms.Form):
    on = date_field("Date followed up", happened=True)
    next_follow_up_on = date_field("Next follow-up", required=False, help_text="Leave empty for none.")


class InspectionForm(forms.Form):
    local_authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.all(),
        empty_label="Choose the local authority",
        error_messages={"required": "Choose the local authority"},
    )
    kind = forms.ChoiceField(
        choices=InspectionKind.choices,
        widget=forms.RadioSelect,
        label="Inspection",
        error_messages={"required": "Choose the kind of inspection"},
    )
    other_kind = forms.CharField(max_length=200, required=False, label="Its name, if it is another kind")
    published_on = date_field("Report published on", happened=True, help_text="For example, 23 8 2019.")
    inspectorates = forms.ModelMultipleChoiceField(
        queryset=Inspectorate.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    theme = forms.CharField(
        max_length=300, required=False, label="Theme", help_text="A JTAI's deep-dive theme."
    )
    report_url = forms.URLField(
        max_length=500,
        required=False,
        label="Link to the report",
        error_messages={"invalid": "Enter a web address like https://reports.ofsted.gov.uk/…"},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV or Excel file",
        help_text="Columns: local_authority, inspection, published_on, and optionally other_name, inspectorates "
        "(separated by ;), theme, report_url. In Excel, the first sheet, with the headings in row 1.",
        error_messages={"required": "Choose the CSV or Excel file to import"},
    )


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = SafeguardingPartnership
        fields = ["contact_name", "contact_email", "health_partner", "arrangements_url", "yearly_report_url"]
        labels = {
            "contact_name": "Contact (a role or team)",
            "contact_email": "Contact e-mail address",
            "health_partner": "Health partner",
            "arrangements_url": "Published arrangements (link)",
            "yearly_report_url": "Latest yearly report (link)",
        }


class MeetingForm(forms.ModelForm):
    held_on = date_field("Meeting date", happened=True)

    class Meta:
        model = PartnershipMeeting
        fields = ["held_on", "note"]
        labels = {"note": "Note (optional)"}
