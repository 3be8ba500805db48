"""One rule for the date of something that has happened (a report published, an invitation sent, comments
received, a referral sent or answered, an update to an action, a meeting held): not after today, as the
day is in England and Wales, and not before what it follows. Target, follow-up and due dates look ahead;
they are not events and this rule is not theirs."""

from datetime import date

from django.utils import timezone

from core.refusals import Refused


def check_happened(
    day: date | None,
    what: str,
    refused: type[Refused] = Refused,
    *,
    follows: date | None = None,
    follows_what: str = "",
) -> None:
    """Refuse (with `refused`, the caller's kind of refusal) a `day` after today, or before `follows`.
    `what` names the date mid-sentence: "the date the comments were received"."""
    if day is None:
        return
    today = timezone.localdate()
    if day > today:
        raise refused(f"{what} cannot be after today ({today:%-d %B %Y}): it is the day something happened")
    if follows is not None and day < follows:
        raise refused(f"{what} cannot be before {follows_what} ({follows:%-d %B %Y})")
