"""Two-factor sign-in cannot be got round with a password: setting up, replacing and recovering."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from accounts.services import reset_two_factor
from accounts.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    now = totp(device.bin_key, step=device.step, t0=device.t0 - steps_ahead * device.step, digits=6)
    return f"{now:06d}"


def unthrottle(*devices) -> None:
    """django-otp refuses a code for a second after a wrong one; tests do not wait."""
    TOTPDevice.objects.filter(pk__in=[d.pk for d in devices]).update(throttling_failure_timestamp=None)


@pytest.fixture
def admin():
    return make_user(username="office-admin", role=Role.OPCC_ADMIN)


@pytest.fixture
def phone(admin):
    return TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)


def password_only(person) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": person.username, "password": PASSWORD, "next": "/"})
    assert response.status_code == 302
    return client


def test_a_password_alone_cannot_set_up_a_new_authenticator_over_an_existing_one(admin, phone):
    attacker = password_only(admin)
    page = attacker.get("/two-factor/set-up/")
    assert page.status_code == 302 and page.url.startswith("/two-factor/?next=")
    assert not TOTPDevice.objects.filter(user=admin, confirmed=False).exists()  # no key was handed out
    # Even with a pending device of their own making, confirming it is refused and the phone stays.
    own = TOTPDevice.objects.create(user=admin, name="Attacker", confirmed=False)
    response = attacker.post("/two-factor/set-up/", {"code": code_for(own), "next": "/people/"})
    assert response.status_code == 302 and response.url.startswith("/two-factor/")
    assert list(TOTPDevice.objects.filter(user=admin, confirmed=True)) == [phone]
    assert attacker.get("/people/").url.startswith("/two-factor/?next=")
    assert attacker.get("/audit/").status_code == 302
    assert attacker.get("/api/reports").status_code == 403


def test_replacing_an_authenticator_needs_a_code_from_the_current_one(admin, phone):
    client = password_only(admin)
    assert client.post("/two-factor/", {"code": code_for(phone)}).status_code == 302
    page = client.get("/two-factor/set-up/").content.decode()
    assert "Replace your authenticator app" in page and "Code from the authenticator app you use now" in page
    new = TOTPDevice.objects.get(user=admin, confirmed=False)
    refused = client.post("/two-factor/set-up/", {"current": "000000", "code": code_for(new)})
    assert refused.status_code == 200
    assert "Enter a code from the authenticator app you use now" in refused.content.decode()
    assert list(TOTPDevice.objects.filter(user=admin, confirmed=True)) == [phone]
    unthrottle(phone, new)
    done = client.post("/two-factor/set-up/", {"current": code_for(phone, 1), "code": code_for(new)})
    assert done.status_code == 302 and done.url.startswith("/two-factor/recovery-codes/")
    assert list(TOTPDevice.objects.filter(user=admin, confirmed=True)) == [new]


def test_recovery_codes_are_shown_once_and_each_signs_in_once(admin):
    client = password_only(admin)
    client.get("/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    done = client.post("/two-factor/set-up/", {"code": code_for(device), "next": "/"})
    page = client.get(done.url).content.decode()
    codes = re.findall(r'<code class="app-key">([a-z0-9]+)</code>', page)
    assert len(codes) == 10 and len(set(codes)) == 10
    again = client.get("/two-factor/recovery-codes/").content.decode()
    assert not set(codes) & set(re.findall(r"[a-z0-9]{8}", again)) and "10 unused recovery codes" in again

    phone_lost = password_only(admin)
    assert phone_lost.post("/two-factor/", {"code": codes[0].upper(), "next": "/people/"}).url == "/people/"
    assert phone_lost.get("/people/").status_code == 200
    assert StaticToken.objects.filter(device__user=admin).count() == 9
    reused = password_only(admin)
    assert reused.post("/two-factor/", {"code": codes[0]}).status_code == 200  # used up
    assert reused.get("/people/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(admin, phone):
    client = password_only(admin)
    client.post("/two-factor/", {"code": code_for(phone)})
    first = client.post("/two-factor/recovery-codes/", follow=True).content.decode()
    second = client.post("/two-factor/recovery-codes/", follow=True).content.decode()
    old = re.findall(r'<code class="app-key">([a-z0-9]+)</code>', first)
    new = re.findall(r'<code class="app-key">([a-z0-9]+)</code>', second)
    assert len(old) == len(new) == 10 and not set(old) & set(new)
    assert set(StaticToken.objects.filter(device__user=admin).values_list("token", flat=True)) == set(new)


def test_recovery_codes_need_a_verified_session(admin, phone):
    client = password_only(admin)
    response = client.post("/two-factor/recovery-codes/")
    assert response.status_code == 302 and response.url.startswith("/two-factor/?next=")
    assert not StaticToken.objects.filter(device__user=admin).exists()


def test_an_administrators_reset_forgets_the_authenticator_and_the_recovery_codes(admin, phone):
    from accounts.two_factor import new_recovery_codes

    new_recovery_codes(admin)
    assert reset_two_factor(person=admin) >= 2
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert not StaticToken.objects.filter(device__user=admin).exists()
    assert password_only(admin).get("/").url.startswith("/two-factor/set-up/")
