from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.forms import date_field


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been deactivated. Ask your office's administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})


class AuditFilterForm(forms.Form):
    model = forms.ChoiceField(label="Record type", required=False)
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[("", "Any"), ("0", "Created"), ("1", "Changed"), ("2", "Deleted"), ("3", "Read")],
    )
    person = forms.CharField(label="Username", required=False, max_length=150)
    since = date_field("From", required=False)
    until = date_field("To", required=False)

    def __init__(self, *args, types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "Any")] + [
            (f"{kind.app_label}.{kind.model}", kind.name.capitalize()) for kind in types
        ]


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for",
        help_text="For example, the quarterly report script.",
        max_length=100,
        error_messages={"required": "Enter what the token is for"},
    )
