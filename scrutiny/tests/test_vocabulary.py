"""One vocabulary for roles: a role's value is spelled only in accounts/roles.py; everywhere else names
it through `Role` (or `accounts.access`), so renaming or adding a role is one change."""

import re

from django.conf import settings

from accounts.roles import Role

OWN_APPS = [app for app in settings.INSTALLED_APPS if "." not in app and (settings.BASE_DIR / app).is_dir()]


def test_no_role_is_spelled_out_of_accounts_roles():
    spelled = re.compile("|".join(rf"""["']{re.escape(role.value)}["']""" for role in Role))
    found = []
    for app in OWN_APPS:
        for path in (settings.BASE_DIR / app).rglob("*"):
            parts = set(path.parts)
            if path.suffix not in (".py", ".html") or {"tests", "migrations"} & parts:
                continue
            if path.name in ("roles.py", "testing.py") and app == "accounts":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if spelled.search(line):
                    found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert found == []
