from django import forms

from core.forms import IdMultipleChoiceField, date_field
from responses.models import OfficeSettings, ResponseObligation, Stance


class NotApplicableForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why the report does not apply to this office",
        error_messages={"required": "Enter the reason the report does not apply"},
    )


class StatutoryForm(forms.Form):
    statutory = forms.TypedChoiceField(
        choices=[
            ("true", "Statutory: a section 55 response is required"),
            ("false", "Voluntary: the office responds by choice"),
        ],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
        label="Is the response statutory?",
    )
    statutory_reason = forms.CharField(
        label="Why",
        max_length=500,
        help_text="For example: a force inspection under section 54, whatever the report calls itself.",
        error_messages={"required": "Say why the response is statutory or voluntary"},
    )


class InvitationForm(forms.Form):
    to = forms.EmailField(
        label="Chief officer's e-mail address",
        error_messages={
            "required": "Enter the chief officer's e-mail address",
            "invalid": "Enter an e-mail address like name@example.org",
        },
    )
    sent_on = date_field("Date sent", help_text="For example, 3 3 2020.")
    comments_due_on = date_field(
        "Comments wanted by",
        required=False,
        help_text="Leave empty for the office's usual period after the date sent.",
    )


class CommentsForm(forms.Form):
    received_on = date_field("Date received", help_text="For example, 9 4 2020.")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        label="The chief officer's comments",
        help_text="They are published with the response, as the law requires.",
    )
    document = forms.FileField(required=False, label="The document the comments came in (optional)")


class SectionForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Answer")


class FreeSectionForm(forms.Form):
    title = forms.CharField(
        max_length=300,
        label="Title of the section",
        error_messages={"required": "Enter a title for the section"},
    )
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Text")


class CommentLinkForm(forms.Form):
    """An officer's decision on one recommendation's proposed link (prefixed by the section)."""

    passage = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        label="The part of the comments that answers it",
        help_text="Empty when the comments do not answer it.",
    )
    stance = forms.ChoiceField(
        choices=Stance.choices,
        label="The chief officer's stance",
        error_messages={
            "required": "Choose the chief officer's stance",
            "invalid_choice": "Choose a stance from the list",
        },
    )

    def clean(self):
        data = super().clean()
        if not data.get("passage", "").strip() and data.get("stance") not in (None, Stance.NONE):
            self.add_error("passage", "Give the part of the comments that answers it, or choose no stance")
        return data


class OfficeSettingsForm(forms.ModelForm):
    class Meta:
        model = OfficeSettings
        fields = [
            "letterhead_address",
            "website",
            "signatory_name",
            "signatory_title",
            "answer_areas_for_improvement",
        ]
        labels = {
            "letterhead_address": "Address on the letterhead",
            "website": "Website",
            "signatory_name": "Who signs responses",
            "signatory_title": "Their title",
            "answer_areas_for_improvement": "Give each area for improvement its own section in responses",
        }
        widgets = {"letterhead_address": forms.Textarea(attrs={"rows": 4})}


class HistoryForm(forms.Form):
    """Responses chosen on the deadlines page to set aside as history, in bulk."""

    obligation = IdMultipleChoiceField(
        queryset=ResponseObligation.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": "Select the responses to mark as history",
            "invalid_choice": "One of the responses selected is not open in your office; select again",
        },
    )

    def __init__(self, *args, obligations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligation"].queryset = obligations
