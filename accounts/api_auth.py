"""How the API knows who is calling (a signed-in session, or an API token as a bearer key), and the role
check that comes before an operation reads its input."""

from ninja.security import HttpBearer, SessionAuth

from accounts import access
from accounts.tokens import user_for_key


class Session(SessionAuth):
    """The browser's signed-in session (with its CSRF check)."""


class Token(HttpBearer):
    """`Authorization: Bearer scr_…`: acts as the token's owner, with the owner's role and office."""

    def authenticate(self, request, token):
        user = user_for_key(token)
        if user is not None:
            request.user = user  # so visible_to and the role checks see the owner
        return user


class StaffCheck:
    """Then 403 unless the caller is an OPCC officer or administrator, before the request body is read
    (the anonymous get 401, as for every operation)."""

    def authenticate(self, request, *args):
        user = super().authenticate(request, *args)
        if user is not None:
            access.require(user, access.is_office_staff, access.STAFF_ONLY)
        return user


# The token first: a request that carries one is the token's owner's, and the session's CSRF check (which
# answers 403 before anything else is tried) applies only to requests that come with a session. A page of
# another site cannot send an Authorization header, so tokens need no CSRF token.
# The staff variants keep the class names, so the OpenAPI document shows two ways in, not four.
signed_in = [Token(), Session()]
office_staff = [type("Token", (StaffCheck, Token), {})(), type("Session", (StaffCheck, Session), {})()]
