from django import forms
from django.contrib.auth.forms import AuthenticationForm

from accounts import access
from accounts.models import Role
from core.forms import IdChoiceField, date_field
from directory.models import Force, SafeguardingPartnership


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
    custody = forms.BooleanField(
        label="It reads custody records",
        help_text="Record-level data about children and exact figures, as your custody permission allows.",
        required=False,
    )
    administers = forms.BooleanField(
        label="It administers",
        help_text="What only administrators may do, as your role allows.",
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        """Only the rights the person holds are offered."""
        super().__init__(*args, **kwargs)
        if user is None or not (user.custody_access or user.is_superuser):
            del self.fields["custody"]
        if user is None or not access.is_office_admin(user):
            del self.fields["administers"]


class PersonForm(forms.Form):
    """Role and scope: what an administrator sets when inviting or changing a person."""

    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect, label="Role")
    force = IdChoiceField(
        queryset=Force.objects.order_by("name"),
        required=False,
        label="Force (for force contributors)",
        empty_label="Choose the force",
    )
    partnership = IdChoiceField(
        queryset=SafeguardingPartnership.objects.order_by("name"),
        required=False,
        label="Safeguarding partnership (for partnership contributors)",
        empty_label="Choose the partnership",
    )
    custody_access = forms.BooleanField(
        required=False,
        label="May see record-level custody data about children (needs two-factor sign-in)",
    )

    def __init__(self, *args, office=None, **kwargs):
        """`office`: the inviting administrator's office; its force is the only one it can give (an office
        holds its own force to account, and its force contributors answer it)."""
        super().__init__(*args, **kwargs)
        if office is not None:
            self.fields["force"].queryset = Force.objects.filter(pk=office.force_id)
            self.fields["force"].help_text = f"People at {office.force.name}, the force your office oversees."

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.FORCE_CONTRIBUTOR and not data.get("force"):
            self.add_error("force", "Choose the force this force contributor works for")
        if data.get("role") == Role.PARTNERSHIP_CONTRIBUTOR and not data.get("partnership"):
            self.add_error("partnership", "Choose the partnership this contributor works for")
        return data


class InviteForm(PersonForm):
    email = forms.EmailField(
        label="E-mail address",
        help_text="It becomes their username; the invitation goes there.",
        error_messages={
            "required": "Enter their e-mail address",
            "invalid": "Enter an e-mail address like name@example.org",
        },
    )
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter their last name"}
    )
    field_order = ["email", "first_name", "last_name", "role", "force", "partnership", "custody_access"]


class ChangePersonForm(PersonForm):
    is_active = forms.BooleanField(required=False, label="May sign in (untick to deactivate the account)")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 digits the app shows now, or one of your recovery codes.",
        max_length=10,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-10"}
        ),
    )


class SetUpCodeForm(forms.Form):
    """The first code from a new authenticator; replacing one also takes a code from the current one."""

    current = forms.CharField(
        label="Code from the authenticator app you use now",
        help_text="The 6 digits your current app shows: replacing it needs a code from it.",
        max_length=10,
        error_messages={"required": "Enter the code from the authenticator app you use now"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-10"}
        ),
    )
    code = forms.CharField(
        label="Code from the new authenticator app",
        help_text="The 6 digits the new app shows now.",
        max_length=10,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-10"}
        ),
    )

    def __init__(self, *args, replacing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not replacing:
            del self.fields["current"]
            self.fields["code"].label = "Code from your authenticator app"
