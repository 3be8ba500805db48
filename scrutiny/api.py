"""The REST API: one NinjaAPI with every app's router (`core.registry.api_routers`), documented with
OpenAPI at /api/docs."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI

from accounts.api_auth import signed_in
from core import registry

api = NinjaAPI(
    title="Scrutiny",
    version="1",
    description="Inspection reports, findings and reference data. Every operation returns only what the "
    "caller's role may see. Call it from a signed-in browser session, or with an API token made on the "
    "API tokens page: `Authorization: Bearer scr_…`. A token acts as its owner, with the owner's role, "
    "until it is revoked.",
    auth=signed_in,
    urls_namespace="api",
    docs_url=None,  # our own accessible reference page (api-docs) replaces Swagger UI
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, error):
    return api.create_response(request, {"detail": str(error) or "Not allowed"}, status=403)


for router in registry.api_routers:
    api.add_router(router.prefix, registry.resolve(router.router))
