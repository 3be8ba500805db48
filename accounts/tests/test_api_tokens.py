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


def with_two_factor(person):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=person, name="Phone", confirmed=True)
    return person


def test_a_token_made_before_a_custody_grant_gives_no_custody_access():
    from accounts.tokens import user_for_key

    person = with_two_factor(make_user(username="analyst"))
    key = create_token(user=person, name="Script")[1]
    person.custody_access = True
    person.save()
    assert api(key).get("/api/custody/imports").status_code == 403
    assert user_for_key(key).custody_access is False


def test_a_token_made_before_promotion_to_administrator_does_not_administer():
    from accounts.access import is_office_admin
    from accounts.tokens import user_for_key

    person = with_two_factor(make_user(username="promoted"))
    key = create_token(user=person, name="Script")[1]
    person.role = Role.OPCC_ADMIN
    person.save()
    assert not is_office_admin(user_for_key(key))
    superuser = with_two_factor(make_user(username="root", office=None, is_superuser=True))
    assert user_for_key(create_token(user=superuser, name="Plain")[1]).is_superuser is False


def test_a_custody_or_administration_token_needs_two_factor_set_up():
    from accounts.tokens import TokenRefused

    analyst = make_user(username="analyst", custody_access=True)
    admin = make_user(username="admin", role=Role.OPCC_ADMIN)
    with pytest.raises(TokenRefused, match="two-factor"):
        create_token(user=analyst, name="Custody script", custody=True)
    with pytest.raises(TokenRefused, match="two-factor"):
        create_token(user=admin, name="Admin script", administers=True)
    with pytest.raises(TokenRefused, match="custody permission"):
        create_token(user=with_two_factor(make_user(username="officer")), name="x", custody=True)
    key = create_token(user=with_two_factor(analyst), name="Custody script", custody=True)[1]
    assert api(key).get("/api/custody/imports").status_code == 200


def test_a_token_narrows_when_its_owner_loses_the_right_or_two_factor():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    analyst = with_two_factor(make_user(username="analyst", custody_access=True))
    key = create_token(user=analyst, name="Custody script", custody=True)[1]
    assert api(key).get("/api/custody/imports").status_code == 200
    TOTPDevice.objects.filter(user=analyst).delete()  # an administrator reset their two-factor sign-in
    assert api(key).get("/api/custody/imports").status_code == 403
    with_two_factor(analyst)
    analyst.custody_access = False
    analyst.save()
    assert api(key).get("/api/custody/imports").status_code == 403


def test_a_token_expires_and_is_pruned_a_month_later(user):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.tokens import prune

    token, key = create_token(user=user, name="Script")
    assert token.expires_at - timezone.now() > timedelta(days=89)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert api(key).get("/api/reports").status_code == 401
    assert prune() == 0  # kept a month, so its owner sees what stopped working
    assert prune(now=timezone.now() + timedelta(days=31)) == 1


def test_the_person_a_token_narrows_is_never_saved():
    from accounts.tokens import user_for_key

    person = with_two_factor(make_user(username="admin", role=Role.OPCC_ADMIN))
    narrowed = user_for_key(create_token(user=person, name="Script")[1])
    assert narrowed.role == Role.OPCC_OFFICER
    with pytest.raises(RuntimeError):
        narrowed.save()
    person.refresh_from_db()
    assert person.role == Role.OPCC_ADMIN


def test_the_page_offers_only_the_rights_the_person_holds(user):
    from accounts.testing import client_as

    page = client_as(user).get("/api-tokens/").content.decode()
    assert "It reads custody records" not in page and "It administers" not in page
    analyst = make_user(username="analyst", custody_access=True)
    page = client_as(analyst).post("/api-tokens/", {"name": "Custody", "custody": "on"}).content.decode()
    assert "Custody records" in page and ApiToken.objects.get(user=analyst).custody
