"""Who may open the project's own pages (see core/matrix.py)."""

from core.tests.matrix import PUBLIC, SIGNED_IN

PAGES = {
    "home": ("get", lambda w: {}, SIGNED_IN),
    "accessibility": ("get", lambda w: {}, PUBLIC),
    "api-docs": ("get", lambda w: {}, PUBLIC),  # the reference, like the schema, holds no data
}

ADMIN_SAMPLE = [("admin:index", lambda w: {})]
