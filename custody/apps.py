from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "custody"
    verbose_name = "Children in custody"

    def ready(self):
        from accounts.audit import audit
        from core import registry
        from custody import sections
        from custody.models import ImportBatch, OvernightRule, reads_custody_figures

        # Detentions themselves are not audited row by row: an import is one audited event (its batch),
        # and each record-level read is one entry (custody.services.record_read).
        audit(ImportBatch, exclude_fields=["errors", "warnings"])
        audit(OvernightRule)

        registry.routes.add(registry.Routes("", "custody.urls"))
        registry.api_routers.add(registry.ApiRouter("/", "custody.api:router"))
        registry.navigation.add(
            registry.NavItem("Custody", "custody:figures", "/custody/", reads_custody_figures), order=60
        )
        registry.response_sections.add(
            registry.SectionSource("custody", "Children in police custody", sections.draft)
        )
        registry.demo_steps.add(
            registry.DemoStep("a year of synthetic custody data", "custody.demo:load"), order=50
        )
