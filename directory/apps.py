from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from core import registry
        from core.models import active

        registry.routes.add(registry.Routes("forces/", "directory.urls"))
        registry.api_routers.add(registry.ApiRouter("/", "directory.api:router"))
        registry.navigation.add(
            registry.NavItem("Forces", "directory:force-list", "/forces/", active), order=60
        )
        registry.demo_steps.add(registry.DemoStep("reference data", "directory.demo:load"), order=10)
