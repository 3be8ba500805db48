"""The vocabulary of the permission matrix: the roles every page and API operation is tried as, and the
outcomes each may get. Each app lists its own rows in `<app>/tests/permission_rows.py` (test data: nothing
of it is loaded by the running service); `scrutiny/tests/test_permission_matrix.py` tries them all.

A rows module holds `PAGES` ({url name: (method, arguments from the world, outcome per role)}),
`OPERATIONS` ({operationId: (arguments from the world, outcome per role)}), optionally `ADMIN_SAMPLE`
([(admin url name, arguments)]) and `world(world)`, which adds the records its rows need to the shared
world (the demo scenario and one person per role, in `world["people"]`).
"""

ROLES = ["anonymous", "admin", "officer", "force", "partnership", "panel", "other-office", "superuser"]
OK, LOGIN, DENIED, MISSING, UNAUTHENTICATED = "ok", "sign-in", "403", "404", "401"


def outcomes(**overrides) -> dict[str, str]:
    """Signed-in people get OK, the anonymous are sent to sign in; overrides use _ for -."""
    base = dict.fromkeys(ROLES, OK) | {"anonymous": LOGIN}
    return base | {role.replace("_", "-"): outcome for role, outcome in overrides.items()}


PUBLIC = dict.fromkeys(ROLES, OK)
SIGNED_IN = outcomes()
OFFICE_ONLY = outcomes(force=DENIED, partnership=DENIED, panel=DENIED, other_office=MISSING)
ADMINS_ONLY = outcomes(officer=DENIED, force=DENIED, partnership=DENIED, panel=DENIED, other_office=DENIED)
API_READ = outcomes(anonymous=UNAUTHENTICATED)
