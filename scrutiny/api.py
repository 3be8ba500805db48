"""The REST API: one NinjaAPI, one router per app, documented with OpenAPI at /api/docs."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI

from accounts.api_auth import signed_in
from directory.api import router as directory_router
from reports.api import router as reports_router

api = NinjaAPI(
    title="Scrutiny",
    version="1",
    description="Inspection reports, findings and reference data. Every operation returns only what the "
    "caller's role may see. Call it from a signed-in browser session, or with an API token made on the "
    "API tokens page: `Authorization: Bearer scr_…`. A token acts as its owner, with the owner's role, "
    "until it is revoked.",
    auth=signed_in,
    urls_namespace="api",
    docs_url=None,  # our own accessible reference page (core:api-docs) replaces Swagger UI
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, error):
    return api.create_response(request, {"detail": str(error) or "Not allowed"}, status=403)


api.add_router("/", reports_router)
api.add_router("/", directory_router)
