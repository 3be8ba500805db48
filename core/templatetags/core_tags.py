"""Small template helpers shared by every app's templates."""

from urllib.parse import urlencode

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower()


@register.filter
def add_widget_class(bound_field, css_class: str):
    """Render a field's widget with GOV.UK classes, error state and hint/error descriptions; classes the
    widget declares itself (such as a width, govuk-input--width-10) are kept."""
    own = bound_field.field.widget.attrs.get("class", "")
    attrs = {"class": f"{css_class} {own}".strip()}
    if bound_field.errors:
        attrs["class"] += f" {css_class.split('__')[0]}--error"
        attrs["aria-invalid"] = "true"
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one), for filter and page links."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


@register.filter
def page_range(paginator, number: int):
    """Page numbers around the current one, with "…" for the gaps, as the GOV.UK pagination pattern shows."""
    return paginator.get_elided_page_range(number, on_each_side=1, on_ends=1)


@register.simple_tag
def submission_token():
    """The hidden token that makes a form's submission happen once (see core.submissions)."""
    from core.submissions import FIELD, new_token

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
