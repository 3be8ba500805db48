from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = "Tracking"

    def ready(self):
        from accounts.audit import audit
        from core import registry
        from reports import events
        from tracking import handlers, panels
        from tracking.models import (
            Action,
            ActionUpdate,
            Evidence,
            ImportBatch,
            Publication,
            Status,
            TargetRevision,
            Theme,
        )

        events.report_recorded.connect(handlers.report_recorded, dispatch_uid="tracking.report_recorded")
        events.finding_saved.connect(handlers.finding_saved, dispatch_uid="tracking.finding_saved")
        events.finding_removed.connect(handlers.finding_removed, dispatch_uid="tracking.finding_removed")
        events.finding_merged.connect(handlers.finding_merged, dispatch_uid="tracking.finding_merged")
        events.finding_split.connect(handlers.finding_split, dispatch_uid="tracking.finding_split")
        events.guard_removal(handlers.updated_actions_guard)

        audit(Action, m2m_fields={"themes"}, exclude_fields=["updated_at"])
        for model in (ActionUpdate, Evidence, TargetRevision, Status, Theme, Publication):
            audit(model)
        audit(ImportBatch, exclude_fields=["rows"])  # the file's rows are data, not a change anyone made

        registry.routes.add(registry.Routes("", "tracking.urls"))
        registry.api_routers.add(registry.ApiRouter("/", "tracking.api:router"))
        registry.navigation.add(
            registry.NavItem("Tracker", "tracking:action-list", "/tracker/", panels.sees_office_tracker),
            order=45,
        )
        registry.navigation.add(
            registry.NavItem(
                "Our actions", "tracking:force-actions", "/tracker/force/", panels.is_force_user
            ),
            order=46,
        )
        registry.report_panels.add(registry.Panel("tracking/includes/report_panel.html", panels.report))
        registry.force_panels.add(registry.Panel("tracking/includes/force_panel.html", panels.force))
        registry.home_panels.add(registry.Panel("tracking/includes/home_panel.html", panels.home), order=60)
        registry.reminders.add(
            registry.DailyReminder(
                "Tracked actions due or overdue",
                "tracking.reminders:send_due",
                "tracking.reminders:count_due",
            )
        )
        registry.demo_steps.add(registry.DemoStep("the Cheshire tracker", "tracking.demo:load"), order=40)
