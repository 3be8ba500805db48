from django import template

from responses import clock

register = template.Library()


@register.simple_tag
def period_days() -> str:
    """The length of the section 55 period (56), from the clock rather than written out."""
    return str(clock.PERIOD_DAYS)


@register.filter
def state_on(obligation, day):
    """The obligation's state as people say it: "Drafting, late", "Published on time"."""
    return obligation.state_label(day)


@register.filter
def period_day(obligation, day):
    """Day N of the 56: on the publication day of the response once published, else today."""
    return obligation.day_of_period(day)


@register.filter
def split_paragraphs(text):
    from responses.documents import paragraphs

    return paragraphs(text or "")
