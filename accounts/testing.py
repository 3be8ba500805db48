"""Factories for people: plain functions, used by tests and the demo."""

from accounts.models import Role, User
from directory.models import LocalPolicingBody

PASSWORD = "correct horse battery staple"


def make_user(**fields) -> User:
    username = fields.pop("username", "officer")
    if "office" not in fields:
        fields["office"] = LocalPolicingBody.objects.filter(force__code="cheshire").current().first()
    defaults = {"role": Role.OPCC_OFFICER, "email": f"{username}@example.org", "first_name": "Test"}
    return User.objects.create_user(username=username, password=PASSWORD, **{**defaults, **fields})
