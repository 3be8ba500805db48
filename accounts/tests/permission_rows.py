"""Who may open each of accounts' pages (see core/matrix.py)."""

from accounts.tokens import create_token
from core.tests.matrix import ADMINS_ONLY, LOGIN, MISSING, OK, PUBLIC, ROLES, SIGNED_IN

OWNER_ONLY = dict.fromkeys(ROLES, MISSING) | {"anonymous": LOGIN, "officer": OK}  # the officer's token

PAGES = {
    "accounts:sign-in": ("get", lambda w: {}, PUBLIC),
    "accounts:password-reset": ("get", lambda w: {}, PUBLIC),
    "accounts:password-reset-sent": ("get", lambda w: {}, PUBLIC),
    "accounts:password-reset-confirm": ("get", lambda w: {"uidb64": "MQ", "token": "set-password"}, PUBLIC),
    "accounts:password-reset-done": ("get", lambda w: {}, PUBLIC),
    "accounts:two-factor": ("get", lambda w: {}, SIGNED_IN),
    "accounts:api-tokens": ("get", lambda w: {}, SIGNED_IN),
    "accounts:api-token-revoke": ("post", lambda w: {"pk": w["token"].pk}, OWNER_ONLY),
    "accounts:audit": ("get", lambda w: {}, ADMINS_ONLY),
    "accounts:people": ("get", lambda w: {}, ADMINS_ONLY),
    "accounts:person-invite": ("get", lambda w: {}, ADMINS_ONLY),
    "accounts:person": ("get", lambda w: {"pk": w["people"]["officer"].pk}, ADMINS_ONLY),
    "accounts:audit-export": ("get", lambda w: {}, ADMINS_ONLY),
    "accounts:two-factor-setup": ("get", lambda w: {}, SIGNED_IN),
    "accounts:recovery-codes": ("get", lambda w: {}, SIGNED_IN),
    "accounts:sign-out": ("post", lambda w: {}, dict.fromkeys(ROLES, LOGIN)),  # then to the sign-in page
}

ADMIN_SAMPLE = [
    ("admin:accounts_user_changelist", lambda w: {}),
    ("admin:accounts_user_add", lambda w: {}),
]


def world(world: dict) -> None:
    world["token"] = create_token(user=world["people"]["officer"], name="Reporting script")[0]
