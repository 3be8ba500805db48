from django import template

register = template.Library()


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
