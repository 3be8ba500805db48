from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from modelsearch.index import get_indexed_models

        from core import registry
        from core.models import active
        from core.together import when_together_ends
        from reports import events
        from search import handlers, register

        for model in get_indexed_models():
            if not getattr(model, "search_auto_update", True):  # left to us: saved together, indexed together
                post_save.connect(handlers.record_saved, sender=model, dispatch_uid=f"search.saved.{model}")
                post_delete.connect(
                    handlers.record_deleted, sender=model, dispatch_uid=f"search.deleted.{model}"
                )
        when_together_ends(handlers.together_ended)
        events.report_recorded.connect(handlers.report_recorded, dispatch_uid="search.report_recorded")
        events.finding_saved.connect(handlers.finding_saved, dispatch_uid="search.finding_saved")
        registry.routes.add(registry.Routes("", "search.urls"))
        registry.api_routers.add(registry.ApiRouter("/", "search.api:router"))
        registry.reminders.add(
            registry.DailyReminder(
                "Saved searches with new findings", "search.alerts:send", "search.alerts:count"
            )
        )
        registry.report_panels.add(
            registry.Panel("search/includes/report_panel.html", register.report_panel), order=80
        )
        registry.home_panels.add(
            registry.Panel("search/includes/home_panel.html", register.home_panel), order=70
        )
        registry.navigation.add(registry.NavItem("Search", "search:search", "/search/", active), order=90)
        post_migrate.connect(index_what_is_missing, sender=self, dispatch_uid="search.index_what_is_missing")


def index_what_is_missing(sender, *, using="default", **kwargs) -> None:
    """After `scrutiny migrate`: when an upgrade brings the index in over records already stored, the
    worker fills it (the tracker's search would otherwise find nothing until someone rebuilt it); and when
    findings are stored that the national register has never compared, the worker compares them."""
    from search.services import missing_from_index, never_compared
    from search.tasks import compare_new_findings, rebuild_search_index

    if using == "default" and missing_from_index():
        rebuild_search_index.enqueue()
    if using == "default" and never_compared():
        compare_new_findings.enqueue()
