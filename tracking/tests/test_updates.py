"""Updates are immutable; closing needs evidence or a justification; a revised target date keeps the
original; the three views are kept apart."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tracking import evidence
from tracking.models import ActionUpdate, Category, Evidence, ImmutableUpdate, TargetRevision, View
from tracking.services import ActionRefused, Change, record_update, revise_target
from tracking.testing import make_action, office_people, status

pytestmark = pytest.mark.django_db
DAY = date(2020, 6, 1)


@pytest.fixture
def people():
    return office_people()


def closing(action, **extra) -> Change:
    return Change(effective_on=DAY, view=View.OPCC, status=status(action, View.OPCC, "Closed"), **extra)


def test_closing_without_evidence_or_a_justification_is_refused_and_changes_nothing(people):
    action = make_action()
    with pytest.raises(ActionRefused, match="closing needs evidence"):
        record_update(action=action, change=closing(action), user=people["officer"])
    action.refresh_from_db()
    assert action.category == Category.OPEN and action.opcc_status is None
    assert not ActionUpdate.objects.filter(action=action).exists()


def test_closing_with_a_written_justification_closes_the_action(people):
    action = make_action()
    record_update(
        action=action,
        change=closing(action, justification="The force disbanded the unit."),
        user=people["officer"],
    )
    action.refresh_from_db()
    assert action.category == Category.CLOSED and action.closed_on == DAY


def test_closing_with_evidence_closes_and_keeps_the_file(people):
    action = make_action()
    upload = SimpleUploadedFile("minutes.txt", b"Board minutes: the protocol is signed.")
    with evidence.staged_files([upload]) as staged:
        update = record_update(action=action, change=closing(action, files=staged), user=people["officer"])
    item = Evidence.objects.get(update=update)
    assert (
        item.original_name == "minutes.txt" and item.file.read() == b"Board minutes: the protocol is signed."
    )
    action.refresh_from_db()
    assert action.category == Category.CLOSED


def test_evidence_is_checked_by_its_content(people):
    from documents import DocumentError

    upload = SimpleUploadedFile("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(DocumentError), evidence.staged_files([upload]):
        pass


def test_updates_cannot_be_edited_or_deleted(people):
    action = make_action()
    update = record_update(
        action=action, change=Change(effective_on=DAY, text="Plan agreed."), user=people["force"]
    )
    update.text = "Something else"
    with pytest.raises(ImmutableUpdate):
        update.save()
    with pytest.raises(ImmutableUpdate):
        update.delete()
    with pytest.raises(ImmutableUpdate):
        ActionUpdate.objects.filter(pk=update.pk).update(text="changed")
    with pytest.raises(ImmutableUpdate):
        ActionUpdate.objects.filter(pk=update.pk).delete()
    assert ActionUpdate.objects.get(pk=update.pk).text == "Plan agreed."


def test_a_target_date_revision_keeps_the_original(people):
    action = make_action()
    original = action.target_on
    revise_target(
        action=action,
        new_on=date(2021, 9, 30),
        agreed_by="Chief executive",
        reason="Waiting on IT",
        user=people["officer"],
        today=DAY,
    )
    revise_target(
        action=action,
        new_on=date(2021, 12, 31),
        agreed_by="Chief executive",
        reason="Second delay",
        user=people["officer"],
        today=DAY,
    )
    action.refresh_from_db()
    assert action.original_target_on == original and action.target_on == date(2021, 12, 31)
    assert list(TargetRevision.objects.filter(action=action).values_list("previous_on", "new_on")) == [
        (original, date(2021, 9, 30)),
        (date(2021, 9, 30), date(2021, 12, 31)),
    ]
    assert action.extended


def test_a_revision_needs_who_agreed_it_and_why(people):
    action = make_action()
    with pytest.raises(ActionRefused):
        revise_target(
            action=action, new_on=date(2022, 1, 1), agreed_by="", reason="", user=people["officer"], today=DAY
        )


def test_a_force_contributor_speaks_only_for_the_force(people):
    action = make_action()
    with pytest.raises(ActionRefused, match="cannot record that view"):
        record_update(
            action=action,
            change=Change(effective_on=DAY, view=View.OPCC, status=status(action, View.OPCC, "Assured")),
            user=people["force"],
        )


def test_the_three_views_are_kept_apart_and_the_force_saying_done_makes_it_done(people):
    action = make_action()
    record_update(
        action=action,
        change=Change(
            effective_on=DAY, view=View.FORCE, status=status(action, View.FORCE, "Force reports complete")
        ),
        user=people["force"],
    )
    record_update(
        action=action,
        change=Change(
            effective_on=DAY,
            view=View.INSPECTORATE,
            status=status(action, View.INSPECTORATE, "Being progressed"),
            source="HMICFRS letter, May 2020",
        ),
        user=people["officer"],
    )
    action.refresh_from_db()
    assert action.force_status.name == "Force reports complete"
    assert action.inspectorate_status.name == "Being progressed" and action.opcc_status is None
    assert action.category == Category.DONE
    assert set(action.updates.values_list("view", flat=True)) == {View.FORCE, View.INSPECTORATE}


def test_an_inspectorate_view_needs_its_source(people):
    action = make_action()
    with pytest.raises(ActionRefused, match="where the inspectorate said so"):
        record_update(
            action=action,
            change=Change(
                effective_on=DAY,
                view=View.INSPECTORATE,
                status=status(action, View.INSPECTORATE, "Discharged"),
            ),
            user=people["officer"],
        )


def test_an_update_that_says_and_changes_nothing_is_refused_on_page_and_in_the_service(client, people):
    from accounts.testing import sign_in

    action = make_action()
    action.waiting_on = "The local authority"
    action.save(update_fields=["waiting_on"])
    # the form sends back the body the action waits on, unchanged: that is no change
    with pytest.raises(ActionRefused, match="write what has happened"):
        record_update(
            action=action,
            change=Change(effective_on=DAY, waiting_on="The local authority"),
            user=people["officer"],
        )
    sign_in(client, people["officer"])
    page = client.post(
        action.get_absolute_url(),
        {
            "do": "update",
            "update-effective_on_day": "1",
            "update-effective_on_month": "6",
            "update-effective_on_year": "2020",
            "update-waiting_on": "The local authority",
        },
    )
    assert "write what has happened" in page.content.decode().lower()
    assert not ActionUpdate.objects.filter(action=action).exists()
    # waiting on nobody now is a change, and is kept
    record_update(action=action, change=Change(effective_on=DAY, waiting_on=""), user=people["officer"])
    action.refresh_from_db()
    assert action.waiting_on == "" and action.updates.count() == 1
