from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    """The project: it composes the apps (URLs, API, navigation, home page, demo) and owns nothing else."""

    name = "scrutiny"
    verbose_name = "Scrutiny"

    def ready(self):
        from core import registry
        from core.models import active

        registry.navigation.add(registry.NavItem("Home", "home", None, active), order=10)
