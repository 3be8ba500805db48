from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from accounts.access import is_deployment_admin
from core.api_docs import api_docs
from scrutiny.api import api

admin.site.site_header = "Scrutiny administration"
admin.site.site_title = "Scrutiny administration"
# The admin sees every office's records, so only deployment administrators (superusers) may use it;
# offices manage their own people in Scrutiny's pages.
admin.site.has_permission = lambda request: is_deployment_admin(request.user)

urlpatterns = [
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("forces/", include("directory.urls")),
    path("", include("reports.urls")),
    path("", include("responses.urls")),
    path("api/docs", api_docs, name="api-docs"),
    path("api/", api.urls),
    path("favicon.ico", RedirectView.as_view(url=static("core/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
]
if settings.OIDC_ENABLED:  # optional single sign-on
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
