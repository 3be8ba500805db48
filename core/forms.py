"""GOV.UK Design System rendering for every Django form: one field template, one error summary."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils import timezone


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class DateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes, named field_day, field_month and field_year."""

    template_name = "core/forms/date_input.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"}
        widgets = {
            "day": forms.TextInput({**box, "class": f"{box['class']} govuk-input--width-2"}),
            "month": forms.TextInput({**box, "class": f"{box['class']} govuk-input--width-2"}),
            "year": forms.TextInput({**box, "class": f"{box['class']} govuk-input--width-4"}),
        }
        super().__init__(widgets, attrs)

    def get_context(self, name, value, attrs):
        """Boxes get ids like the names, id_field_day, as the error summary links to the day box."""
        context = super().get_context(name, value, attrs)
        for box, suffix in zip(context["widget"]["subwidgets"], self.widgets_names, strict=True):
            if box["attrs"].get("id"):
                box["attrs"]["id"] = f"{context['widget']['attrs']['id']}{suffix}"
        return context

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


# Dates people enter are of reports, responses and actions: within these years (a wider year would make
# due dates and clocks counted from it overflow).
FIRST_YEAR, LAST_YEAR = 1900, 2100


class DateField(forms.MultiValueField):
    """A date entered in three boxes, with the GOV.UK error messages."""

    widget = DateInput
    default_error_messages = {
        "incomplete": "Enter a day, a month and a year",
        "invalid": "Enter a real date",
        "range": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}",
        "future": "Enter a date that is today or in the past",
    }

    def __init__(self, *, happened: bool = False, **kwargs):
        parts = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(parts, require_all_fields=False, **kwargs)
        self.happened = happened  # the date of an event: not after today (`core.dates`)

    def compress(self, values):
        values = [str(value).strip() if value is not None else "" for value in values or []]
        if not any(values):
            return None
        if not all(values):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            if any(len(value) > 4 for value in values):
                raise ValueError  # "day 00000000000000000001": no day is written so
            day, month, year = (int(value) for value in values)
            written = date(year, month, day) if 1 <= year <= 9999 else None
        except (ValueError, OverflowError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if written is None or not FIRST_YEAR <= year <= LAST_YEAR:
            # a real date, in a year no report is written: 31 December 9999 would break every date counted
            # from it
            raise ValidationError(self.error_messages["range"], code="range")
        if self.happened and written > timezone.localdate():
            raise ValidationError(self.error_messages["future"], code="future")
        return written


def date_field(label: str, *, happened: bool = False, **kwargs) -> DateField:
    """A GOV.UK date field whose error messages name it: "Enter the publication date". `happened`: the date
    of an event, which cannot be after today (a target date can)."""
    messages = {
        "future": f"{label} must be today or in the past",
        "required": f"Enter the {label[0].lower() + label[1:]}",
        "invalid": f"{label} must be a real date",
        "incomplete": f"{label} must include a day, a month and a year",
        "range": f"{label} must be in a year from {FIRST_YEAR} to {LAST_YEAR}",
    }
    return DateField(label=label, error_messages=messages, happened=happened, **kwargs)


def refusal(message: str) -> forms.Form:
    """A form holding only a refusal, for actions that are a button rather than a form, so the error
    summary shows it like any other."""
    form = forms.Form({})
    form.is_valid()
    form.add_error(None, message)
    return form


class EditedSince(forms.Form):
    """For forms that edit a record with `updated_at`: a save over a change someone made after the form
    was opened is refused, showing what this person typed (nothing lost); saving again, now knowingly,
    stands. Forms posted without the stamp (older pages, scripts) are not checked."""

    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)
    record_name = "record"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_at"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        opened = self.data.get(self.add_prefix("opened_at"), "")
        if self.instance.pk and opened and opened != self.instance.updated_at.isoformat():
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_at")] = self.instance.updated_at.isoformat()
            when = timezone.localtime(self.instance.updated_at).strftime("%H:%M on %-d %B")
            raise ValidationError(
                f"Someone else changed this {self.record_name} at {when}, after you opened it. Your changes "
                f"are below, not saved: open the {self.record_name} in another tab to see theirs, then save "
                "again to keep yours",
                code="changed",
            )
        return cleaned


# The largest id a database row can have (a signed 64-bit integer): a larger number in a choice would
# overflow the query (SQLite) or fail it (PostgreSQL) instead of being "not one of the choices".
LARGEST_ID = 2**63 - 1


def is_id(value) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and len(text) <= 19 and 0 < int(text) <= LARGEST_ID


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one record by its id: anything that cannot be an id is "not one of the choices"."""

    def to_python(self, value):
        if value not in self.empty_values and not isinstance(value, self.queryset.model) and not is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records by id, refusing values that cannot be ids before any query."""

    def _check_values(self, value):
        for item in value:
            if not is_id(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:20]},
                )
        return super()._check_values(value)
