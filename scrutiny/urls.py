"""Every page: the project's own (home, accessibility, API reference), then each app's, as the apps
registered them (`core.registry.routes`)."""

from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from accounts.access import is_deployment_admin
from core import registry
from scrutiny import views
from scrutiny.api import api
from scrutiny.api_docs import api_docs

admin.site.site_header = "Scrutiny administration"
admin.site.site_title = "Scrutiny administration"
# The admin sees every office's records, so only deployment administrators (superusers) may use it;
# offices manage their own people in Scrutiny's pages.
admin.site.has_permission = lambda request: is_deployment_admin(request.user)

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    *[path(routes.prefix, include(routes.module)) for routes in registry.routes],
    path("api/docs", api_docs, name="api-docs"),
    path("api/", api.urls),
    path("favicon.ico", RedirectView.as_view(url=static("core/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
]
if settings.OIDC_ENABLED:  # optional single sign-on
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
