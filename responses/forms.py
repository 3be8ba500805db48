from django import forms


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
