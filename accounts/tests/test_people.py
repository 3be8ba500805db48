"""Administrators invite people, set their role and scope, and deactivate them."""

import re

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from accounts.testing import client_as, make_people, make_user
from accounts.tokens import create_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return make_people()


@pytest.fixture
def admin(people):
    return client_as(people["admin"])


def test_an_invited_force_contributor_chooses_a_password_and_sees_their_forces_reports(admin, people):
    response = admin.post(
        "/people/invite/",
        {
            "email": "Analyst@Cheshire.Police.example",
            "first_name": "Sam",
            "last_name": "Analyst",
            "role": Role.FORCE_CONTRIBUTOR,
            "force": people["force"].force_id,
        },
    )
    assert response.status_code == 302
    person = User.objects.get(username="analyst@cheshire.police.example")
    assert person.office == people["admin"].office and person.force.code == "cheshire"
    assert not person.has_usable_password()
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/password-reset/\S+/)", message.body).group(1)
    client = Client()
    form = client.get(link, follow=True)
    password = "a long passphrase for sam"
    client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert client.post("/sign-in/", {"username": person.username, "password": password}).status_code == 302
    assert client.get("/reports/").status_code == 200 and client.get("/deadlines/").status_code == 403


def test_a_force_contributor_needs_a_force(admin):
    page = admin.post(
        "/people/invite/",
        {"email": "x@example.org", "first_name": "X", "last_name": "Y", "role": Role.FORCE_CONTRIBUTOR},
    ).content.decode()
    assert "Choose the force this force contributor works for" in page and not mail.outbox


def test_an_address_with_an_account_is_not_invited_twice(admin, people):
    page = admin.post(
        "/people/invite/",
        {"email": people["officer"].email, "first_name": "A", "last_name": "B", "role": Role.OPCC_OFFICER},
    ).content.decode()
    assert "already has an account" in page


def test_deactivating_someone_ends_their_access_and_revokes_their_tokens(admin, people):
    officer = people["officer"]
    key = create_token(user=officer, name="Script")[1]
    their_browser = client_as(officer)
    response = admin.post(
        f"/people/{officer.pk}/", {"action": "save", "role": Role.OPCC_OFFICER, "is_active": ""}
    )
    assert response.status_code == 302
    assert their_browser.get("/reports/").status_code == 302  # sent to sign in
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/reports").status_code == 401


def test_a_role_change_drops_the_old_scope(admin, people):
    contributor = people["force"]
    admin.post(f"/people/{contributor.pk}/", {"action": "save", "role": Role.PANEL_MEMBER, "is_active": "on"})
    contributor.refresh_from_db()
    assert contributor.role == Role.PANEL_MEMBER and contributor.force is None


def test_the_office_keeps_an_active_administrator(admin, people):
    me = people["admin"]
    page = admin.post(
        f"/people/{me.pk}/", {"action": "save", "role": Role.OPCC_OFFICER, "is_active": "on"}
    ).content.decode()
    assert "needs at least one active administrator" in page
    me.refresh_from_db()
    assert me.role == Role.OPCC_ADMIN


def test_two_factor_sign_in_can_be_reset(admin, people):
    person = people["officer"]
    TOTPDevice.objects.create(user=person, name="Lost phone", confirmed=True)
    admin.post(f"/people/{person.pk}/", {"action": "reset-two-factor"})
    assert not TOTPDevice.objects.filter(user=person).exists()


def test_administrators_manage_only_their_own_offices_people(admin, people):
    assert admin.get(f"/people/{people['other-office'].pk}/").status_code == 404
    page = admin.get("/people/").content.decode()
    assert people["officer"].username in page and people["other-office"].username not in page
    make_user(username="merseyside-admin", role=Role.OPCC_ADMIN, office=people["other-office"].office)
    assert "merseyside-admin" not in admin.get("/people/").content.decode()
