"""What each role may do. Which rows a person sees is decided by each model's `visible_to`; whether they
may open a page or call an operation at all is decided here, once, for pages and the API alike.

| role                     | reads                                           | changes                      |
|--------------------------|-------------------------------------------------|------------------------------|
| OPCC administrator       | everything in the office                        | everything, and its users    |
| OPCC officer             | everything in the office but users              | reports, findings, responses |
| force contributor        | the reports that concern its force              | nothing yet (its actions)    |
| partnership contributor  | referrals to its partnership (none yet)         | nothing yet (their outcome)  |
| panel member             | reports, the deadlines dashboard, published     | nothing                      |
| the public (no sign-in)  | published responses                             | nothing                      |

A user without an office is a deployment administrator (a superuser) and sees every office.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.roles import Role

OFFICE_STAFF = {Role.OPCC_ADMIN, Role.OPCC_OFFICER}


def active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_deployment_admin(user) -> bool:
    return active(user) and user.is_superuser


def is_office_staff(user) -> bool:
    """OPCC administrators and officers: they read and change their office's work."""
    return active(user) and (user.is_superuser or user.role in OFFICE_STAFF)


def is_office_admin(user) -> bool:
    return active(user) and (user.is_superuser or user.role == Role.OPCC_ADMIN)


def is_force_contributor(user) -> bool:
    return active(user) and not user.is_superuser and user.role == Role.FORCE_CONTRIBUTOR


def needs_two_factor(user) -> bool:
    """Administrators (of an office or the deployment) and anyone granted custody data sign in with a
    second factor as well as a password."""
    return active(user) and (user.is_superuser or user.role == Role.OPCC_ADMIN or user.custody_access)


def reads_reports(user) -> bool:
    """Everyone signed in but partnership contributors, who see only what is referred to them."""
    return active(user) and (user.is_superuser or user.role != Role.PARTNERSHIP_CONTRIBUTOR)


def reads_deadlines(user) -> bool:
    """The deadlines dashboard: office staff, and the panel that scrutinises them."""
    return is_office_staff(user) or (active(user) and user.role == Role.PANEL_MEMBER)


def require(user, check, message: str) -> None:
    """For code that is not a view (the API): `check(user)` or PermissionDenied, a 403."""
    if not check(user):
        raise PermissionDenied(message)


STAFF_ONLY = "Only OPCC officers and administrators can do this."


def requires(check, message: str):
    """A view decorator: sign-in first, then `check(user)`, or 403 with `message`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            require(request.user, check, message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


office_staff_required = requires(is_office_staff, STAFF_ONLY)
office_admin_required = requires(is_office_admin, "Only OPCC administrators can do this.")
report_reader_required = requires(reads_reports, "Your role does not include reading reports.")
deadlines_reader_required = requires(reads_deadlines, "Your role does not include the deadlines dashboard.")
