"""Signing in: Argon2 hashes, lockout, two-factor sign-in, password reset, sessions, production settings."""

import os
import re
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from accounts.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def sign_in_with_password(client, username, password=PASSWORD, next_path="/"):
    return client.post("/sign-in/", {"username": username, "password": password, "next": next_path})


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]  # as in production
    assert make_user(username="hashed").password.startswith("argon2")


def test_sessions_end_when_idle_and_when_the_browser_closes(signed_in):
    signed_in.get("/")
    assert signed_in.session.get_expire_at_browser_close()
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_AGE == 8 * 3600


def test_repeated_wrong_passwords_lock_the_username(client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in_with_password(client, user.username, "wrong").status_code == 200
    assert sign_in_with_password(client, user.username, "wrong").status_code == 429  # the last one allowed
    locked = sign_in_with_password(client, user.username)  # even the right password, now
    assert locked.status_code == 429 and "Sign-in locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    other = make_user(username="someone-else")
    assert sign_in_with_password(Client(), other.username).status_code == 302  # others sign in as usual
    AccessAttempt.objects.all().delete()  # an administrator clears it (axes_reset), or the cool-off ends
    assert sign_in_with_password(client, user.username).status_code == 302


def test_an_administrator_must_set_up_two_factor_sign_in_before_anything_else(client):
    admin = make_user(username="office-admin", role=Role.OPCC_ADMIN)
    response = sign_in_with_password(client, admin.username, next_path="/reports/")
    assert response.status_code == 302, response.content.decode()
    page = client.get("/reports/")
    assert page.status_code == 302 and page.url.startswith("/two-factor/set-up/")
    assert client.get("/api/reports").status_code == 403
    setup = client.get(page.url).content.decode()
    assert "Set up two-factor sign-in" in setup and "<svg" in setup
    assert 'href="/reports/"' not in setup  # no menu of pages that would only send them back here
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    wrong = client.post("/two-factor/set-up/", {"code": "000000", "next": "/reports/"})
    assert "The code is wrong or has expired" in wrong.content.decode()
    # django-otp slows guessing: after a wrong code the next is refused for a second, then doubling.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    done = client.post("/two-factor/set-up/", {"code": code_for(device), "next": "/reports/"})
    assert done.status_code == 302 and done.url == "/two-factor/recovery-codes/?next=%2Freports%2F"
    codes = client.get(done.url).content.decode()
    assert "will not be shown again" in codes and 'href="/reports/"' in codes
    assert client.get("/reports/").status_code == 200
    assert client.get("/api/reports").status_code == 200


def test_a_custody_user_gives_a_code_at_every_sign_in(client):
    person = make_user(username="custody-analyst", custody_access=True)
    device = TOTPDevice.objects.create(user=person, name="Phone", confirmed=True)
    sign_in_with_password(client, person.username)
    page = client.get("/")
    assert page.status_code == 302 and page.url.startswith("/two-factor/?next=")
    assert client.post("/two-factor/", {"code": code_for(device), "next": "/"}).status_code == 302
    assert client.get("/").status_code == 200


def test_too_many_wrong_codes_end_the_session(client):
    person = make_user(username="office-admin", role=Role.OPCC_ADMIN)
    TOTPDevice.objects.create(user=person, name="Phone", confirmed=True)
    sign_in_with_password(client, person.username)
    for _ in range(4):
        assert client.post("/two-factor/", {"code": "000000"}).status_code == 200
    response = client.post("/two-factor/", {"code": "000000"})
    assert response.status_code == 302 and response.url == "/sign-in/"
    assert "_auth_user_id" not in client.session


def test_officers_are_not_asked_for_a_second_factor(client, user):
    sign_in_with_password(client, user.username)
    assert client.get("/").status_code == 200


def test_a_forgotten_password_is_reset_by_an_emailed_link(client, user):
    response = client.post("/password-reset/", {"email": user.email})
    assert response.status_code == 302 and response.url == "/password-reset/sent/"
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/password-reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "a much longer passphrase for scrutiny"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done.url == "/password-reset/done/"
    assert sign_in_with_password(Client(), user.username, new).status_code == 302
    assert "This link has expired" in client.get(link, follow=True).content.decode()  # used once only


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response.url == "/password-reset/sent/" and not mail.outbox


def test_production_settings_pass_the_deployment_checks(tmp_path):
    environment = {
        **os.environ,
        "SCRUTINY_PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-enough-" + "x7Qp2Lm9" * 4,
        "ALLOWED_HOSTS": "scrutiny.example.org",
        "SCRUTINY_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "scrutiny.settings",
    }
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_debug(tmp_path):
    environment = {
        **os.environ,
        "SCRUTINY_PRODUCTION": "true",
        "DEBUG": "true",
        "SCRUTINY_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "scrutiny.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "cannot run with DEBUG=true" in result.stderr
