"""API tokens: shown once, act with the owner's role, and stop working when revoked."""

import re

import pytest
from django.test import Client

from accounts.models import ApiToken, Role
from accounts.testing import make_user, sign_in
from accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def api(key):
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_token_made_on_the_page_is_shown_once_and_works_until_revoked(signed_in, user):
    page = signed_in.post("/api-tokens/", {"name": "Quarterly report script"}).content.decode()
    key = re.search(r'id="new-token">(scr_[\w-]+)<', page).group(1)
    token = ApiToken.objects.get(user=user)
    assert token.digest != key and key not in token.digest and token.prefix == key[:12]
    assert key not in signed_in.get("/api-tokens/").content.decode()  # never shown again

    assert api(key).get("/api/reports").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    assert signed_in.post(f"/api-tokens/{token.pk}/revoke/").status_code == 302
    assert api(key).get("/api/reports").status_code == 401
    assert "Revoked" in signed_in.get("/api-tokens/").content.decode()


def test_a_token_has_its_owners_role(db):
    panel = make_user(username="panel", role=Role.PANEL_MEMBER)
    key = create_token(user=panel, name="Dashboard")[1]
    assert api(key).get("/api/reports").status_code == 200
    refused = api(key).post("/api/reports", {}, content_type="application/json")
    assert refused.status_code == 403 and "OPCC officers" in refused.json()["detail"]


def test_a_deactivated_owners_token_and_a_made_up_token_are_refused(user):
    key = create_token(user=user, name="Script")[1]
    user.is_active = False
    user.save()
    assert api(key).get("/api/reports").status_code == 401
    assert api("scr_made-up").get("/api/reports").status_code == 401


def test_no_one_revokes_another_persons_token(user):
    token = create_token(user=user, name="Script")[0]
    other = Client()
    sign_in(other, make_user(username="someone-else"))
    assert other.post(f"/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_needs_a_name(signed_in):
    page = signed_in.post("/api-tokens/", {"name": ""}).content.decode()
    assert "Enter what the token is for" in page and not ApiToken.objects.exists()


def test_the_openapi_document_describes_both_ways_in(client):
    schema = client.get("/api/openapi.json").json()
    assert set(schema["components"]["securitySchemes"]) == {"Session", "Token"}
    assert schema["components"]["securitySchemes"]["Token"]["scheme"] == "bearer"
