"""What the signed-in person may do, for templates to offer only the actions that will work."""

from django.conf import settings

from accounts import access


def permissions(request):
    user = getattr(request, "user", None)
    return {
        "may_change": access.is_office_staff(user),
        "may_manage_users": access.is_office_admin(user),
        "may_read_deadlines": access.reads_deadlines(user),
        "oidc_provider": getattr(settings, "OIDC_PROVIDER_NAME", "") if settings.OIDC_ENABLED else "",
        "single_sign_on_failed": request.GET.get("single-sign-on") == "failed",
    }
