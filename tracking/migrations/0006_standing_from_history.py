"""Data fix: each action's statuses, standing, closing day and progress as its history leaves them, read
in the history's order (the day each update speaks of, then as written). Until now a status or progress
entered late with an earlier date replaced a later one, so the action's summary could contradict the
history listed under it. Reversing leaves the corrected values (nothing to undo)."""

from django.db import migrations

from tracking.queries import HISTORY_ORDER, standing_of


def restate(apps, schema_editor):
    Action = apps.get_model("tracking", "Action")
    ActionUpdate = apps.get_model("tracking", "ActionUpdate")
    touched = ActionUpdate.objects.filter(status__isnull=False).values("action")
    for action in Action.objects.filter(pk__in=touched).select_related(
        "force_status", "opcc_status", "inspectorate_status"
    ):
        updates = action.updates.order_by(*HISTORY_ORDER)
        start = {view: getattr(action, f"{view}_status") for view in ("force", "opcc", "inspectorate")}
        now = standing_of(updates.filter(status__isnull=False).select_related("status"), start)
        for view, status in now.statuses.items():
            setattr(action, f"{view}_status", status)
        action.category, action.closed_on = now.category, now.closed_on
        latest = updates.filter(progress__isnull=False).last()
        if latest is not None:
            action.progress = latest.progress
        action.save(
            update_fields=[
                "force_status",
                "opcc_status",
                "inspectorate_status",
                "category",
                "closed_on",
                "progress",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0005_update_corrects"),
    ]

    operations = [migrations.RunPython(restate, migrations.RunPython.noop)]
