from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import access
        from accounts.audit import audit
        from accounts.models import ApiToken, User
        from core import registry

        audit(User, exclude_fields=["password", "last_login"])
        audit(ApiToken, exclude_fields=["digest", "last_used_at"])

        registry.routes.add(registry.Routes("", "accounts.urls"))
        for label, name, prefix, allowed, order in [
            ("People", "accounts:people", "/people/", access.is_office_admin, 70),
            ("Audit", "accounts:audit", "/audit/", access.is_office_admin, 90),
            ("API tokens", "accounts:api-tokens", "/api-tokens/", access.active, 100),
        ]:
            registry.navigation.add(registry.NavItem(label, name, prefix, allowed), order=order)
        registry.demo_steps.add(registry.DemoStep("the demo's people", "accounts.demo:load"), order=15)
