"""The URLs with single sign-on switched on, as scrutiny/urls.py builds them when SCRUTINY_OIDC_CLIENT_ID is set."""

from django.urls import include, path

from scrutiny.urls import urlpatterns as scrutiny_urls

urlpatterns = [*scrutiny_urls, path("oidc/", include("mozilla_django_oidc.urls"))]
