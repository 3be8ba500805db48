"""What the signed-in person may do, for templates to offer only the actions that will work."""

from accounts import access


def permissions(request):
    user = getattr(request, "user", None)
    return {
        "may_change": access.is_office_staff(user),
        "may_manage_users": access.is_office_admin(user),
        "may_read_deadlines": access.reads_deadlines(user),
    }
