"""How the API knows who is calling, and the role check that comes before an operation reads its input."""

from ninja.security import SessionAuth

from accounts import access


class OfficeStaffSession(SessionAuth):
    """The signed-in session of an OPCC officer or administrator; anyone else signed in gets 403 before the
    request body is even read (and the anonymous 401, as for every operation)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            access.require(user, access.is_office_staff, access.STAFF_ONLY)
        return user


office_staff = OfficeStaffSession()
