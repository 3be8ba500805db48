from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports"

    def ready(self):
        from accounts import access
        from accounts.audit import audit
        from core import registry
        from reports import panels
        from reports.models import Finding, Report, SourceDocument

        audit(Report, m2m_fields={"forces", "inspectorates", "linked_reports"})
        audit(Finding)
        audit(SourceDocument)

        registry.routes.add(registry.Routes("", "reports.urls"))
        registry.api_routers.add(registry.ApiRouter("/", "reports.api:router"))
        registry.navigation.add(
            registry.NavItem("Reports", "reports:report-list", "/reports/", access.reads_reports), order=20
        )
        registry.navigation.add(
            registry.NavItem("Findings", "reports:finding-list", "/findings/", access.reads_reports), order=30
        )
        registry.force_panels.add(registry.Panel("reports/includes/force_panel.html", panels.force_reports))
        registry.home_panels.add(registry.Panel("reports/includes/home_panel.html", panels.home), order=50)
        registry.demo_steps.add(registry.DemoStep("the scenario's report", "reports.demo:load"), order=20)
