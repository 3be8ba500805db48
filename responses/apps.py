from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "responses"
    verbose_name = "Responses"

    def ready(self):
        from accounts import access
        from accounts import events as people_events
        from accounts.audit import audit
        from core import registry
        from reports import events
        from responses import handlers, panels
        from responses.models import (
            CalendarFeed,
            DraftComment,
            OfficeSettings,
            ResponseObligation,
            ResponseSection,
        )

        events.report_recorded.connect(handlers.report_recorded, dispatch_uid="responses.report_recorded")
        events.finding_removed.connect(handlers.finding_removed, dispatch_uid="responses.finding_removed")
        events.finding_merged.connect(handlers.finding_merged, dispatch_uid="responses.finding_merged")
        events.guard_removal(handlers.answered_sections_guard)
        events.guard_publication_date(handlers.published_responses_guard)
        people_events.person_deactivated.connect(
            handlers.person_deactivated, dispatch_uid="responses.person_deactivated"
        )

        audit(ResponseObligation)
        audit(ResponseSection)
        audit(OfficeSettings)
        audit(CalendarFeed, mask_fields=["token"])
        audit(DraftComment)

        registry.routes.add(registry.Routes("", "responses.urls"))
        registry.api_routers.add(registry.ApiRouter("/", "responses.api:router"))
        registry.navigation.add(
            registry.NavItem("Deadlines", "responses:deadlines", "/deadlines/", access.reads_deadlines),
            order=40,
        )
        registry.navigation.add(
            registry.NavItem("Settings", "responses:office-settings", "/office/", access.is_office_admin),
            order=80,
        )
        registry.report_panels.add(registry.Panel("responses/includes/report_panel.html", panels.report))
        registry.home_panels.add(registry.Panel("responses/includes/home_panel.html", panels.home), order=10)
        registry.demo_steps.add(registry.DemoStep("the Cheshire response", "responses.demo:load"), order=30)
        registry.reminders.add(
            registry.DailyReminder(
                "Chasers to chief officers whose comments are late",
                send="responses.reminders:send_chasers",
                due="responses.reminders:count_chasers",
            ),
            order=5,
        )
