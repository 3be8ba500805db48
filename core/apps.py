from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import registry

        registry.routes.add(registry.Routes("", "core.urls"))
        registry.api_routers.add(registry.ApiRouter("/", "core.api:router"))
