from io import BytesIO

from django import forms
from django.core.files.base import ContentFile

from accounts.access import OFFICE_STAFF
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
        label="Why (needed only when you change the default for this report)",
        max_length=500,
        required=False,
        help_text="For example: a force inspection under section 54, whatever the report calls itself.",
    )

    def __init__(self, *args, default: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default

    def clean(self):
        cleaned = super().clean()
        statutory = cleaned.get("statutory")
        if (
            statutory is not None
            and statutory != self.default
            and not cleaned.get("statutory_reason", "").strip()
        ):
            kind = "statutory" if self.default else "voluntary"
            self.add_error(
                "statutory_reason",
                f"Say why: a response to this report is {kind} unless you say why not",
            )
        return cleaned


COMMENTS_MAX_CHARACTERS = 200_000  # a long letter is some 60,000; more belongs in an attached document


def comments_text_field(*, rows: int, help_text: str) -> forms.CharField:
    """The chief officer's comments typed or pasted, whoever records them."""
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        max_length=COMMENTS_MAX_CHARACTERS,
        error_messages={
            "max_length": "The comments are longer than 200,000 characters: attach them as a document"
        },
        label="The chief officer's comments",
        help_text=help_text,
    )


class InvitationForm(forms.Form):
    SEND, RECORD = "send", "record"

    to = forms.EmailField(
        label="Chief officer's e-mail address",
        error_messages={
            "required": "Enter the chief officer's e-mail address",
            "invalid": "Enter an e-mail address like name@example.org",
        },
    )
    how = forms.ChoiceField(
        choices=[
            (SEND, "Scrutiny e-mails it today: you see and can edit it first"),
            (RECORD, "It was sent another way: record the day it went"),
        ],
        widget=forms.RadioSelect,
        initial=SEND,
        label="How the invitation goes",
        error_messages={"required": "Choose how the invitation goes"},
    )
    sent_on = date_field(
        "Date sent",
        happened=True,
        required=False,
        help_text="Only for an invitation sent another way. For example, 3 3 2020.",
    )
    comments_due_on = date_field(
        "Comments wanted by",
        required=False,
        help_text="Leave empty for the office's usual period after the day the invitation goes.",
    )

    def clean(self):
        data = super().clean()
        if data.get("how") == self.RECORD and not data.get("sent_on") and "sent_on" not in self.errors:
            self.add_error("sent_on", "Enter the date the invitation was sent")
        return data


class InvitationTextForm(forms.Form):
    """The invitation as it will be sent, for the officer to read and change."""

    subject = forms.CharField(
        max_length=300, label="Subject", error_messages={"required": "Enter the invitation's subject"}
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18}),
        label="The invitation",
        error_messages={"required": "Enter the invitation's text"},
    )


class ForceCommentsForm(forms.Form):
    """The chief officer's comments, submitted by someone at the force."""

    text = comments_text_field(
        rows=14,
        help_text="Type or paste them, or attach the letter below. They are published with the office's "
        "response, as the law requires.",
    )
    document = forms.FileField(
        required=False,
        label="The letter with the comments (optional)",
        help_text="PDF, Word, HTML or text.",
    )

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("document") and not self.errors:
            raise forms.ValidationError("Type the comments or attach the letter they are in")
        return data


class SendBackForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What should change",
        max_length=5000,
        error_messages={"required": "Say what should change before sending the response back"},
    )


class DraftCommentForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Comment",
        max_length=5000,
        error_messages={"required": "Write the comment first"},
    )


class CommentsForm(forms.Form):
    received_on = date_field("Date received", happened=True, help_text="For example, 9 4 2020.")
    text = comments_text_field(
        rows=10, help_text="They are published with the response, as the law requires."
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


LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000  # read no more than this: a small file can hold a vast picture
LOGO_BOX = (900, 300)  # the largest the letterhead prints it, in pixels


def normalised_logo(upload) -> ContentFile:
    """A logo from an upload: a PNG or JPEG by its content (never by its name), at most 1 MB, made again
    as a PNG no larger than the letterhead needs, so nothing in the file but the picture is kept."""
    from PIL import Image, UnidentifiedImageError

    name = upload.name
    if upload.size > LOGO_MAX_BYTES:
        raise forms.ValidationError(f"{name} is larger than 1 MB: choose a smaller logo")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind, (width, height) = probe.format, probe.size
            if width * height > LOGO_MAX_PIXELS:
                raise forms.ValidationError(
                    f"{name} is {width} by {height} pixels: a logo of at most {LOGO_MAX_PIXELS // 1_000_000} "
                    "million pixels is plenty"
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise forms.ValidationError(f"{name} is not a PNG or JPEG picture Scrutiny can read") from None
    if kind not in ("PNG", "JPEG"):
        raise forms.ValidationError(f"{name} is a {kind} picture: the logo must be a PNG or JPEG")
    picture.thumbnail(LOGO_BOX)
    buffer = BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="logo.png")


class OfficeSettingsForm(forms.ModelForm):
    logo_file = forms.FileField(
        required=False,
        label="The office's logo",
        help_text="A PNG or JPEG up to 1 MB, printed at the top of letters, PDFs and public pages.",
    )
    remove_logo = forms.BooleanField(required=False, label="Remove the logo")
    started_on = date_field(
        "The day the office started using Scrutiny",
        happened=True,
        required=False,
        help_text="Reports whose 56 days ended before it are kept as history, never counted late. For "
        "example, 1 4 2026.",
    )

    field_order = [
        "started_on",
        "letterhead_address",
        "website",
        "logo_file",
        "remove_logo",
        "signatory_name",
        "signatory_title",
        "chief_officer_name",
        "chief_officer_email",
        "approvers",
        "answer_areas_for_improvement",
    ]

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        return normalised_logo(upload) if upload else None

    def save(self, commit=True):
        settings = super().save(commit=False)
        if self.cleaned_data.get("logo_file") is not None:
            if settings.logo:
                settings.logo.delete(save=False)  # one logo kept: the new one
            settings.logo.save("logo.png", self.cleaned_data["logo_file"], save=False)
        elif self.cleaned_data.get("remove_logo") and settings.logo:
            settings.logo.delete(save=False)
        if commit:
            settings.save()
            self.save_m2m()
        return settings

    class Meta:
        model = OfficeSettings
        fields = [
            "started_on",
            "letterhead_address",
            "website",
            "signatory_name",
            "signatory_title",
            "chief_officer_name",
            "chief_officer_email",
            "approvers",
            "answer_areas_for_improvement",
        ]
        labels = {
            "letterhead_address": "Address on the letterhead",
            "website": "Website",
            "signatory_name": "Who signs responses",
            "signatory_title": "Their title",
            "chief_officer_name": "The chief officer's name",
            "chief_officer_email": "The chief officer's e-mail address",
            "approvers": "Who approves responses",
            "answer_areas_for_improvement": "Give each area for improvement its own section in responses",
        }
        widgets = {
            "letterhead_address": forms.Textarea(attrs={"rows": 4}),
            "approvers": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "chief_officer_email": "Invitations to comment go here unless the officer sending one changes it.",
            "approvers": "For example the commissioner or the chief executive. With nobody chosen, any of the "
            "office's officers and administrators can approve.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["approvers"].queryset = (
            get_user_model()
            .objects.filter(office=self.instance.body_id, is_active=True, role__in=sorted(OFFICE_STAFF))
            .order_by("last_name", "username")
        )
        if not self.instance.logo:
            del self.fields["remove_logo"]
        self.fields["answer_areas_for_improvement"].help_text = ""
        self.fields["approvers"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({user.get_role_display()})"
        )


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
