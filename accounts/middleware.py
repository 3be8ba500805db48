"""Two-factor sign-in, enforced on every request for the people who need it."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from accounts import access

# Where a signed-in person who still owes the second factor may go: to give it, set it up, or leave.
OPEN_PREFIXES = (
    "/sign-in/",
    "/sign-out/",
    "/two-factor/",
    "/password-reset/",
    "/oidc/",
    "/static/",
    "/accessibility/",
    "/published/",
)


def two_factor_required(get_response):
    def middleware(request):
        user = request.user
        if (
            access.needs_two_factor(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Two-factor sign-in is required: sign in with your code first."}, status=403
                )
            step = "accounts:two-factor" if user_has_device(user) else "accounts:two-factor-setup"
            return redirect(f"{reverse(step)}?next={request.get_full_path()}")
        return get_response(request)

    return middleware
