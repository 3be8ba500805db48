"""Dates that cannot lie: the date of something that has happened is never after today (and never before
what it follows), on every form and in every service behind it. Every date field in the service is listed
here as an event or as a date that looks ahead (a target, a follow-up, a filter), so a new one cannot be
added without deciding which it is."""

import importlib
import inspect
from datetime import timedelta

import pytest
from django import forms
from django.utils import timezone

from core.dates import check_happened
from core.forms import DateField
from core.refusals import Refused

FORM_MODULES = [
    "accounts.forms", "partnerships.forms", "reports.forms", "responses.forms", "responses.views.outputs",
    "tracking.forms",
]  # fmt: skip

# (form, field): what the date is of
EVENTS = {
    ("partnerships.forms.ReferForm", "sent_on"): "a referral sent",
    ("partnerships.forms.DateForm", "on"): "a referral acknowledged or discussed",
    ("partnerships.forms.OutcomeForm", "on"): "a partnership's outcome",
    ("partnerships.forms.FollowedUpForm", "on"): "a referral followed up",
    ("partnerships.forms.InspectionForm", "published_on"): "an area's inspection report published",
    ("partnerships.forms.MeetingForm", "held_on"): "a partnership's meeting held",
    ("reports.forms.NewReportForm", "published_on"): "a report published (entered by hand)",
    ("reports.forms.ReportForm", "published_on"): "a report published (its details changed)",
    ("reports.forms.UploadForm", "published_on"): "a report published (given with an upload)",
    ("responses.forms.InvitationForm", "sent_on"): "an invitation sent another way",
    ("responses.forms.OfficeSettingsForm", "started_on"): "the office started using Scrutiny",
    ("responses.forms.CommentsForm", "received_on"): "the chief officer's comments received",
    ("responses.views.outputs.PublishForm", "published_on"): "a response published",
    ("tracking.forms.UpdateForm", "effective_on"): "an update to an action",
}
LOOKING_AHEAD = {
    ("accounts.forms.AuditFilterForm", "since"): "a filter of the audit trail",
    ("accounts.forms.AuditFilterForm", "until"): "a filter of the audit trail",
    ("partnerships.forms.ReferForm", "follow_up_on"): "a follow-up to come",
    ("partnerships.forms.FollowUpForm", "follow_up_on"): "a follow-up to come",
    ("partnerships.forms.FollowedUpForm", "next_follow_up_on"): "a follow-up to come",
    ("reports.forms.FindingForm", "deadline_on"): "a finding's deadline",
    ("reports.forms.FindingEditForm", "deadline_on"): "a finding's deadline",
    ("responses.forms.InvitationForm", "comments_due_on"): "the day comments are wanted by",
    ("tracking.forms.TargetForm", "new_on"): "a new target date",
    ("tracking.forms.BulkForm", "target_on"): "a new target date, for several actions",
}


def date_fields():
    found = {}
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for form_name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == name:
                for field_name, field in form.base_fields.items():
                    if isinstance(field, DateField):
                        found[(f"{name}.{form_name}", field_name)] = field
    return found


def test_every_date_field_is_an_event_or_looks_ahead_and_events_refuse_tomorrow():
    fields = date_fields()
    assert set(fields) == set(EVENTS) | set(LOOKING_AHEAD), sorted(
        set(fields) ^ (set(EVENTS) | set(LOOKING_AHEAD))
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    typed = [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]
    for key, field in fields.items():
        if key in EVENTS:
            with pytest.raises(forms.ValidationError, match="must be today or in the past"):
                field.clean(typed)
            today = timezone.localdate()
            assert field.clean([str(today.day), str(today.month), str(today.year)]) == today
        else:
            assert field.clean(typed) == tomorrow, f"{key} looks ahead: tomorrow is allowed"


def test_the_rule_behind_every_service_names_the_date_and_what_it_follows():
    today = timezone.localdate()
    with pytest.raises(Refused, match=r"the date of an update cannot be after today \("):
        check_happened(today + timedelta(days=1), "the date of an update")
    with pytest.raises(Refused, match="cannot be before the report was published"):
        check_happened(
            today - timedelta(days=9),
            "the date of an update",
            follows=today,
            follows_what="the report was published",
        )
    check_happened(today, "the date of an update", follows=today)  # today is allowed
    check_happened(None, "the date of an update")  # nothing to check


@pytest.mark.django_db
def test_every_service_behind_the_forms_and_the_api_refuses_a_day_still_to_come():
    from partnerships.testing import make_inspection, make_referrals, with_contacts
    from reports.testing import make_report
    from responses.services import record_comments
    from responses.testing import make_obligation
    from tracking.models import Action
    from tracking.services import Change, record_update
    from tracking.testing import make_report as tracked_report
    from tracking.testing import office_people

    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(Refused, match="the publication date cannot be after today"):
        make_report(published_on=tomorrow)
    obligation = make_obligation()
    with pytest.raises(Refused, match="the date the comments were received cannot be after today"):
        record_comments(obligation=obligation, received_on=tomorrow, text="We accept them all.", user=None)
    report = tracked_report(forces=("cheshire",), findings=1)
    action = Action.objects.get(finding__report=report, force__code="cheshire")
    officer = office_people()["officer"]
    with pytest.raises(Refused, match="the date of an update cannot be after today"):
        record_update(action=action, change=Change(effective_on=tomorrow, text="Done."), user=officer)
    early = report.published_on - timedelta(days=1)
    with pytest.raises(Refused, match="cannot be before the report was published"):
        record_update(action=action, change=Change(effective_on=early, text="Done."), user=officer)
    with pytest.raises(Refused, match="the date the referral was sent cannot be after today"):
        make_referrals(
            office=obligation.body, report=obligation.report, partnerships=with_contacts("cheshire")[:1],
            sent_on=tomorrow,
        )  # fmt: skip
    with pytest.raises(Refused, match="the date the inspection report was published cannot be after today"):
        make_inspection("E06000006", published_on=tomorrow)
